//! The policy as written: values with their places, before any rule is applied.
//!
//! The macro fills it from tokens (places are spans); a runtime configuration fills it
//! from its source (places are key paths). Both then call [`check`](crate::check).

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct At<T, L> {
    /// The value.
    pub value: T,
    /// Where.
    pub at: L,
}

impl<T, L> At<T, L> {
    /// Pairs a value with its place.
    pub fn new(value: T, at: L) -> Self {
        At { value, at }
    }
}

/// The value of a list key (`origin`, `methods`, `allow_headers`, `expose_headers`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListValue<L> {
    /// A bare `*`.
    Any(L),
    /// A list of strings (a single string is a list of one), with the list's place.
    List {
        /// The entries.
        items: Vec<At<String, L>>,
        /// The whole list.
        at: L,
    },
}

/// Every key of a policy as written; `None` where the key is absent.
///
/// # Example
///
/// ```
/// use cors_core::{check, At, ListValue, PolicyInput};
///
/// let input = PolicyInput {
///     origin: Some(ListValue::List {
///         items: vec![At::new("https://app.example.com/".to_string(), "origin[0]")],
///         at: "origin",
///     }),
///     ..PolicyInput::new("policy")
/// };
/// let errors = check(&input).unwrap_err();
/// assert_eq!(errors[0].at, "origin[0]");
/// assert_eq!(
///     errors[0].to_string(),
///     "origin `https://app.example.com/` ends with a slash; an origin has no path, \
///      and browsers never send one [O4]\n= help: write `https://app.example.com`"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyInput<L> {
    /// The whole policy (where a missing `origin` is reported).
    pub at: L,
    /// `origin`.
    pub origin: Option<ListValue<L>>,
    /// `methods`.
    pub methods: Option<ListValue<L>>,
    /// `allow_headers`.
    pub allow_headers: Option<ListValue<L>>,
    /// `expose_headers`.
    pub expose_headers: Option<ListValue<L>>,
    /// `credentials`.
    pub credentials: Option<At<bool, L>>,
    /// `max_age`.
    pub max_age: Option<At<i64, L>>,
    /// `private_network`.
    pub private_network: Option<At<bool, L>>,
    /// `preflight_status`.
    pub preflight_status: Option<At<i64, L>>,
    /// `preflight_continue`.
    pub preflight_continue: Option<At<bool, L>>,
    /// `dangerously_allow_null_origin`.
    pub dangerously_allow_null_origin: Option<At<bool, L>>,
    /// `dangerously_allow_insecure_origins`.
    pub dangerously_allow_insecure_origins: Option<At<bool, L>>,
    /// `cross_origin_protection`.
    pub cross_origin_protection: Option<At<bool, L>>,
}

impl<L> PolicyInput<L> {
    /// A policy with no key set, written at `at`.
    pub fn new(at: L) -> Self {
        PolicyInput {
            at,
            origin: None,
            methods: None,
            allow_headers: None,
            expose_headers: None,
            credentials: None,
            max_age: None,
            private_network: None,
            preflight_status: None,
            preflight_continue: None,
            dangerously_allow_null_origin: None,
            dangerously_allow_insecure_origins: None,
            cross_origin_protection: None,
        }
    }
}

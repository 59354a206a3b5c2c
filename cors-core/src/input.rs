//! The policy as written: values with their places, before any rule is applied.
//!
//! The macro fills it from tokens (places are spans); a runtime configuration fills it
//! from its source (places are key paths). Both go through the
//! [`Intake`](crate::Intake), which calls [`check`](crate::check).

use crate::key::Key;

/// A value and where it was written.
///
/// # Example
///
/// A violation is reported where its value was written:
///
/// ```
/// use cors_policy_core::{check, At, ListValue, PolicyInput, Rule};
///
/// let mut input = PolicyInput::new("cors");
/// input.origin = Some(ListValue::Any("cors.origin"));
/// input.max_age = Some(At::new(90_000, "cors.max_age"));
/// let errors = check(&input).unwrap_err();
/// assert_eq!((errors[0].rule(), errors[0].at), (Rule::A1, "cors.max_age"));
/// ```
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
///
/// # Example
///
/// ```
/// use cors_policy_core::{check, At, ListValue, Origins, PolicyInput, Rule};
///
/// let mut input = PolicyInput::new(());
/// input.origin = Some(ListValue::Any(()));
/// assert_eq!(check(&input).unwrap().origins(), &Origins::Any);
/// input.origin = Some(ListValue::List { items: vec![], at: () });
/// assert_eq!(check(&input).unwrap_err()[0].rule(), Rule::O1); // an empty list allows nothing
/// input.origin = Some(ListValue::List { items: vec![At::new("https://app.example.com".into(), ())], at: () });
/// assert!(check(&input).is_ok());
/// ```
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
/// use cors_policy_core::{check, At, ListValue, PolicyInput};
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

/// The slot of one key in a [`PolicyInput`], by the kind of value it holds.
///
/// # Example
///
/// ```
/// use cors_policy_core::{Key, PolicyInput, Slot, ValueKind};
///
/// let mut input = PolicyInput::new(());
/// for &key in Key::ALL {
///     let kind = match input.slot(key) {
///         Slot::List(_) => ValueKind::List,
///         Slot::Bool(_) => ValueKind::Bool,
///         Slot::Integer(_) => ValueKind::Integer,
///     };
///     assert_eq!(kind, key.kind(), "{key}");
/// }
/// ```
#[derive(Debug)]
pub enum Slot<'a, L> {
    /// A list key's value.
    List(&'a mut Option<ListValue<L>>),
    /// A flag's value.
    Bool(&'a mut Option<At<bool, L>>),
    /// A number's value.
    Integer(&'a mut Option<At<i64, L>>),
}

impl<L> PolicyInput<L> {
    /// The slot that holds `key`'s value: the one map from keys to fields.
    ///
    /// ```
    /// use cors_policy_core::{At, Key, PolicyInput, Slot};
    ///
    /// let mut input = PolicyInput::new(());
    /// if let Slot::Integer(slot) = input.slot(Key::MaxAge) {
    ///     *slot = Some(At::new(600, ()));
    /// }
    /// assert_eq!(input.max_age, Some(At::new(600, ())));
    /// ```
    pub fn slot(&mut self, key: Key) -> Slot<'_, L> {
        match key {
            Key::Origin => Slot::List(&mut self.origin),
            Key::Methods => Slot::List(&mut self.methods),
            Key::AllowHeaders => Slot::List(&mut self.allow_headers),
            Key::ExposeHeaders => Slot::List(&mut self.expose_headers),
            Key::Credentials => Slot::Bool(&mut self.credentials),
            Key::MaxAge => Slot::Integer(&mut self.max_age),
            Key::PrivateNetwork => Slot::Bool(&mut self.private_network),
            Key::PreflightStatus => Slot::Integer(&mut self.preflight_status),
            Key::PreflightContinue => Slot::Bool(&mut self.preflight_continue),
            Key::DangerouslyAllowNullOrigin => Slot::Bool(&mut self.dangerously_allow_null_origin),
            Key::DangerouslyAllowInsecureOrigins => {
                Slot::Bool(&mut self.dangerously_allow_insecure_origins)
            }
            Key::CrossOriginProtection => Slot::Bool(&mut self.cross_origin_protection),
        }
    }
}

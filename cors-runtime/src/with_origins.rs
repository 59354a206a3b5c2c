//! [`WithOrigins`]: a compile-time-checked policy whose origins come from configuration.

use cors_policy_core::{CorsPolicy, Key, Settings};

use crate::{Policy, PolicyBuilder, PolicyError};

/// Origins from configuration, not yet checked: the `origin` key and its two dangerous
/// opt-ins, for [`WithOrigins`].
///
/// Its methods are [`PolicyBuilder`]'s of the same names; the entries are placed the same
/// way in errors (`origin[1]`, `$CORS_ORIGINS[0]`). With the `serde` feature it
/// deserializes from what `origin` takes: a string, a list of strings, or `"*"`.
///
/// # Example
///
/// ```
/// use cors_runtime::OriginList;
///
/// let origins = OriginList::new()
///     .origin("https://app.example.com")
///     .origins_from_env("CORS_EXTRA_ORIGINS");
/// # let _ = origins;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OriginList {
    pub(crate) builder: PolicyBuilder,
}

impl OriginList {
    /// No origin yet (an error if it stays so: rule O1).
    ///
    /// ```
    /// assert_eq!(cors_runtime::OriginList::new(), Default::default());
    /// ```
    pub fn new() -> Self {
        OriginList::default()
    }

    /// The origins of the environment variable `var`: see
    /// [`PolicyBuilder::origins_from_env`].
    ///
    /// ```
    /// use cors_runtime::{cors, Location, OriginList, Rule, WithOrigins};
    ///
    /// let error = WithOrigins::new(
    ///     cors! { origin: "http://localhost:3000" },
    ///     OriginList::from_env("UNSET_CORS_ORIGINS"),
    /// )
    /// .unwrap_err();
    /// assert!(error.breaks(Rule::O1));
    /// assert_eq!(error.violations()[0].at.to_string(), "$UNSET_CORS_ORIGINS");
    /// ```
    pub fn from_env(var: &str) -> Self {
        OriginList::new().origins_from_env(var)
    }

    /// See [`PolicyBuilder::origin`].
    ///
    /// ```
    /// let origins = cors_runtime::OriginList::new().origin("https://app.example.com");
    /// # let _ = origins;
    /// ```
    pub fn origin(self, origin: impl Into<String>) -> Self {
        self.map(|builder| builder.origin(origin))
    }

    /// See [`PolicyBuilder::origins`].
    ///
    /// ```
    /// let origins = cors_runtime::OriginList::new().origins(["https://a.example", "https://b.example"]);
    /// # let _ = origins;
    /// ```
    pub fn origins<I>(self, origins: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.map(|builder| builder.origins(origins))
    }

    /// See [`PolicyBuilder::any_origin`].
    ///
    /// ```
    /// let origins = cors_runtime::OriginList::new().any_origin();
    /// # let _ = origins;
    /// ```
    pub fn any_origin(self) -> Self {
        self.map(PolicyBuilder::any_origin)
    }

    /// See [`PolicyBuilder::origins_from_env`].
    ///
    /// ```
    /// let origins = cors_runtime::OriginList::new()
    ///     .origin("https://app.example.com")
    ///     .origins_from_env("CORS_PREVIEW_ORIGINS");
    /// # let _ = origins;
    /// ```
    pub fn origins_from_env(self, var: &str) -> Self {
        self.map(|builder| builder.origins_from_env(var))
    }

    /// See [`PolicyBuilder::dangerously_allow_null_origin`].
    ///
    /// ```
    /// let origins = cors_runtime::OriginList::new().origin("null").dangerously_allow_null_origin(true);
    /// # let _ = origins;
    /// ```
    pub fn dangerously_allow_null_origin(self, on: bool) -> Self {
        self.map(|builder| builder.dangerously_allow_null_origin(on))
    }

    /// See [`PolicyBuilder::dangerously_allow_insecure_origins`].
    ///
    /// ```
    /// let origins = cors_runtime::OriginList::new()
    ///     .origin("http://intranet.example")
    ///     .dangerously_allow_insecure_origins(true);
    /// # let _ = origins;
    /// ```
    pub fn dangerously_allow_insecure_origins(self, on: bool) -> Self {
        self.map(|builder| builder.dangerously_allow_insecure_origins(on))
    }

    fn map(self, set: impl FnOnce(PolicyBuilder) -> PolicyBuilder) -> Self {
        OriginList {
            builder: set(self.builder),
        }
    }
}

/// A policy (typically a `cors!` one) whose allowed origins are replaced by origins
/// from configuration, checked when it is made.
///
/// Every key but `origin` keeps its compile-time check. The origins are checked by
/// [`WithOrigins::new`] with the same origin rules (O1–O14) as `cors!`, against the
/// policy's own flags: with `credentials: true`, `*` is refused (O3) and so are
/// plain-`http` non-loopback origins (O13); with `private_network: true`, `*` is refused
/// (P1); with `cross_origin_protection: true`, `*` (C1) and an opted-in `null` (C2).
///
/// # The trade-off
///
/// - **Moved to start-up**: every check of the origins. A typo in `CORS_ORIGINS` is an
///   `Err` when the server starts, not a compile error; handle it by refusing to start.
/// - **Kept at compile time**: methods, headers, exposed headers, `max_age`,
///   `preflight_status`, the key rules, and the credential rules of methods and headers
///   (M3, H4, E3).
/// - **Replaced, not merged**: the origins written in `cors!` (which the macro requires)
///   are not used by the combined policy. Write the development origins there and use
///   the macro policy alone when no configuration is given, as in the example.
/// - **Speed**: origins are matched by lookup tables (a binary search and the patterns
///   in order) instead of generated code; still no allocation per request. The other
///   matchers stay generated code.
///
/// # Example
///
/// ```
/// use cors_runtime::{cors, CorsPolicy, OriginList, WithOrigins};
///
/// let policy = cors! {
///     origin: "http://localhost:3000", // development
///     methods: [PUT, DELETE],
///     allow_headers: ["content-type"],
///     credentials: true,
/// };
/// // In production, e.g. from `OriginList::from_env("CORS_ORIGINS")`:
/// let origins = OriginList::new().origins(["https://app.example.com", "https://*.example.org"]);
/// let policy = WithOrigins::new(policy, origins)?;
/// assert!(policy.allows_origin(b"https://eu.example.org"));
/// assert!(!policy.allows_origin(b"http://localhost:3000"));
/// assert!(policy.allows_method(b"PUT"));
///
/// // The macro's credentials flag is enforced on the configured origins:
/// let error = WithOrigins::new(policy.inner().clone(), OriginList::new().any_origin()).unwrap_err();
/// assert!(error.to_string().contains("[O3]"));
/// # Ok::<(), cors_runtime::PolicyError>(())
/// ```
#[derive(Clone, Debug)]
pub struct WithOrigins<P> {
    policy: P,
    origins: Policy,
}

impl<P: CorsPolicy> WithOrigins<P> {
    /// Replaces `policy`'s origins with `origins`, checked against its credentials,
    /// private-network and cross-origin-protection flags; every problem is returned, placed like a builder's.
    ///
    /// ```
    /// use cors_runtime::{cors, OriginList, Rule, WithOrigins};
    ///
    /// let policy = cors! { origin: "https://app.example.com", credentials: true };
    /// let error = WithOrigins::new(policy, OriginList::new().origin("http://app.example.com"))
    ///     .unwrap_err();
    /// assert!(error.breaks(Rule::O13));
    /// assert_eq!(error.violations()[0].at.to_string(), "origin[0]");
    /// ```
    pub fn new(policy: P, origins: OriginList) -> Result<Self, PolicyError> {
        let settings = policy.settings();
        let origins = origins
            .builder
            .inherited_flag(Key::Credentials, settings.credentials)
            .inherited_flag(Key::PrivateNetwork, settings.private_network)
            .inherited_flag(Key::CrossOriginProtection, settings.cross_origin_protection)
            .build()?;
        Ok(WithOrigins { policy, origins })
    }

    /// The policy whose origins were replaced.
    ///
    /// ```
    /// use cors_runtime::{cors, OriginList, WithOrigins};
    ///
    /// let policy = WithOrigins::new(cors! { origin: "http://localhost:3000" }, OriginList::new().origin("https://a.example"))?;
    /// assert_eq!(std::mem::size_of_val(policy.inner()), 0);
    /// # Ok::<(), cors_runtime::PolicyError>(())
    /// ```
    pub fn inner(&self) -> &P {
        &self.policy
    }
}

impl<P: CorsPolicy> CorsPolicy for WithOrigins<P> {
    #[inline]
    fn allows_origin(&self, origin: &[u8]) -> bool {
        self.origins.allows_origin(origin)
    }

    #[inline]
    fn allows_method(&self, method: &[u8]) -> bool {
        self.policy.allows_method(method)
    }

    #[inline]
    fn allows_request_header(&self, name: &[u8]) -> bool {
        self.policy.allows_request_header(name)
    }

    #[inline]
    fn settings(&self) -> Settings<'_> {
        Settings {
            any_origin: self.origins.settings().any_origin,
            ..self.policy.settings()
        }
    }
}

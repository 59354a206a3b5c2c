//! [`PolicyBuilder`]: a policy's keys set from code or configuration, checked by
//! [`build`](PolicyBuilder::build) with the rules `cors!` applies at compile time.

use cors_policy_core::{At, Intake, Key, Slot, Spelling, Violation};

use crate::list::{push_entries, push_env};
use crate::{Location, Policy, PolicyError};

/// The keys of a policy, set one by one, checked all at once by
/// [`build`](PolicyBuilder::build).
///
/// Each method sets the `cors!` key of the same name (see [`cors!`](crate::cors) for
/// what each takes). The list methods append, so `.origin(a).origin(b)` allows both;
/// the other methods replace an earlier call's value. Nothing is checked before
/// `build`, which reports every problem at once, each placed at the entry or key that
/// is wrong: `origin[1]`, `max_age`, `$CORS_ORIGINS[0]`.
///
/// With the `serde` feature a builder can also be deserialized (unchecked; `build`
/// checks it), which is how [`Policy`]'s own `Deserialize` works.
///
/// # Example
///
/// ```
/// use cors_runtime::{CorsPolicy, Policy};
///
/// let policy = Policy::builder()
///     .origins(["https://app.example.com", "https://*.example.org"])
///     .methods(["GET", "PUT", "DELETE"])
///     .allow_headers(["content-type", "authorization"])
///     .credentials(true)
///     .max_age(600)
///     .build()?;
/// assert!(policy.allows_origin(b"https://eu.example.org"));
/// assert!(!policy.allows_origin(b"https://example.org"));
/// # Ok::<(), cors_runtime::PolicyError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyBuilder {
    /// The values given so far, read by the intake `cors!` uses (rules K1–K3, the
    /// cascade filter, then every other rule in `build`).
    pub(crate) intake: Intake<Location>,
    /// Problems found while reading a configuration (rules K1–K3, a variable that is not
    /// UTF-8), reported before the others, as `cors!` does.
    pub(crate) problems: Vec<Violation<Location>>,
    /// How the fixes in a [`PolicyError`] are worded: builder calls, or configuration
    /// keys once deserialized.
    pub(crate) spelling: Spelling,
}

impl Default for PolicyBuilder {
    fn default() -> Self {
        PolicyBuilder {
            intake: Intake::new(Location::Policy),
            problems: Vec::new(),
            spelling: Spelling::Builder,
        }
    }
}

impl PolicyBuilder {
    /// A builder with no key set; the same as [`Policy::builder`].
    ///
    /// ```
    /// use cors_runtime::{Policy, PolicyBuilder};
    /// assert_eq!(PolicyBuilder::new(), Policy::builder());
    /// ```
    pub fn new() -> Self {
        PolicyBuilder::default()
    }

    /// Allows one more origin (`origin`): a serialized origin such as
    /// `https://app.example.com`, a pattern (`https://*.example.com`,
    /// `http://localhost:*`), `*`, or `null` with its dangerous opt-in.
    ///
    /// ```
    /// use cors_runtime::{CorsPolicy, Policy};
    ///
    /// let policy = Policy::builder()
    ///     .origin("https://app.example.com")
    ///     .origin("http://localhost:*")
    ///     .build()?;
    /// assert!(policy.allows_origin(b"http://localhost:5173"));
    /// # Ok::<(), cors_runtime::PolicyError>(())
    /// ```
    pub fn origin(self, origin: impl Into<String>) -> Self {
        self.origins([origin])
    }

    /// Allows more origins (`origin`); each is checked like [`origin`](Self::origin)'s.
    /// An empty list is an error (rule O1).
    ///
    /// ```
    /// use cors_runtime::{Policy, Rule};
    ///
    /// let error = Policy::builder().origins(Vec::<String>::new()).build().unwrap_err();
    /// assert!(error.breaks(Rule::O1));
    /// ```
    pub fn origins<I>(mut self, origins: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        push_entries(self.list(Key::Origin), Key::Origin, origins);
        self
    }

    /// Allows every origin (`origin: *`): a public API. Not with credentials (rule O3)
    /// nor with other origins (O2).
    ///
    /// ```
    /// use cors_runtime::{CorsPolicy, Policy};
    ///
    /// let policy = Policy::builder().any_origin().build()?;
    /// assert!(policy.settings().any_origin);
    /// # Ok::<(), cors_runtime::PolicyError>(())
    /// ```
    pub fn any_origin(self) -> Self {
        self.origin("*")
    }

    /// Allows the origins listed in the environment variable `var`, separated by commas
    /// (spaces around each are trimmed, empty entries skipped). Problems are placed at
    /// `$var[n]`.
    ///
    /// The variable is read now. When it is unset nothing is added, and a policy whose
    /// only origins were to come from it is reported as having an empty `origin` at
    /// `$var` (rule O1) rather than silently refusing every origin. A value that is not
    /// UTF-8 is a K3 error at `$var`.
    ///
    /// ```
    /// use cors_runtime::{Location, Policy, Rule};
    ///
    /// // Extra origins for staging, none in development (the variable is unset here).
    /// let policy = Policy::builder()
    ///     .origin("http://localhost:3000")
    ///     .origins_from_env("MY_APP_EXTRA_CORS_ORIGINS")
    ///     .build();
    /// assert!(policy.is_ok());
    ///
    /// let error = Policy::builder()
    ///     .origins_from_env("MY_APP_CORS_ORIGINS")
    ///     .build()
    ///     .unwrap_err();
    /// assert!(error.breaks(Rule::O1));
    /// assert_eq!(error.violations()[0].at, Location::Env("MY_APP_CORS_ORIGINS".into()));
    /// ```
    pub fn origins_from_env(mut self, var: &str) -> Self {
        if let Some((problem, at)) = push_env(self.list(Key::Origin), Key::Origin, var) {
            self.intake.unreadable(Some(Key::Origin.name()));
            self.problems.push(problem.at(at));
        }
        self
    }

    /// Allows more methods (`methods`), besides `GET`, `HEAD` and `POST`, which are
    /// always allowed; `"*"` alone allows any (not with credentials).
    ///
    /// ```
    /// use cors_runtime::{CorsPolicy, Policy};
    ///
    /// let policy = Policy::builder().origin("https://a.example").methods(["PUT", "delete"]).build()?;
    /// assert_eq!(policy.settings().allow_methods, Some("PUT, DELETE"));
    /// # Ok::<(), cors_runtime::PolicyError>(())
    /// ```
    pub fn methods<I>(mut self, methods: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        push_entries(self.list(Key::Methods), Key::Methods, methods);
        self
    }

    /// Allows more request headers (`allow_headers`), case-insensitively; `"*"` allows
    /// any but `authorization`, which must be listed beside it.
    ///
    /// ```
    /// use cors_runtime::{CorsPolicy, Policy};
    ///
    /// let policy = Policy::builder()
    ///     .origin("https://a.example")
    ///     .allow_headers(["Content-Type", "x-api-key"])
    ///     .build()?;
    /// assert!(policy.allows_request_header(b"content-type"));
    /// # Ok::<(), cors_runtime::PolicyError>(())
    /// ```
    pub fn allow_headers<I>(mut self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        push_entries(self.list(Key::AllowHeaders), Key::AllowHeaders, names);
        self
    }

    /// Exposes more response headers to pages (`expose_headers`); `"*"` exposes all
    /// (not with credentials).
    ///
    /// ```
    /// use cors_runtime::{CorsPolicy, Policy};
    ///
    /// let policy = Policy::builder()
    ///     .origin("https://a.example")
    ///     .expose_headers(["X-Total-Count"])
    ///     .build()?;
    /// assert_eq!(policy.settings().expose_headers, Some("x-total-count"));
    /// # Ok::<(), cors_runtime::PolicyError>(())
    /// ```
    pub fn expose_headers<I>(mut self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        push_entries(self.list(Key::ExposeHeaders), Key::ExposeHeaders, names);
        self
    }

    /// Sends `Access-Control-Allow-Credentials: true` (`credentials`).
    ///
    /// ```
    /// use cors_runtime::{CorsPolicy, Policy};
    ///
    /// let policy = Policy::builder().origin("https://a.example").credentials(true).build()?;
    /// assert!(policy.settings().credentials);
    /// # Ok::<(), cors_runtime::PolicyError>(())
    /// ```
    pub fn credentials(self, on: bool) -> Self {
        self.flag(Key::Credentials, on)
    }

    /// How long browsers may cache a preflight, in seconds (`max_age`): 0..=86400.
    ///
    /// ```
    /// use cors_runtime::{Policy, Rule};
    ///
    /// let error = Policy::builder().origin("https://a.example").max_age(-1).build().unwrap_err();
    /// assert!(error.breaks(Rule::A1));
    /// ```
    pub fn max_age(self, seconds: impl Into<i64>) -> Self {
        self.number(Key::MaxAge, seconds.into())
    }

    /// Answers Private Network Access preflights (`private_network`); not with `*`.
    ///
    /// ```
    /// use cors_runtime::{CorsPolicy, Policy};
    ///
    /// let policy = Policy::builder().origin("https://a.example").private_network(true).build()?;
    /// assert!(policy.settings().private_network);
    /// # Ok::<(), cors_runtime::PolicyError>(())
    /// ```
    pub fn private_network(self, on: bool) -> Self {
        self.flag(Key::PrivateNetwork, on)
    }

    /// The status of accepted preflights (`preflight_status`): 200..=299, 204 by default.
    ///
    /// ```
    /// use cors_runtime::{CorsPolicy, Policy};
    ///
    /// let policy = Policy::builder().origin("https://a.example").preflight_status(200).build()?;
    /// assert_eq!(policy.settings().preflight_status, 200);
    /// # Ok::<(), cors_runtime::PolicyError>(())
    /// ```
    pub fn preflight_status(self, status: impl Into<i64>) -> Self {
        self.number(Key::PreflightStatus, status.into())
    }

    /// Passes accepted preflights on to the handler instead of answering them
    /// (`preflight_continue`).
    ///
    /// ```
    /// use cors_runtime::{CorsPolicy, Policy};
    ///
    /// let policy = Policy::builder().origin("https://a.example").preflight_continue(true).build()?;
    /// assert!(policy.settings().preflight_continue);
    /// # Ok::<(), cors_runtime::PolicyError>(())
    /// ```
    pub fn preflight_continue(self, on: bool) -> Self {
        self.flag(Key::PreflightContinue, on)
    }

    /// Refuses (403, before the handler runs) requests that can change state (every
    /// method but `GET`, `HEAD`, `OPTIONS`) and WebSocket handshakes from an origin that
    /// is neither the server's own nor allowed by the policy
    /// (`cross_origin_protection`); not with `*` (C1) nor the `null` origin (C2).
    ///
    /// ```
    /// use cors_runtime::{CorsPolicy, Policy, Probe};
    ///
    /// let policy = Policy::builder()
    ///     .origin("https://app.example.com")
    ///     .cross_origin_protection(true)
    ///     .build()?;
    /// assert!(policy.settings().cross_origin_protection);
    /// let answer = Probe::request("POST", "https://evil.example").fetch_site("cross-site").explain(&policy);
    /// assert_eq!(answer.status(), Some(403));
    /// # Ok::<(), cors_runtime::PolicyError>(())
    /// ```
    pub fn cross_origin_protection(self, on: bool) -> Self {
        self.flag(Key::CrossOriginProtection, on)
    }

    /// Lets `"null"` be listed as an origin (`dangerously_allow_null_origin`, rule O10):
    /// any site can make its requests carry `Origin: null`.
    ///
    /// ```
    /// use cors_runtime::{CorsPolicy, Policy};
    ///
    /// let policy = Policy::builder()
    ///     .origin("null")
    ///     .dangerously_allow_null_origin(true)
    ///     .build()?;
    /// assert!(policy.allows_origin(b"null"));
    /// # Ok::<(), cors_runtime::PolicyError>(())
    /// ```
    pub fn dangerously_allow_null_origin(self, on: bool) -> Self {
        self.flag(Key::DangerouslyAllowNullOrigin, on)
    }

    /// Lets plain-`http`, non-loopback origins be used with credentials
    /// (`dangerously_allow_insecure_origins`, rule O13).
    ///
    /// ```
    /// use cors_runtime::Policy;
    ///
    /// let policy = Policy::builder()
    ///     .origin("http://intranet.example")
    ///     .credentials(true)
    ///     .dangerously_allow_insecure_origins(true)
    ///     .build();
    /// assert!(policy.is_ok());
    /// ```
    pub fn dangerously_allow_insecure_origins(self, on: bool) -> Self {
        self.flag(Key::DangerouslyAllowInsecureOrigins, on)
    }

    /// Checks every key with the rules of `cors!` and compiles the lists into lookup
    /// tables, or returns every problem found.
    ///
    /// ```
    /// use cors_runtime::{Policy, Rule};
    ///
    /// let error = Policy::builder()
    ///     .origins(["https://a.example", "https://a.example"])
    ///     .allow_headers(["cookie"])
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(error.violations().len(), 2);
    /// assert!(error.breaks(Rule::O14) && error.breaks(Rule::H2));
    /// ```
    pub fn build(self) -> Result<Policy, PolicyError> {
        let mut violations = self.problems;
        match self.intake.finish() {
            Ok(compiled) if violations.is_empty() => return Ok(Policy::new(compiled)),
            Ok(_) => {}
            Err(found) => violations.extend(found),
        }
        Err(PolicyError::new(violations, &self.spelling))
    }

    /// The list slot of `key`, created on first use.
    fn list(&mut self, key: Key) -> &mut Option<cors_policy_core::ListValue<Location>> {
        match self.intake.slot(key) {
            Slot::List(slot) => slot,
            _ => unreachable!("{key} is a list key"),
        }
    }

    /// Sets the flag `key`, replacing an earlier value.
    fn flag(self, key: Key, on: bool) -> Self {
        self.flag_at(key, on, Location::key(key))
    }

    /// Sets the flag `key` as written elsewhere: by the policy that
    /// [`WithOrigins`](crate::WithOrigins) wraps.
    pub(crate) fn inherited_flag(self, key: Key, on: bool) -> Self {
        self.flag_at(key, on, Location::Inherited(key))
    }

    fn flag_at(mut self, key: Key, on: bool, at: Location) -> Self {
        if let Slot::Bool(slot) = self.intake.slot(key) {
            *slot = Some(At::new(on, at));
        }
        self
    }

    /// Sets the number `key`, replacing an earlier value.
    fn number(mut self, key: Key, value: i64) -> Self {
        if let Slot::Integer(slot) = self.intake.slot(key) {
            *slot = Some(At::new(value, Location::key(key)));
        }
        self
    }
}

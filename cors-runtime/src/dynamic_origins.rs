//! [`DynamicOrigins`]: a checked policy whose origins the application decides per
//! request, with a synchronous predicate; every origin it allows still passes the rules.

use std::panic::{AssertUnwindSafe, catch_unwind};

use cors_policy_core::{CorsPolicy, OriginRules, OriginVerdict, Settings};

/// The dangerous opt-ins an origin source may need, off by default: the same two keys
/// as [`PolicyBuilder`](crate::PolicyBuilder)'s, read by the same rules (O10, O13).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct OptIns {
    pub(crate) null: bool,
    pub(crate) insecure: bool,
}

impl OptIns {
    /// The rules an origin from a source must pass under `settings`.
    pub(crate) fn rules(self, settings: &Settings<'_>) -> OriginRules {
        OriginRules {
            credentials: settings.credentials,
            allow_null: self.null,
            allow_insecure: self.insecure,
            cross_origin_protection: settings.cross_origin_protection,
        }
    }
}

/// A policy (a `cors!` one, a [`Policy`](crate::Policy)…) whose allowed origins are
/// decided per request by a predicate the application owns: a tenant table, a feature
/// flag, anything that answers synchronously. For a lookup that must wait (a database),
/// see [`AsyncOrigins`](crate::AsyncOrigins).
///
/// Every key but `origin` is the policy's, checked as it was. The policy's own origins
/// are not used: the predicate decides, and responses echo the origin (never `*`).
///
/// # The rules are kept
///
/// The predicate is asked only about an origin that a policy could list literally:
/// before it is called, the request's `Origin` bytes pass the origin rules of `cors!`
/// ([`OriginRules::check`]: a serialized origin (O4–O9), no `file:` (O11), at most
/// [`MAX_ORIGIN_LEN`](crate::engine::MAX_ORIGIN_LEN) bytes, not `null` unless
/// [`dangerously_allow_null_origin`](Self::dangerously_allow_null_origin) (O10) and
/// never under `cross_origin_protection` (C2), not plain `http` (but loopback) with credentials unless
/// [`dangerously_allow_insecure_origins`](Self::dangerously_allow_insecure_origins)
/// (O13)). An origin that breaks one is refused whatever the predicate would say, with
/// [`Reason::OriginBreaksRule`](crate::engine::Reason::OriginBreaksRule) naming the rule (in
/// [`Probe::explain`](crate::Probe::explain) and the `tracing` event). A predicate that
/// panics refuses the origin ([`Reason::OriginSourceFailed`](crate::engine::Reason::OriginSourceFailed)):
/// fail closed; the server goes on.
///
/// The predicate receives the origin as `&str`, already known to be a serialized origin
/// (lowercase, no default port), so comparing it with stored origins is exact.
///
/// Per request this costs the rule check, which parses the origin (a few small
/// allocations), and the predicate; a `cors!` policy's static path is unchanged.
///
/// # Example
///
/// ```
/// use std::collections::HashSet;
/// use cors_runtime::{cors, CorsPolicy, DynamicOrigins, Probe};
///
/// let tenants: HashSet<String> = ["https://acme.example", "http://beta.example"]
///     .map(String::from)
///     .into();
/// let policy = DynamicOrigins::new(
///     cors! { origin: "http://localhost:3000", methods: [PUT], credentials: true },
///     move |origin: &str| tenants.contains(origin),
/// );
/// assert!(policy.allows_origin(b"https://acme.example"));
/// assert!(!policy.allows_origin(b"https://other.example"));
///
/// // Registered, but plain http with credentials: refused by rule O13.
/// let answer = Probe::request("GET", "http://beta.example").explain(&policy);
/// assert_eq!(
///     answer.reason(),
///     "origin `http://beta.example` is refused by rule O13 (credentials require https \
///      (or loopback) origins), whatever the origin source says"
/// );
/// ```
#[derive(Clone, Copy, Debug)]
pub struct DynamicOrigins<P, F> {
    policy: P,
    allows: F,
    opt_ins: OptIns,
}

impl<P, F> DynamicOrigins<P, F>
where
    P: CorsPolicy,
    F: Fn(&str) -> bool + Send + Sync + 'static,
{
    /// `policy`'s settings, with origins allowed by `allows` (after the rules).
    ///
    /// ```
    /// use cors_runtime::{cors, CorsPolicy, DynamicOrigins};
    ///
    /// let policy = DynamicOrigins::new(cors! { origin: "http://localhost:3000" }, |origin: &str| {
    ///     origin.ends_with(".preview.example")
    /// });
    /// assert!(policy.allows_origin(b"https://pr-42.preview.example"));
    /// assert!(!policy.allows_origin(b"https://pr-42.preview.example/")); // O4
    /// ```
    pub fn new(policy: P, allows: F) -> Self {
        DynamicOrigins {
            policy,
            allows,
            opt_ins: OptIns::default(),
        }
    }
}

impl<P, F> DynamicOrigins<P, F> {
    /// Lets the predicate allow `null` (rule O10's opt-in): any site can send `null`
    /// (sandboxed iframes, `data:` pages), so allowing it is as open as `*`.
    ///
    /// ```
    /// use cors_runtime::{cors, CorsPolicy, DynamicOrigins};
    ///
    /// let policy = DynamicOrigins::new(cors! { origin: "http://localhost:3000" }, |_: &str| true);
    /// assert!(!policy.allows_origin(b"null"));
    /// assert!(policy.dangerously_allow_null_origin(true).allows_origin(b"null"));
    /// ```
    pub fn dangerously_allow_null_origin(mut self, on: bool) -> Self {
        self.opt_ins.null = on;
        self
    }

    /// Lets the predicate allow plain-`http` origins with credentials (rule O13's
    /// opt-in): anyone on the network path can impersonate them.
    ///
    /// ```
    /// use cors_runtime::{cors, CorsPolicy, DynamicOrigins};
    ///
    /// let policy = DynamicOrigins::new(cors! { origin: "http://localhost:3000", credentials: true }, |_: &str| true);
    /// assert!(!policy.allows_origin(b"http://intranet.example"));
    /// assert!(policy.dangerously_allow_insecure_origins(true).allows_origin(b"http://intranet.example"));
    /// ```
    pub fn dangerously_allow_insecure_origins(mut self, on: bool) -> Self {
        self.opt_ins.insecure = on;
        self
    }

    /// The policy whose origins the predicate decides.
    ///
    /// ```
    /// use cors_runtime::{cors, DynamicOrigins};
    ///
    /// let policy = DynamicOrigins::new(cors! { origin: "http://localhost:3000" }, |_: &str| false);
    /// assert_eq!(std::mem::size_of_val(policy.inner()), 0);
    /// ```
    pub fn inner(&self) -> &P {
        &self.policy
    }
}

impl<P, F> CorsPolicy for DynamicOrigins<P, F>
where
    P: CorsPolicy,
    F: Fn(&str) -> bool + Send + Sync + 'static,
{
    fn allows_origin(&self, origin: &[u8]) -> bool {
        self.judge_origin(origin).is_allowed()
    }

    fn judge_origin(&self, origin: &[u8]) -> OriginVerdict {
        if let Err(rule) = self.opt_ins.rules(&self.settings()).check(origin) {
            return OriginVerdict::BreaksRule(rule);
        }
        // `check` accepted it: UTF-8.
        let Ok(origin) = core::str::from_utf8(origin) else {
            return OriginVerdict::BreaksRule(cors_policy_core::Rule::O4);
        };
        match catch_unwind(AssertUnwindSafe(|| (self.allows)(origin))) {
            Ok(true) => OriginVerdict::Allowed,
            Ok(false) => OriginVerdict::NotAllowed,
            Err(_) => OriginVerdict::SourceFailed,
        }
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
            any_origin: false,
            ..self.policy.settings()
        }
    }

    #[inline]
    fn static_settings(&self) -> Option<Settings<'static>> {
        self.policy.static_settings().map(|settings| Settings {
            any_origin: false,
            ..settings
        })
    }
}

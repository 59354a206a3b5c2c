//! The policy trait: what a compiled (or runtime-built) CORS policy answers.

use crate::rule::Rule;

/// A CORS policy, as the request engine sees it.
///
/// The `cors!` macro generates a zero-sized type implementing this trait, whose
/// methods compile to byte comparisons and whose [`settings`](CorsPolicy::settings)
/// are constants. A runtime-built policy implements it with lookup tables built once.
///
/// The engine ([`decide`](crate::decide)) calls these methods; adapters never need to.
///
/// # Example
///
/// A hand-written policy (normally `cors!` writes this for you):
///
/// ```
/// use cors_policy_core::{CorsPolicy, Settings};
///
/// #[derive(Clone, Copy, Debug)]
/// struct OnlyApp;
///
/// impl CorsPolicy for OnlyApp {
///     fn allows_origin(&self, origin: &[u8]) -> bool {
///         origin == b"https://app.example.com"
///     }
///     fn allows_method(&self, method: &[u8]) -> bool {
///         method == b"PUT"
///     }
///     fn allows_request_header(&self, name: &[u8]) -> bool {
///         name.eq_ignore_ascii_case(b"content-type")
///     }
///     fn settings(&self) -> Settings<'_> {
///         Settings {
///             allow_methods: Some("PUT"),
///             allow_headers: Some("content-type"),
///             ..Settings::DEFAULT
///         }
///     }
/// }
///
/// assert!(OnlyApp.allows_origin(b"https://app.example.com"));
/// assert!(!OnlyApp.allows_origin(b"https://app.example.com.evil.com"));
/// ```
pub trait CorsPolicy: Send + Sync + 'static {
    /// Whether this exact `Origin` value (the request's bytes, unmodified) is allowed.
    ///
    /// Never called for an any-origin policy ([`Settings::any_origin`]).
    fn allows_origin(&self, origin: &[u8]) -> bool;

    /// Whether a preflight may ask for this method (`Access-Control-Request-Method`,
    /// compared byte for byte). The engine already allows `GET`, `HEAD` and `POST`.
    fn allows_method(&self, method: &[u8]) -> bool;

    /// Whether one element of `Access-Control-Request-Headers` is allowed. The element is
    /// trimmed and non-empty, but in whatever case the client sent it: compare
    /// ASCII-case-insensitively.
    fn allows_request_header(&self, name: &[u8]) -> bool;

    /// The policy's flags and constant response header values.
    fn settings(&self) -> Settings<'_>;

    /// The same settings when they live as long as the program (as `cors!` policies'
    /// constants do), so that adapters can use them as static header values, which
    /// cost nothing to clone per request. `None` (the default) for policies built at
    /// run time: adapters then share one reference-counted copy. When `Some`, it must
    /// equal [`settings`](CorsPolicy::settings): the engine decides by those and the
    /// headers are prepared from these, so `cors-runtime`'s adapters refuse a policy
    /// whose two differ when the layer is built (`InvalidPolicy::StaticSettings`).
    fn static_settings(&self) -> Option<Settings<'static>> {
        None
    }

    /// The verdict on this `Origin` value (at most [`MAX_ORIGIN_LEN`](crate::MAX_ORIGIN_LEN)
    /// bytes, the request's bytes unmodified): what [`decide`](crate::decide) asks.
    ///
    /// The default is [`allows_origin`](CorsPolicy::allows_origin)'s answer. A policy
    /// whose origins come from the application (`DynamicOrigins` in `cors-runtime`)
    /// overrides it to say *why* an origin is refused: by a rule of the policy language
    /// ([`OriginVerdict::BreaksRule`]) or because the origin source failed
    /// ([`OriginVerdict::SourceFailed`]), which [`Reason`](crate::Reason) then names.
    ///
    /// ```
    /// use cors_policy_core::{CorsPolicy, OriginVerdict};
    ///
    /// struct App;
    /// impl CorsPolicy for App {
    ///     fn allows_origin(&self, origin: &[u8]) -> bool { origin == b"https://app.test" }
    ///     fn allows_method(&self, _: &[u8]) -> bool { false }
    ///     fn allows_request_header(&self, _: &[u8]) -> bool { false }
    ///     fn settings(&self) -> cors_policy_core::Settings<'_> { cors_policy_core::Settings::DEFAULT }
    /// }
    /// assert_eq!(App.judge_origin(b"https://app.test"), OriginVerdict::Allowed);
    /// assert_eq!(App.judge_origin(b"https://evil.test"), OriginVerdict::NotAllowed);
    /// ```
    #[inline]
    fn judge_origin(&self, origin: &[u8]) -> OriginVerdict {
        if self.allows_origin(origin) {
            OriginVerdict::Allowed
        } else {
            OriginVerdict::NotAllowed
        }
    }
}

/// What a policy says of one request's `Origin` value: see [`CorsPolicy::judge_origin`].
///
/// # Example
///
/// ```
/// use cors_policy_core::{OriginVerdict, Rule};
///
/// assert!(OriginVerdict::Allowed.is_allowed());
/// assert!(!OriginVerdict::BreaksRule(Rule::O13).is_allowed());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OriginVerdict {
    /// The origin is allowed: it is echoed.
    Allowed,
    /// The policy (or its origin source) does not allow the origin.
    NotAllowed,
    /// The origin would break this rule of the policy language if it were written in the
    /// policy (not a serialized origin, `null` without its opt-in, plain `http` with
    /// credentials…): refused whatever an origin source says.
    BreaksRule(Rule),
    /// The origin source failed (an error, a timeout, a panic): refused (fail closed).
    SourceFailed,
}

impl OriginVerdict {
    /// Whether the origin is allowed.
    pub const fn is_allowed(self) -> bool {
        matches!(self, OriginVerdict::Allowed)
    }
}

/// Forwards every method, `judge_origin` and `static_settings` included, so that a
/// wrapped policy behaves exactly as the policy itself.
macro_rules! forward_policy {
    () => {
        #[inline]
        fn allows_origin(&self, origin: &[u8]) -> bool {
            (**self).allows_origin(origin)
        }
        #[inline]
        fn allows_method(&self, method: &[u8]) -> bool {
            (**self).allows_method(method)
        }
        #[inline]
        fn allows_request_header(&self, name: &[u8]) -> bool {
            (**self).allows_request_header(name)
        }
        #[inline]
        fn settings(&self) -> Settings<'_> {
            (**self).settings()
        }
        #[inline]
        fn static_settings(&self) -> Option<Settings<'static>> {
            (**self).static_settings()
        }
        #[inline]
        fn judge_origin(&self, origin: &[u8]) -> OriginVerdict {
            (**self).judge_origin(origin)
        }
    };
}

/// A policy borrowed for the whole program: `&'static dyn CorsPolicy` (a `static` or
/// leaked policy) is a policy.
impl<P: CorsPolicy + ?Sized> CorsPolicy for &'static P {
    forward_policy!();
}

/// A boxed policy is a policy, so that `Box<dyn CorsPolicy>` gives two policies of
/// different types (development and production, say) one type. The adapters keep the
/// box and call through it: per request, one indirect call per method, no allocation.
///
/// ```
/// use cors_policy_core::CorsPolicy;
/// # use cors_policy_core::Settings;
/// # struct Dev; struct Prod;
/// # impl CorsPolicy for Dev { fn allows_origin(&self, o: &[u8]) -> bool { o.starts_with(b"http://localhost") } fn allows_method(&self, _: &[u8]) -> bool { true } fn allows_request_header(&self, _: &[u8]) -> bool { true } fn settings(&self) -> Settings<'_> { Settings::DEFAULT } }
/// # impl CorsPolicy for Prod { fn allows_origin(&self, o: &[u8]) -> bool { o == b"https://app.example.com" } fn allows_method(&self, _: &[u8]) -> bool { false } fn allows_request_header(&self, _: &[u8]) -> bool { false } fn settings(&self) -> Settings<'_> { Settings::DEFAULT } }
///
/// let dev = std::env::var_os("DEV").is_some();
/// let policy: Box<dyn CorsPolicy> = if dev { Box::new(Dev) } else { Box::new(Prod) };
/// assert!(policy.allows_origin(b"https://app.example.com"));
/// ```
impl<P: CorsPolicy + ?Sized> CorsPolicy for Box<P> {
    forward_policy!();
}

/// A shared policy is a policy: `Arc<dyn CorsPolicy>` is `Box<dyn CorsPolicy>` that
/// clones. The adapters borrow it per request: no reference-count bump.
///
/// ```
/// use std::sync::Arc;
/// use cors_policy_core::CorsPolicy;
/// # use cors_policy_core::Settings;
/// # struct Prod;
/// # impl CorsPolicy for Prod { fn allows_origin(&self, o: &[u8]) -> bool { o == b"https://app.example.com" } fn allows_method(&self, _: &[u8]) -> bool { false } fn allows_request_header(&self, _: &[u8]) -> bool { false } fn settings(&self) -> Settings<'_> { Settings::DEFAULT } }
///
/// let policy: Arc<dyn CorsPolicy> = Arc::new(Prod);
/// let shared = Arc::clone(&policy);
/// assert!(shared.allows_origin(b"https://app.example.com"));
/// ```
impl<P: CorsPolicy + ?Sized> CorsPolicy for std::sync::Arc<P> {
    forward_policy!();
}

/// The flags and constant header values of a policy.
///
/// Every value is already in its final wire form: adapters turn each into a header
/// value once, when the layer is built, and reuse it for every response.
///
/// # Example
///
/// ```
/// use cors_policy_core::Settings;
///
/// let settings = Settings { credentials: true, max_age: Some("600"), ..Settings::DEFAULT };
/// assert_eq!(settings.preflight_status, 204);
/// assert!(!settings.any_origin);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Settings<'a> {
    /// The policy allows every origin (`origin: *`): responses carry
    /// `Access-Control-Allow-Origin: *` and no `Vary: Origin`.
    pub any_origin: bool,
    /// Send `Access-Control-Allow-Credentials: true`.
    pub credentials: bool,
    /// The `Access-Control-Allow-Methods` value of accepted preflights, if any.
    pub allow_methods: Option<&'a str>,
    /// The `Access-Control-Allow-Headers` value of accepted preflights, if any.
    pub allow_headers: Option<&'a str>,
    /// The `Access-Control-Expose-Headers` value of allowed actual responses, if any.
    pub expose_headers: Option<&'a str>,
    /// The `Access-Control-Max-Age` value of accepted preflights, if any.
    pub max_age: Option<&'a str>,
    /// Answer `Access-Control-Request-Private-Network: true` with
    /// `Access-Control-Allow-Private-Network: true`.
    pub private_network: bool,
    /// The status of an accepted preflight (200..=299).
    pub preflight_status: u16,
    /// Pass accepted preflights on to the handler instead of answering them.
    pub preflight_continue: bool,
    /// Refuse (403) requests that can change state (every method but `GET`, `HEAD`,
    /// `OPTIONS`, and WebSocket handshakes) from an origin other than the server's own
    /// that the policy does not allow; see [`Guarded`](crate::Guarded) and the engine
    /// docs for the algorithm.
    pub cross_origin_protection: bool,
}

impl Settings<'static> {
    /// The defaults of every key but `origin`: a specific-origin policy without
    /// credentials, no extra methods or headers, no max-age, status 204.
    pub const DEFAULT: Settings<'static> = Settings {
        any_origin: false,
        credentials: false,
        allow_methods: None,
        allow_headers: None,
        expose_headers: None,
        max_age: None,
        private_network: false,
        preflight_status: 204,
        preflight_continue: false,
        cross_origin_protection: false,
    };
}

impl Default for Settings<'static> {
    fn default() -> Self {
        Settings::DEFAULT
    }
}

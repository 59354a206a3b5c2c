//! The policy trait: what a compiled (or runtime-built) CORS policy answers.

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
/// use cors_core::{CorsPolicy, Settings};
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
    /// run time: adapters then share one reference-counted copy.
    fn static_settings(&self) -> Option<Settings<'static>> {
        None
    }
}

impl<P: CorsPolicy + ?Sized> CorsPolicy for &'static P {
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
}

/// The flags and constant header values of a policy.
///
/// Every value is already in its final wire form: adapters turn each into a header
/// value once, when the layer is built, and reuse it for every response.
///
/// # Example
///
/// ```
/// use cors_core::Settings;
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
    };
}

impl Default for Settings<'static> {
    fn default() -> Self {
        Settings::DEFAULT
    }
}

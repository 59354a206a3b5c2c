//! The sans-IO engine: a request head in, a [`Decision`] out.
//!
//! Adapters read the request's method and CORS request headers as byte slices, call
//! [`decide`], and carry out the decision with their framework's types. The engine never
//! allocates, never panics, and does work linear in the size of the CORS headers.

use core::fmt;

use crate::policy::{CorsPolicy, OriginVerdict, Settings};
use crate::protection::{self, Guarded};
use crate::rule::Rule;
use crate::shown::{ShownBytes, ShownField};
use crate::syntax::{list_contains, list_elements};
use crate::vary::Vary;

/// Origins longer than this are never allowed. A serialized origin is a scheme, a host of
/// at most 253 bytes and a port: a few hundred bytes at the most.
///
/// # Example
///
/// ```
/// use cors_policy_core::{decide, Reason, MAX_ORIGIN_LEN};
/// # use cors_policy_core::{CorsPolicy, HeaderField, RequestHead, Settings};
/// # struct Asked;
/// # impl CorsPolicy for Asked { fn allows_origin(&self, _: &[u8]) -> bool { true } fn allows_method(&self, _: &[u8]) -> bool { true } fn allows_request_header(&self, _: &[u8]) -> bool { true } fn settings(&self) -> Settings<'_> { Settings::DEFAULT } }
/// # fn request(origin: &[u8]) -> RequestHead<'_, [&[u8]; 0]> { RequestHead { method: b"GET", origin: HeaderField::One(origin), request_method: HeaderField::Absent, request_headers: [], request_private_network: HeaderField::Absent, fetch_site: HeaderField::Absent, host: HeaderField::Absent, upgrade: HeaderField::Absent } }
///
/// // `Asked` allows every origin it is asked about; one this long is never asked about.
/// let long = format!("https://{}.test", "a".repeat(MAX_ORIGIN_LEN));
/// assert_eq!(decide(&Asked, request(long.as_bytes())).reason(), Reason::OriginNotAllowed(long.as_bytes()));
/// assert_eq!(decide(&Asked, request(b"https://a.test")).reason(), Reason::OriginAllowed);
/// ```
pub const MAX_ORIGIN_LEN: usize = 512;

/// Preflights whose `Access-Control-Request-Headers` lines add up to more than this are
/// refused. Browsers send the names a page set, lowercase, joined by commas: a few dozen
/// bytes. The cap refuses abuse (a megabyte of commas) after reading no more than it.
///
/// # Example
///
/// ```
/// use cors_policy_core::{decide, Reason, MAX_REQUEST_HEADERS_LEN};
/// # use cors_policy_core::{CorsPolicy, HeaderField, RequestHead, Settings};
/// # struct Asked;
/// # impl CorsPolicy for Asked { fn allows_origin(&self, _: &[u8]) -> bool { true } fn allows_method(&self, _: &[u8]) -> bool { true } fn allows_request_header(&self, _: &[u8]) -> bool { true } fn settings(&self) -> Settings<'_> { Settings::DEFAULT } }
/// # fn preflight(line: &[u8]) -> RequestHead<'_, [&[u8]; 1]> { RequestHead { method: b"OPTIONS", origin: HeaderField::One(b"https://a.test"), request_method: HeaderField::One(b"PUT"), request_headers: [line], request_private_network: HeaderField::Absent, fetch_site: HeaderField::Absent, host: HeaderField::Absent, upgrade: HeaderField::Absent } }
///
/// // `Asked` allows every header it is asked about; past the cap, none is asked about.
/// let line = "x-a,".repeat(MAX_REQUEST_HEADERS_LEN / 4 + 1);
/// assert_eq!(decide(&Asked, preflight(line.as_bytes())).reason(), Reason::RequestHeadersTooLong);
/// assert_eq!(decide(&Asked, preflight(b"x-a")).reason(), Reason::PreflightAllowed);
/// ```
pub const MAX_REQUEST_HEADERS_LEN: usize = 8 * 1024;

/// How many times a request carries one header, and its value when exactly once.
///
/// # Example
///
/// ```
/// use cors_policy_core::HeaderField;
///
/// assert_eq!(HeaderField::from_values([]), HeaderField::Absent);
/// assert_eq!(HeaderField::from_values([&b"https://a.test"[..]]), HeaderField::One(b"https://a.test"));
/// assert_eq!(HeaderField::from_values([&b"a"[..], b"b"]), HeaderField::Many);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeaderField<'r> {
    /// The header is not there.
    Absent,
    /// The header is there once, with this value.
    One(&'r [u8]),
    /// The header is there more than once.
    Many,
}

impl<'r> HeaderField<'r> {
    /// Counts the values of one header (stops after the second).
    #[inline(always)]
    pub fn from_values(values: impl IntoIterator<Item = &'r [u8]>) -> Self {
        let mut values = values.into_iter();
        match (values.next(), values.next()) {
            (None, _) => HeaderField::Absent,
            (Some(value), None) => HeaderField::One(value),
            (Some(_), Some(_)) => HeaderField::Many,
        }
    }

    /// Whether the header is there at all.
    pub fn is_present(self) -> bool {
        !matches!(self, HeaderField::Absent)
    }
}

/// What the engine needs of a request: its method, its CORS request headers, and what
/// cross-origin protection reads.
///
/// `request_headers` yields every `Access-Control-Request-Headers` line (several lines
/// form one list). `fetch_site`, `host` and `upgrade` are only read when the policy has
/// [`Settings::cross_origin_protection`] on, and `fetch_site` and `host` only for a request
/// [`Guarded::of`] names: an adapter may leave them [`Absent`](HeaderField::Absent)
/// otherwise, and skip the lookups.
///
/// # Example
///
/// ```
/// use cors_policy_core::{HeaderField, RequestHead};
///
/// let head = RequestHead {
///     method: b"OPTIONS",
///     origin: HeaderField::One(b"https://app.example.com"),
///     request_method: HeaderField::One(b"PUT"),
///     request_headers: [&b"content-type"[..]],
///     request_private_network: HeaderField::Absent,
///     fetch_site: HeaderField::One(b"cross-site"),
///     host: HeaderField::One(b"api.example.com"),
///     upgrade: HeaderField::Absent,
/// };
/// assert!(head.is_preflight());
/// ```
#[derive(Clone, Copy, Debug)]
pub struct RequestHead<'r, L> {
    /// The request method, byte for byte.
    pub method: &'r [u8],
    /// `Origin`.
    pub origin: HeaderField<'r>,
    /// `Access-Control-Request-Method`.
    pub request_method: HeaderField<'r>,
    /// Every `Access-Control-Request-Headers` line.
    pub request_headers: L,
    /// `Access-Control-Request-Private-Network`.
    pub request_private_network: HeaderField<'r>,
    /// `Sec-Fetch-Site`.
    pub fetch_site: HeaderField<'r>,
    /// The request's authority: the URI's when it has one (HTTP/2's `:authority`, an
    /// absolute-form HTTP/1.1 target), otherwise the `Host` header.
    pub host: HeaderField<'r>,
    /// `Upgrade`.
    pub upgrade: HeaderField<'r>,
}

impl<L> RequestHead<'_, L> {
    /// A preflight is `OPTIONS` with both `Origin` and `Access-Control-Request-Method`.
    /// Any other `OPTIONS` request belongs to the application.
    pub fn is_preflight(&self) -> bool {
        self.method == b"OPTIONS" && self.origin.is_present() && self.request_method.is_present()
    }
}

/// What to do with the request.
///
/// # Example
///
/// `App` allows `https://app.test` to PUT:
///
/// ```
/// use cors_policy_core::{decide, Action};
/// # use cors_policy_core::{CorsPolicy, HeaderField, RequestHead, Settings};
/// # struct App; // allows `https://app.test` to PUT
/// # impl CorsPolicy for App { fn allows_origin(&self, o: &[u8]) -> bool { o == b"https://app.test" } fn allows_method(&self, m: &[u8]) -> bool { m == b"PUT" } fn allows_request_header(&self, _: &[u8]) -> bool { false } fn settings(&self) -> Settings<'_> { Settings { allow_methods: Some("PUT"), ..Settings::DEFAULT } } }
/// # fn head(method: &'static [u8], origin: &'static [u8], request_method: Option<&'static [u8]>) -> RequestHead<'static, [&'static [u8]; 0]> { RequestHead { method, origin: HeaderField::One(origin), request_method: request_method.map_or(HeaderField::Absent, HeaderField::One), request_headers: [], request_private_network: HeaderField::Absent, fetch_site: HeaderField::Absent, host: HeaderField::Absent, upgrade: HeaderField::Absent } }
/// # let preflight = |origin, method| head(b"OPTIONS", origin, Some(method));
/// # let request = |method, origin| head(method, origin, None);
///
/// // A preflight is answered at once, accepted or not: the handler does not run.
/// assert_eq!(decide(&App, preflight(b"https://app.test", b"PUT")).action(), Action::Respond(204));
/// assert_eq!(decide(&App, preflight(b"https://app.test", b"DELETE")).action(), Action::Respond(403));
/// // Any other request reaches the handler, whatever its origin.
/// assert_eq!(decide(&App, request(b"PUT", b"https://evil.test")).action(), Action::Forward);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Answer now with this status and an empty body; do not run the handler.
    Respond(u16),
    /// Run the handler, then add the decision's headers to its response.
    Forward,
}

/// A CORS response header the decision asks for.
///
/// # Example
///
/// An adapter writes each header the decision asks for under its
/// [`name`](CorsHeader::name), with its [`value`](CorsHeader::value):
///
/// ```
/// use cors_policy_core::{CorsHeader, HeaderValueSource, Settings};
///
/// let settings = Settings { credentials: true, ..Settings::DEFAULT };
/// assert_eq!(CorsHeader::AllowCredentials.name(), "access-control-allow-credentials");
/// assert_eq!(CorsHeader::AllowCredentials.value(&settings), Some(HeaderValueSource::Text("true")));
/// assert_eq!(CorsHeader::MaxAge.value(&settings), None); // no `max_age`: never asked for
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CorsHeader {
    /// `Access-Control-Allow-Origin`.
    AllowOrigin,
    /// `Access-Control-Allow-Credentials`.
    AllowCredentials,
    /// `Access-Control-Allow-Methods`.
    AllowMethods,
    /// `Access-Control-Allow-Headers`.
    AllowHeaders,
    /// `Access-Control-Max-Age`.
    MaxAge,
    /// `Access-Control-Allow-Private-Network`.
    AllowPrivateNetwork,
    /// `Access-Control-Expose-Headers`.
    ExposeHeaders,
}

impl CorsHeader {
    /// Every CORS response header, in the order decisions list them.
    ///
    /// ```
    /// use cors_policy_core::CorsHeader;
    ///
    /// assert_eq!(CorsHeader::ALL.first(), Some(&CorsHeader::AllowOrigin));
    /// assert!(CorsHeader::ALL.iter().all(|header| header.name().starts_with("access-control-")));
    /// ```
    pub const ALL: [CorsHeader; 7] = [
        CorsHeader::AllowOrigin,
        CorsHeader::AllowCredentials,
        CorsHeader::AllowMethods,
        CorsHeader::AllowHeaders,
        CorsHeader::MaxAge,
        CorsHeader::AllowPrivateNetwork,
        CorsHeader::ExposeHeaders,
    ];

    /// The header's name, lowercase.
    ///
    /// ```
    /// assert_eq!(cors_policy_core::CorsHeader::MaxAge.name(), "access-control-max-age");
    /// ```
    #[inline]
    pub const fn name(self) -> &'static str {
        match self {
            CorsHeader::AllowOrigin => "access-control-allow-origin",
            CorsHeader::AllowCredentials => "access-control-allow-credentials",
            CorsHeader::AllowMethods => "access-control-allow-methods",
            CorsHeader::AllowHeaders => "access-control-allow-headers",
            CorsHeader::MaxAge => "access-control-max-age",
            CorsHeader::AllowPrivateNetwork => "access-control-allow-private-network",
            CorsHeader::ExposeHeaders => "access-control-expose-headers",
        }
    }

    /// Where the header's value comes from under `settings`; `None` when the policy has
    /// no value for it (a decision never asks for such a header).
    ///
    /// A wildcard `Access-Control-Allow-Methods` or `-Headers` (`methods: *`,
    /// `allow_headers: *`, without credentials) is sent as the preflight's own request
    /// instead: Firefox does not reuse a cached preflight whose answer says `*` (every
    /// request is preflighted again, whatever the max-age), while it and Chromium both
    /// cache an answer that lists the requested method and headers. Preflight answers
    /// already vary on both request headers (see [`Vary::for_preflight`]).
    ///
    /// ```
    /// use cors_policy_core::{CorsHeader, HeaderValueSource, Settings};
    ///
    /// let any = Settings { any_origin: true, ..Settings::DEFAULT };
    /// assert_eq!(CorsHeader::AllowOrigin.value(&any), Some(HeaderValueSource::Text("*")));
    /// assert_eq!(
    ///     CorsHeader::AllowOrigin.value(&Settings::DEFAULT),
    ///     Some(HeaderValueSource::EchoOrigin)
    /// );
    /// let wild = Settings { allow_methods: Some("*"), allow_headers: Some("*"), ..any };
    /// assert_eq!(
    ///     CorsHeader::AllowMethods.value(&wild),
    ///     Some(HeaderValueSource::EchoRequestMethod)
    /// );
    /// assert_eq!(
    ///     CorsHeader::AllowHeaders.value(&wild),
    ///     Some(HeaderValueSource::EchoRequestHeaders { otherwise: "*" })
    /// );
    /// ```
    #[inline(always)]
    pub fn value<'a>(self, settings: &Settings<'a>) -> Option<HeaderValueSource<'a>> {
        let text = match self {
            CorsHeader::AllowOrigin if settings.any_origin => "*",
            CorsHeader::AllowOrigin => return Some(HeaderValueSource::EchoOrigin),
            CorsHeader::AllowCredentials | CorsHeader::AllowPrivateNetwork => "true",
            CorsHeader::AllowMethods => {
                let text = settings.allow_methods?;
                if is_wildcard(settings, text) {
                    return Some(HeaderValueSource::EchoRequestMethod);
                }
                text
            }
            CorsHeader::AllowHeaders => {
                let text = settings.allow_headers?;
                if is_wildcard(settings, text) {
                    return Some(HeaderValueSource::EchoRequestHeaders { otherwise: text });
                }
                text
            }
            CorsHeader::MaxAge => settings.max_age?,
            CorsHeader::ExposeHeaders => settings.expose_headers?,
        };
        Some(HeaderValueSource::Text(text))
    }

    /// The header's position in [`CorsHeader::ALL`], for per-header tables.
    ///
    /// ```
    /// use cors_policy_core::CorsHeader;
    /// assert!(CorsHeader::ALL.iter().enumerate().all(|(i, header)| header.index() == i));
    /// ```
    #[inline]
    pub const fn index(self) -> usize {
        self as usize
    }

    #[inline]
    const fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// Whether a policy's `Access-Control-Allow-Methods` or `-Headers` text is a wildcard
/// for browsers: it lists `*`, and the policy has no credentials (with credentials
/// browsers read `*` as a literal name, which is what such a hand-written policy said).
#[inline]
fn is_wildcard(settings: &Settings<'_>, text: &str) -> bool {
    !settings.credentials && list_contains([text.as_bytes()], b"*")
}

/// Where a CORS header's value comes from.
///
/// Exhaustive on purpose: an adapter must write every source right, so a new one is a
/// breaking change that its `match` reports, never a `_` arm that sends nothing.
///
/// # Example
///
/// ```
/// use cors_policy_core::{CorsHeader, HeaderValueSource, Settings};
///
/// // What an adapter sends for each source, given the request's own values.
/// let sent = |source| match source {
///     HeaderValueSource::Text(text) => text,
///     HeaderValueSource::EchoOrigin => "https://app.test",
///     HeaderValueSource::EchoRequestMethod => "PUT",
///     HeaderValueSource::EchoRequestHeaders { .. } => "content-type",
/// };
/// let settings = Settings { max_age: Some("600"), ..Settings::DEFAULT };
/// assert_eq!(CorsHeader::MaxAge.value(&settings).map(sent), Some("600"));
/// assert_eq!(CorsHeader::AllowOrigin.value(&settings).map(sent), Some("https://app.test"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeaderValueSource<'a> {
    /// A constant of the policy.
    Text(&'a str),
    /// The request's own `Origin` value: reuse it, do not copy it.
    EchoOrigin,
    /// The preflight's own `Access-Control-Request-Method` value (a wildcard policy's
    /// `Access-Control-Allow-Methods`): reuse it, do not copy it.
    EchoRequestMethod,
    /// The preflight's own `Access-Control-Request-Headers` value when it has exactly
    /// one line (browsers send one), else `otherwise`, the policy's wildcard text (a
    /// wildcard policy's `Access-Control-Allow-Headers`): reuse it, do not copy it. A
    /// decision asks for this header only when the preflight's lines name at least one
    /// header (a line of commas and spaces names none).
    EchoRequestHeaders {
        /// The policy's text, for several request lines.
        otherwise: &'a str,
    },
}

/// A set of [`CorsHeader`]s, iterated in [`CorsHeader::ALL`] order.
///
/// # Example
///
/// The headers a [`Decision`] asks for; `App` allows `https://app.test` to PUT:
///
/// ```
/// use cors_policy_core::{decide, CorsHeader};
/// # use cors_policy_core::{CorsPolicy, HeaderField, RequestHead, Settings};
/// # struct App; // allows `https://app.test` to PUT
/// # impl CorsPolicy for App { fn allows_origin(&self, o: &[u8]) -> bool { o == b"https://app.test" } fn allows_method(&self, m: &[u8]) -> bool { m == b"PUT" } fn allows_request_header(&self, _: &[u8]) -> bool { false } fn settings(&self) -> Settings<'_> { Settings { allow_methods: Some("PUT"), ..Settings::DEFAULT } } }
/// # fn head(method: &'static [u8], origin: &'static [u8], request_method: Option<&'static [u8]>) -> RequestHead<'static, [&'static [u8]; 0]> { RequestHead { method, origin: HeaderField::One(origin), request_method: request_method.map_or(HeaderField::Absent, HeaderField::One), request_headers: [], request_private_network: HeaderField::Absent, fetch_site: HeaderField::Absent, host: HeaderField::Absent, upgrade: HeaderField::Absent } }
/// # let preflight = |origin, method| head(b"OPTIONS", origin, Some(method));
///
/// let headers = decide(&App, preflight(b"https://app.test", b"PUT")).headers();
/// assert!(headers.contains(CorsHeader::AllowMethods));
/// assert!(!headers.contains(CorsHeader::ExposeHeaders)); // never on a preflight
/// assert_eq!(format!("{headers:?}"), r#"{"access-control-allow-origin", "access-control-allow-methods"}"#);
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct HeaderSet(u8);

impl HeaderSet {
    /// No header.
    ///
    /// ```
    /// use cors_policy_core::HeaderSet;
    ///
    /// assert!(HeaderSet::EMPTY.is_empty());
    /// assert_eq!(HeaderSet::default(), HeaderSet::EMPTY);
    /// ```
    pub const EMPTY: HeaderSet = HeaderSet(0);

    /// Whether `header` is in the set.
    ///
    /// ```
    /// use cors_policy_core::{decide, CorsHeader};
    /// # use cors_policy_core::{CorsPolicy, HeaderField, RequestHead, Settings};
    /// # struct App; // allows `https://app.test` to PUT
    /// # impl CorsPolicy for App { fn allows_origin(&self, o: &[u8]) -> bool { o == b"https://app.test" } fn allows_method(&self, m: &[u8]) -> bool { m == b"PUT" } fn allows_request_header(&self, _: &[u8]) -> bool { false } fn settings(&self) -> Settings<'_> { Settings { allow_methods: Some("PUT"), ..Settings::DEFAULT } } }
    /// # fn head(method: &'static [u8], origin: &'static [u8], request_method: Option<&'static [u8]>) -> RequestHead<'static, [&'static [u8]; 0]> { RequestHead { method, origin: HeaderField::One(origin), request_method: request_method.map_or(HeaderField::Absent, HeaderField::One), request_headers: [], request_private_network: HeaderField::Absent, fetch_site: HeaderField::Absent, host: HeaderField::Absent, upgrade: HeaderField::Absent } }
    /// # let request = |method, origin| head(method, origin, None);
    ///
    /// // `App` allows `https://app.test` to PUT.
    /// let headers = decide(&App, request(b"PUT", b"https://app.test")).headers();
    /// assert!(headers.contains(CorsHeader::AllowOrigin));
    /// assert!(!headers.contains(CorsHeader::AllowMethods)); // only on preflights
    /// ```
    #[inline]
    pub const fn contains(self, header: CorsHeader) -> bool {
        self.0 & header.bit() != 0
    }

    /// Whether the set is empty.
    ///
    /// ```
    /// use cors_policy_core::decide;
    /// # use cors_policy_core::{CorsPolicy, HeaderField, RequestHead, Settings};
    /// # struct App; // allows `https://app.test` to PUT
    /// # impl CorsPolicy for App { fn allows_origin(&self, o: &[u8]) -> bool { o == b"https://app.test" } fn allows_method(&self, m: &[u8]) -> bool { m == b"PUT" } fn allows_request_header(&self, _: &[u8]) -> bool { false } fn settings(&self) -> Settings<'_> { Settings { allow_methods: Some("PUT"), ..Settings::DEFAULT } } }
    /// # fn head(method: &'static [u8], origin: &'static [u8], request_method: Option<&'static [u8]>) -> RequestHead<'static, [&'static [u8]; 0]> { RequestHead { method, origin: HeaderField::One(origin), request_method: request_method.map_or(HeaderField::Absent, HeaderField::One), request_headers: [], request_private_network: HeaderField::Absent, fetch_site: HeaderField::Absent, host: HeaderField::Absent, upgrade: HeaderField::Absent } }
    /// # let request = |method, origin| head(method, origin, None);
    ///
    /// // `App` allows `https://app.test` to PUT: another origin's response gets no CORS header.
    /// assert!(decide(&App, request(b"PUT", b"https://evil.test")).headers().is_empty());
    /// assert!(!decide(&App, request(b"PUT", b"https://app.test")).headers().is_empty());
    /// ```
    #[inline]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many headers the set holds.
    ///
    /// ```
    /// use cors_policy_core::decide;
    /// # use cors_policy_core::{CorsPolicy, HeaderField, RequestHead, Settings};
    /// # struct App; // allows `https://app.test` to PUT
    /// # impl CorsPolicy for App { fn allows_origin(&self, o: &[u8]) -> bool { o == b"https://app.test" } fn allows_method(&self, m: &[u8]) -> bool { m == b"PUT" } fn allows_request_header(&self, _: &[u8]) -> bool { false } fn settings(&self) -> Settings<'_> { Settings { allow_methods: Some("PUT"), ..Settings::DEFAULT } } }
    /// # fn head(method: &'static [u8], origin: &'static [u8], request_method: Option<&'static [u8]>) -> RequestHead<'static, [&'static [u8]; 0]> { RequestHead { method, origin: HeaderField::One(origin), request_method: request_method.map_or(HeaderField::Absent, HeaderField::One), request_headers: [], request_private_network: HeaderField::Absent, fetch_site: HeaderField::Absent, host: HeaderField::Absent, upgrade: HeaderField::Absent } }
    /// # let preflight = |origin, method| head(b"OPTIONS", origin, Some(method));
    ///
    /// // `App` allows `https://app.test` to PUT: `Access-Control-Allow-Origin` and `-Allow-Methods`.
    /// assert_eq!(decide(&App, preflight(b"https://app.test", b"PUT")).headers().len(), 2);
    /// ```
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    #[inline]
    const fn with(self, header: CorsHeader, on: bool) -> Self {
        if on {
            HeaderSet(self.0 | header.bit())
        } else {
            self
        }
    }

    /// The headers, in [`CorsHeader::ALL`] order.
    ///
    /// ```
    /// use cors_policy_core::{CorsHeader, HeaderSet};
    ///
    /// assert_eq!(HeaderSet::EMPTY.iter().count(), 0);
    /// ```
    #[inline]
    pub fn iter(self) -> impl Iterator<Item = CorsHeader> {
        // One step per header in the set (the lowest bit first: `ALL` order), not one
        // per header there is: an allowed request's three cost three.
        let mut bits = self.0;
        core::iter::from_fn(move || {
            let index = bits.trailing_zeros() as usize;
            let header = *CorsHeader::ALL.get(index)?;
            bits &= bits - 1;
            Some(header)
        })
    }
}

impl fmt::Debug for HeaderSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.iter().map(CorsHeader::name))
            .finish()
    }
}

/// Why the engine decided what it did. `Display` says it in words, naming the rule.
///
/// Non-exhaustive: a new check brings a new reason without breaking a `match` (match
/// the reasons you act on, and use `Display` for the rest).
///
/// # Example
///
/// `App` allows `https://app.test` to PUT:
///
/// ```
/// use cors_policy_core::{decide, Reason};
/// # use cors_policy_core::{CorsPolicy, HeaderField, RequestHead, Settings};
/// # struct App; // allows `https://app.test` to PUT
/// # impl CorsPolicy for App { fn allows_origin(&self, o: &[u8]) -> bool { o == b"https://app.test" } fn allows_method(&self, m: &[u8]) -> bool { m == b"PUT" } fn allows_request_header(&self, _: &[u8]) -> bool { false } fn settings(&self) -> Settings<'_> { Settings { allow_methods: Some("PUT"), ..Settings::DEFAULT } } }
/// # fn head(method: &'static [u8], origin: &'static [u8], request_method: Option<&'static [u8]>) -> RequestHead<'static, [&'static [u8]; 0]> { RequestHead { method, origin: HeaderField::One(origin), request_method: request_method.map_or(HeaderField::Absent, HeaderField::One), request_headers: [], request_private_network: HeaderField::Absent, fetch_site: HeaderField::Absent, host: HeaderField::Absent, upgrade: HeaderField::Absent } }
/// # let preflight = |origin, method| head(b"OPTIONS", origin, Some(method));
///
/// let refused = decide(&App, preflight(b"https://app.test", b"DELETE")).reason();
/// assert_eq!(refused, Reason::MethodNotAllowed(b"DELETE"));
/// assert_eq!(refused.to_string(), "method `DELETE` is not allowed");
/// assert!(!refused.is_allowed());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason<'r> {
    /// Not a CORS request: no `Origin` header.
    NoOrigin,
    /// The policy allows any origin.
    AnyOrigin,
    /// The request's origin is allowed.
    OriginAllowed,
    /// The request's origin is not allowed.
    OriginNotAllowed(&'r [u8]),
    /// The request's origin breaks this rule of the policy language: an origin the
    /// application's origin source may not allow, whatever the source says (see
    /// [`OriginVerdict::BreaksRule`]).
    OriginBreaksRule(&'r [u8], Rule),
    /// The application's origin source failed (an error, a timeout): refused.
    OriginSourceFailed(&'r [u8]),
    /// The request carries several `Origin` headers: never allowed.
    MultipleOrigins,
    /// Every part of the preflight is allowed.
    PreflightAllowed,
    /// The preflight asks for a method the policy does not allow.
    MethodNotAllowed(&'r [u8]),
    /// The preflight carries several `Access-Control-Request-Method` headers.
    MultipleRequestMethods,
    /// The preflight asks for a header the policy does not allow.
    HeaderNotAllowed(&'r [u8]),
    /// The preflight's `Access-Control-Request-Headers` exceed
    /// [`MAX_REQUEST_HEADERS_LEN`] bytes.
    RequestHeadersTooLong,
    /// The preflight asks for private network access, which the policy does not enable.
    PrivateNetworkNotAllowed,
    /// The preflight carries several `Access-Control-Request-Private-Network` headers:
    /// malformed (a browser sends one), refused whatever the policy.
    MultiplePrivateNetworkRequests,
    /// Cross-origin protection: `Sec-Fetch-Site` says the request comes from another
    /// origin (any value but `same-origin` and `none`, or the header twice), and the
    /// policy does not allow its `Origin`. Answered 403; the handler does not run.
    CrossSiteRefused {
        /// What the request could change.
        request: Guarded<'r>,
        /// Its `Sec-Fetch-Site`.
        fetch_site: HeaderField<'r>,
        /// Its `Origin`.
        origin: HeaderField<'r>,
    },
    /// Cross-origin protection, for a request without `Sec-Fetch-Site`: its `Origin` is
    /// not the request's own (`Host`) and the policy does not allow it. Answered 403; the
    /// handler does not run.
    ForeignOriginRefused {
        /// What the request could change.
        request: Guarded<'r>,
        /// Its `Origin`: never absent here (a request without one passes).
        origin: HeaderField<'r>,
        /// Its authority (`Host`).
        host: HeaderField<'r>,
    },
}

impl Reason<'_> {
    /// Whether this reason grants the request.
    ///
    /// ```
    /// use cors_policy_core::Reason;
    ///
    /// assert!(Reason::PreflightAllowed.is_allowed());
    /// assert!(Reason::AnyOrigin.is_allowed());
    /// assert!(!Reason::NoOrigin.is_allowed()); // not a CORS request: no CORS header
    /// assert!(!Reason::MultipleOrigins.is_allowed());
    /// ```
    pub const fn is_allowed(self) -> bool {
        matches!(
            self,
            Reason::AnyOrigin | Reason::OriginAllowed | Reason::PreflightAllowed
        )
    }

    /// Whether cross-origin protection refused the request (answered 403 before the
    /// handler ran).
    ///
    /// ```
    /// use cors_policy_core::{Guarded, HeaderField, Reason};
    ///
    /// let refused = Reason::CrossSiteRefused {
    ///     request: Guarded::Method(b"POST"),
    ///     fetch_site: HeaderField::One(b"cross-site"),
    ///     origin: HeaderField::One(b"https://evil.test"),
    /// };
    /// assert!(refused.is_cross_origin_refusal());
    /// assert!(!Reason::OriginNotAllowed(b"https://evil.test").is_cross_origin_refusal());
    /// ```
    pub const fn is_cross_origin_refusal(self) -> bool {
        matches!(
            self,
            Reason::CrossSiteRefused { .. } | Reason::ForeignOriginRefused { .. }
        )
    }
}

impl fmt::Display for Reason<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The request's bytes are shown escaped and cut: reasons get printed and logged.
        let shown = ShownBytes;
        match self {
            Reason::NoOrigin => f.write_str("no Origin header: not a CORS request"),
            Reason::AnyOrigin => f.write_str("the policy allows any origin"),
            Reason::OriginAllowed => f.write_str("origin allowed"),
            Reason::OriginNotAllowed(origin) => {
                write!(f, "origin `{}` is not allowed", shown(origin))
            }
            Reason::OriginBreaksRule(origin, rule) => write!(
                f,
                "origin `{}` is refused by rule {} ({}), whatever the origin source says",
                shown(origin),
                rule.id(),
                rule.summary()
            ),
            Reason::OriginSourceFailed(origin) => write!(
                f,
                "origin `{}` is refused: the origin source failed (fail closed)",
                shown(origin)
            ),
            Reason::MultipleOrigins => f.write_str("several Origin headers: never allowed"),
            Reason::PreflightAllowed => f.write_str("preflight allowed"),
            Reason::MethodNotAllowed(method) => {
                write!(f, "method `{}` is not allowed", shown(method))
            }
            Reason::MultipleRequestMethods => {
                f.write_str("several Access-Control-Request-Method headers")
            }
            Reason::HeaderNotAllowed(name) => {
                write!(f, "request header `{}` is not allowed", shown(name))
            }
            Reason::RequestHeadersTooLong => write!(
                f,
                "Access-Control-Request-Headers longer than {MAX_REQUEST_HEADERS_LEN} bytes"
            ),
            Reason::PrivateNetworkNotAllowed => {
                f.write_str("private network access requested but not enabled")
            }
            Reason::MultiplePrivateNetworkRequests => {
                f.write_str("several Access-Control-Request-Private-Network headers")
            }
            Reason::CrossSiteRefused {
                request,
                fetch_site,
                origin,
            } => {
                write!(
                    f,
                    "{request} refused (cross_origin_protection): {}",
                    ShownField(*fetch_site, "Sec-Fetch-Site")
                )?;
                match origin {
                    HeaderField::One(value) => {
                        write!(f, ", and origin `{}` is not allowed", shown(value))
                    }
                    _ => write!(f, ", and {}", ShownField(*origin, "Origin")),
                }
            }
            Reason::ForeignOriginRefused {
                request,
                origin,
                host,
            } => {
                write!(f, "{request} refused (cross_origin_protection): ")?;
                match origin {
                    HeaderField::One(value) => write!(
                        f,
                        "origin `{}` is not allowed and is not this server's ({})",
                        shown(value),
                        ShownField(*host, "Host")
                    )?,
                    _ => write!(f, "{}", ShownField(*origin, "Origin"))?,
                }
                f.write_str(", and no Sec-Fetch-Site")
            }
        }
    }
}

/// What the response to a request must be.
///
/// # Example
///
/// ```
/// use cors_policy_core::{decide, Action, CorsHeader, CorsPolicy, HeaderField, RequestHead, Settings};
///
/// struct App;
/// impl CorsPolicy for App {
///     fn allows_origin(&self, origin: &[u8]) -> bool { origin == b"https://app.test" }
///     fn allows_method(&self, method: &[u8]) -> bool { method == b"PUT" }
///     fn allows_request_header(&self, _: &[u8]) -> bool { false }
///     fn settings(&self) -> Settings<'_> {
///         Settings { allow_methods: Some("PUT"), ..Settings::DEFAULT }
///     }
/// }
///
/// let decision = decide(&App, RequestHead {
///     method: b"OPTIONS",
///     origin: HeaderField::One(b"https://app.test"),
///     request_method: HeaderField::One(b"PUT"),
///     request_headers: [],
///     request_private_network: HeaderField::Absent,
///     fetch_site: HeaderField::One(b"cross-site"),
///     host: HeaderField::One(b"api.test"),
///     upgrade: HeaderField::Absent,
/// });
/// assert_eq!(decision.action(), Action::Respond(204));
/// assert!(decision.headers().contains(CorsHeader::AllowMethods));
/// assert_eq!(decision.vary().value(), Some("Origin, Access-Control-Request-Method, Access-Control-Request-Headers"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Decision<'r> {
    action: Action,
    preflight: bool,
    headers: HeaderSet,
    vary: Vary,
    reason: Reason<'r>,
}

impl<'r> Decision<'r> {
    /// Answer now, or run the handler.
    pub const fn action(&self) -> Action {
        self.action
    }

    /// Whether the request was a preflight (accepted or not).
    pub const fn is_preflight(&self) -> bool {
        self.preflight
    }

    /// The CORS headers to set, each exactly once (replacing any the handler set).
    pub const fn headers(&self) -> HeaderSet {
        self.headers
    }

    /// The `Vary` members the response must carry (merge them into a handler's `Vary`).
    pub const fn vary(&self) -> Vary {
        self.vary
    }

    /// Why.
    pub const fn reason(&self) -> Reason<'r> {
        self.reason
    }
}

/// Decides what the response to `request` must be under `policy`.
///
/// Allocation-free, panic-free, and linear in the size of the request's CORS headers.
/// See the crate documentation for the contract, clause by clause, and
/// `cors_runtime::engine` for how an adapter carries a decision out.
///
/// # Example
///
/// ```
/// use cors_policy_core::{decide, Action, CorsHeader, CorsPolicy, HeaderField, Reason, RequestHead, Settings};
///
/// /// Allows `https://app.test` to PUT.
/// struct App;
/// impl CorsPolicy for App {
///     fn allows_origin(&self, origin: &[u8]) -> bool { origin == b"https://app.test" }
///     fn allows_method(&self, method: &[u8]) -> bool { method == b"PUT" }
///     fn allows_request_header(&self, _: &[u8]) -> bool { false }
///     fn settings(&self) -> Settings<'_> {
///         Settings { allow_methods: Some("PUT"), ..Settings::DEFAULT }
///     }
/// }
/// let request = |method: &'static [u8], origin: &'static [u8]| RequestHead {
///     method,
///     origin: HeaderField::One(origin),
///     request_method: HeaderField::Absent,
///     request_headers: [],
///     request_private_network: HeaderField::Absent,
///     fetch_site: HeaderField::Absent,
///     host: HeaderField::Absent,
///     upgrade: HeaderField::Absent,
/// };
///
/// // An allowed origin's PUT: run the handler, then add `Access-Control-Allow-Origin`.
/// let allowed = decide(&App, request(b"PUT", b"https://app.test"));
/// assert_eq!(allowed.action(), Action::Forward);
/// assert!(allowed.headers().contains(CorsHeader::AllowOrigin));
/// assert_eq!(allowed.reason(), Reason::OriginAllowed);
///
/// // Another origin's: the handler runs too, but the response gets no CORS header.
/// let refused = decide(&App, request(b"PUT", b"https://evil.test"));
/// assert_eq!(refused.action(), Action::Forward);
/// assert!(refused.headers().is_empty());
/// assert_eq!(refused.reason(), Reason::OriginNotAllowed(b"https://evil.test"));
/// assert_eq!(refused.reason().to_string(), "origin `https://evil.test` is not allowed");
/// ```
#[inline]
pub fn decide<'r, P, L>(policy: &P, request: RequestHead<'r, L>) -> Decision<'r>
where
    P: CorsPolicy + ?Sized,
    L: IntoIterator<Item = &'r [u8]>,
{
    decide_judged(policy, request, |origin| policy.judge_origin(origin))
}

/// [`decide`], with the verdict on the request's `Origin` value already known: for an
/// origin source that answers asynchronously, asked before deciding (the adapters'
/// `AsyncOrigins`). `verdict` stands for [`CorsPolicy::judge_origin`] and is used only
/// where `decide` would call it: a single `Origin` of at most [`MAX_ORIGIN_LEN`] bytes,
/// under a policy that does not allow any origin.
///
/// ```
/// use cors_policy_core::{decide_with_origin_verdict, CorsPolicy, HeaderField, OriginVerdict, Reason, RequestHead, Settings};
///
/// struct Nothing;
/// impl CorsPolicy for Nothing {
///     fn allows_origin(&self, _: &[u8]) -> bool { false }
///     fn allows_method(&self, _: &[u8]) -> bool { false }
///     fn allows_request_header(&self, _: &[u8]) -> bool { false }
///     fn settings(&self) -> Settings<'_> { Settings::DEFAULT }
/// }
/// let head = RequestHead {
///     method: b"GET",
///     origin: HeaderField::One(b"https://tenant.test"),
///     request_method: HeaderField::Absent,
///     request_headers: [],
///     request_private_network: HeaderField::Absent,
///     fetch_site: HeaderField::Absent,
///     host: HeaderField::Absent,
///     upgrade: HeaderField::Absent,
/// };
/// let decision = decide_with_origin_verdict(&Nothing, head, OriginVerdict::Allowed);
/// assert_eq!(decision.reason(), Reason::OriginAllowed);
/// ```
#[inline]
pub fn decide_with_origin_verdict<'r, P, L>(
    policy: &P,
    request: RequestHead<'r, L>,
    verdict: OriginVerdict,
) -> Decision<'r>
where
    P: CorsPolicy + ?Sized,
    L: IntoIterator<Item = &'r [u8]>,
{
    decide_judged(policy, request, |_| verdict)
}

#[inline(always)]
fn decide_judged<'r, P, L>(
    policy: &P,
    request: RequestHead<'r, L>,
    judge: impl FnOnce(&[u8]) -> OriginVerdict,
) -> Decision<'r>
where
    P: CorsPolicy + ?Sized,
    L: IntoIterator<Item = &'r [u8]>,
{
    let settings = policy.settings();
    let origin = judge_origin(&settings, request.origin, judge);
    if request.is_preflight() {
        return decide_preflight(policy, &settings, request, origin);
    }
    if settings.cross_origin_protection
        && let Some(reason) = protection::refusal(&request, origin.is_ok())
    {
        return Decision {
            action: Action::Respond(403),
            preflight: false,
            headers: HeaderSet::EMPTY,
            vary: Vary::for_actual(&settings),
            reason,
        };
    }
    decide_actual(&settings, origin)
}

/// Whether the origin is allowed, and why (the error side is the refusal's reason).
#[inline(always)]
fn judge_origin<'r>(
    settings: &Settings<'_>,
    origin: HeaderField<'r>,
    judge: impl FnOnce(&[u8]) -> OriginVerdict,
) -> Result<Reason<'r>, Reason<'r>> {
    if settings.any_origin {
        return Ok(Reason::AnyOrigin);
    }
    match origin {
        HeaderField::Absent => Err(Reason::NoOrigin),
        HeaderField::Many => Err(Reason::MultipleOrigins),
        HeaderField::One(value) if value.len() > MAX_ORIGIN_LEN => {
            Err(Reason::OriginNotAllowed(value))
        }
        HeaderField::One(value) => match judge(value) {
            OriginVerdict::Allowed => Ok(Reason::OriginAllowed),
            OriginVerdict::NotAllowed => Err(Reason::OriginNotAllowed(value)),
            OriginVerdict::BreaksRule(rule) => Err(Reason::OriginBreaksRule(value, rule)),
            OriginVerdict::SourceFailed => Err(Reason::OriginSourceFailed(value)),
        },
    }
}

#[inline(always)]
fn decide_actual<'r>(
    settings: &Settings<'_>,
    origin: Result<Reason<'r>, Reason<'r>>,
) -> Decision<'r> {
    let vary = Vary::for_actual(settings);
    let (headers, reason) = match origin {
        Ok(reason) => (
            HeaderSet::EMPTY
                .with(CorsHeader::AllowOrigin, true)
                .with(CorsHeader::AllowCredentials, settings.credentials)
                .with(CorsHeader::ExposeHeaders, settings.expose_headers.is_some()),
            reason,
        ),
        Err(reason) => (HeaderSet::EMPTY, reason),
    };
    Decision {
        action: Action::Forward,
        preflight: false,
        headers,
        vary,
        reason,
    }
}

#[inline(always)]
fn decide_preflight<'r, P, L>(
    policy: &P,
    settings: &Settings<'_>,
    request: RequestHead<'r, L>,
    origin: Result<Reason<'r>, Reason<'r>>,
) -> Decision<'r>
where
    P: CorsPolicy + ?Sized,
    L: IntoIterator<Item = &'r [u8]>,
{
    let vary = Vary::for_preflight(settings);
    let reject = |reason| Decision {
        action: Action::Respond(403),
        preflight: true,
        headers: HeaderSet::EMPTY,
        vary,
        reason,
    };
    if let Err(reason) = origin {
        return reject(reason);
    }
    let method = match request.request_method {
        HeaderField::One(method) => method,
        _ => return reject(Reason::MultipleRequestMethods),
    };
    if !matches!(method, b"GET" | b"HEAD" | b"POST") && !policy.allows_method(method) {
        return reject(Reason::MethodNotAllowed(method));
    }
    let mut request_headers_len = 0;
    // An echoing policy's answer lists the headers asked for, so it needs to know
    // whether the lines name any: a line of commas and spaces (or an empty one) asks for
    // none. Only it looks (a listing policy answers with its own list either way).
    let allow_headers_source = CorsHeader::AllowHeaders.value(settings);
    let echoes_headers = matches!(
        allow_headers_source,
        Some(HeaderValueSource::EchoRequestHeaders { .. })
    );
    let mut asks_headers = false;
    for line in request.request_headers {
        request_headers_len += line.len();
        if request_headers_len > MAX_REQUEST_HEADERS_LEN {
            return reject(Reason::RequestHeadersTooLong);
        }
        if let Some(name) = list_elements(line).find(|name| !policy.allows_request_header(name)) {
            return reject(Reason::HeaderNotAllowed(name));
        }
        if echoes_headers && !asks_headers {
            asks_headers = list_elements(line).next().is_some();
        }
    }
    // One line says whether the preflight asks; several are malformed (browsers send one)
    // and refused whatever the policy, as several request-method lines are: neither
    // ignored (a policy without private network access would let them through) nor
    // taken as asking (a policy with it would grant what they may not have asked).
    let private_network = match request.request_private_network {
        HeaderField::Absent => false,
        HeaderField::One(value) => value.eq_ignore_ascii_case(b"true"),
        HeaderField::Many => return reject(Reason::MultiplePrivateNetworkRequests),
    };
    if private_network && !settings.private_network {
        return reject(Reason::PrivateNetworkNotAllowed);
    }
    // An echoed request-headers list needs a header to echo; with none named, the
    // preflight asked for no header, and the answer allows none.
    let allow_headers = match allow_headers_source {
        None => false,
        Some(HeaderValueSource::EchoRequestHeaders { .. }) => asks_headers,
        Some(_) => true,
    };
    let headers = HeaderSet::EMPTY
        .with(CorsHeader::AllowOrigin, true)
        .with(CorsHeader::AllowCredentials, settings.credentials)
        .with(CorsHeader::AllowMethods, settings.allow_methods.is_some())
        .with(CorsHeader::AllowHeaders, allow_headers)
        .with(CorsHeader::MaxAge, settings.max_age.is_some())
        .with(CorsHeader::AllowPrivateNetwork, private_network);
    let action = if settings.preflight_continue {
        Action::Forward
    } else {
        Action::Respond(settings.preflight_status)
    };
    Decision {
        action,
        preflight: true,
        headers,
        vary,
        reason: Reason::PreflightAllowed,
    }
}

#[cfg(test)]
mod tests {
    use super::{CorsHeader, HeaderSet};

    /// `iter` walks the set bits; it must yield exactly the members, in `ALL` order, for
    /// every one of the 128 sets.
    #[test]
    fn header_set_iter_yields_the_members_in_all_order() {
        for bits in 0..=u8::MAX >> 1 {
            let set = HeaderSet(bits);
            let expected: Vec<CorsHeader> = CorsHeader::ALL
                .into_iter()
                .filter(|header| set.contains(*header))
                .collect();
            assert_eq!(set.iter().collect::<Vec<_>>(), expected, "{bits:#09b}");
            assert_eq!(set.len(), expected.len());
        }
    }
}

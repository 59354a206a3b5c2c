//! `Vary`: which request headers a CORS response depends on, decided per policy.

use crate::policy::Settings;
use crate::syntax::list_contains;

/// The `Vary` members a response must carry.
///
/// A specific-origin policy answers differently per `Origin`, so every response it
/// touches varies on `Origin` (allowed, refused and origin-less alike: a shared cache
/// must never serve one origin's answer to another). Preflight answers also depend on
/// the requested method and headers. An any-origin policy's actual responses vary on
/// nothing.
///
/// # Example
///
/// ```
/// use cors_policy_core::{Settings, Vary};
///
/// let vary = Vary::for_actual(&Settings::DEFAULT);
/// assert_eq!(vary.members(), ["Origin"]);
/// // Merge into a handler's Vary lines: only what is missing is added.
/// assert_eq!(vary.missing_from([&b"accept-encoding, origin"[..]]).count(), 0);
/// assert_eq!(vary.missing_from([&b"*"[..]]).count(), 0);
/// assert_eq!(vary.missing_from([&b"accept"[..]]).collect::<Vec<_>>(), ["Origin"]);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Vary(Kind);

/// Every `Vary` the engine can ask for: one byte, so that a decision (and an adapter's
/// response future holding it) stays small and comparing two is one byte comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Nothing,
    Origin,
    Preflight,
    PreflightPrivateNetwork,
    AnyOriginPreflight,
    AnyOriginPreflightPrivateNetwork,
}

const ORIGIN: &str = "Origin";
const REQUEST_METHOD: &str = "Access-Control-Request-Method";
const REQUEST_HEADERS: &str = "Access-Control-Request-Headers";
const REQUEST_PRIVATE_NETWORK: &str = "Access-Control-Request-Private-Network";

impl core::fmt::Debug for Vary {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Vary").field(&self.members()).finish()
    }
}

impl Vary {
    /// Vary on nothing.
    pub const NONE: Vary = Vary(Kind::Nothing);

    /// Vary on `Origin` alone: every actual response's, unless any origin is allowed.
    /// Named so that an adapter can send its value as a compile-time constant.
    ///
    /// ```
    /// use cors_policy_core::{Settings, Vary};
    ///
    /// assert_eq!(Vary::for_actual(&Settings::DEFAULT), Vary::ORIGIN);
    /// assert_eq!(Vary::ORIGIN.value(), Some("Origin"));
    /// ```
    pub const ORIGIN: Vary = Vary(Kind::Origin);

    /// Vary on `Origin` and the preflight's request method and headers: every
    /// preflight's, unless any origin is allowed or private network access is on.
    ///
    /// ```
    /// use cors_policy_core::{Settings, Vary};
    ///
    /// assert_eq!(Vary::for_preflight(&Settings::DEFAULT), Vary::PREFLIGHT);
    /// assert_eq!(
    ///     Vary::PREFLIGHT.value(),
    ///     Some("Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
    /// );
    /// ```
    pub const PREFLIGHT: Vary = Vary(Kind::Preflight);

    /// The `Vary` of a non-preflight response.
    #[inline]
    pub const fn for_actual(settings: &Settings<'_>) -> Vary {
        if settings.any_origin {
            Vary::NONE
        } else {
            Vary::ORIGIN
        }
    }

    /// The `Vary` of a preflight response, accepted or refused.
    ///
    /// It lists the request headers a preflight answer is built from, and
    /// `Access-Control-Request-Private-Network` only under `private_network`. Without it,
    /// the header still decides one thing: several lines of it are refused (malformed),
    /// and it is not listed for that. A preflight answer is an `OPTIONS` response, which
    /// HTTP caches do not store (RFC 9110, 9.3.7) and the browser's preflight cache keys
    /// by origin, URL and credentials, not by `Vary`; so `Vary` on a preflight guards only
    /// a cache configured to store `OPTIONS`, and names what the answer is built from.
    #[inline]
    pub const fn for_preflight(settings: &Settings<'_>) -> Vary {
        Vary(match (settings.any_origin, settings.private_network) {
            (false, false) => Kind::Preflight,
            (false, true) => Kind::PreflightPrivateNetwork,
            (true, false) => Kind::AnyOriginPreflight,
            (true, true) => Kind::AnyOriginPreflightPrivateNetwork,
        })
    }

    /// The members, each a header name.
    #[inline]
    pub const fn members(self) -> &'static [&'static str] {
        match self.0 {
            Kind::Nothing => &[],
            Kind::Origin => &[ORIGIN],
            Kind::Preflight => &[ORIGIN, REQUEST_METHOD, REQUEST_HEADERS],
            Kind::PreflightPrivateNetwork => &[
                ORIGIN,
                REQUEST_METHOD,
                REQUEST_HEADERS,
                REQUEST_PRIVATE_NETWORK,
            ],
            Kind::AnyOriginPreflight => &[REQUEST_METHOD, REQUEST_HEADERS],
            Kind::AnyOriginPreflightPrivateNetwork => {
                &[REQUEST_METHOD, REQUEST_HEADERS, REQUEST_PRIVATE_NETWORK]
            }
        }
    }

    /// The whole value for a response that has no `Vary` yet; `None` to vary on nothing.
    #[inline]
    pub const fn value(self) -> Option<&'static str> {
        Some(match self.0 {
            Kind::Nothing => return None,
            Kind::Origin => ORIGIN,
            Kind::Preflight => {
                "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
            }
            Kind::PreflightPrivateNetwork => {
                "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, \
                 Access-Control-Request-Private-Network"
            }
            Kind::AnyOriginPreflight => {
                "Access-Control-Request-Method, Access-Control-Request-Headers"
            }
            Kind::AnyOriginPreflightPrivateNetwork => {
                "Access-Control-Request-Method, Access-Control-Request-Headers, \
                 Access-Control-Request-Private-Network"
            }
        })
    }
    /// The members that `existing` (a response's `Vary` lines) lacks, to be appended
    /// one line each. Nothing is missing from `Vary: *`. Comparison is
    /// ASCII-case-insensitive across comma lists and lines.
    pub fn missing_from<'a, I>(self, existing: I) -> impl Iterator<Item = &'static str>
    where
        I: IntoIterator<Item = &'a [u8]> + Clone,
    {
        let varies_on_everything = list_contains(existing.clone(), b"*");
        self.members().iter().copied().filter(move |member| {
            !varies_on_everything && !list_contains(existing.clone(), member.as_bytes())
        })
    }
}

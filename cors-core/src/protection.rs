//! Cross-origin protection (`cross_origin_protection: true`): refusing what CORS cannot
//! stop.
//!
//! CORS only decides what a page may *read*. A form POST, a `no-cors` `fetch` or a
//! `text/plain` POST from any site is never preflighted: it reaches the handler, and its
//! side effects happen, whatever the policy says. A WebSocket handshake is not subject to
//! CORS at all. With protection on, such requests from an origin the policy does not
//! allow are answered 403 before the handler runs.
//!
//! The algorithm, step by step, is in the crate docs ("Cross-origin protection"): step 1
//! is [`guarded`], step 2 the first arm of [`refusal`], steps 3 and 4 [`cross_site`] and
//! [`without_fetch_site`].

use core::fmt;

use crate::engine::{HeaderField, Reason, RequestHead};
use crate::syntax::list_elements;

/// What cross-origin protection judged: a request that can change state.
///
/// # Example
///
/// ```
/// use cors_policy_core::Guarded;
///
/// assert_eq!(Guarded::Method(b"POST").to_string(), "cross-origin `POST`");
/// assert_eq!(Guarded::WebSocket.to_string(), "cross-origin WebSocket handshake");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Guarded<'r> {
    /// A request whose method is not `GET`, `HEAD` or `OPTIONS`.
    Method(&'r [u8]),
    /// A WebSocket handshake (`Upgrade: websocket`), whatever its method.
    WebSocket,
}

impl fmt::Display for Guarded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Guarded::Method(method) => {
                write!(f, "cross-origin `{}`", crate::ShownBytes(method))
            }
            Guarded::WebSocket => f.write_str("cross-origin WebSocket handshake"),
        }
    }
}

/// Why cross-origin protection refuses `request`, or `None` when it lets it through to
/// the rest of the engine. `origin_allowed`: the engine's verdict on the request's
/// `Origin` (judged once per request, for protection and CORS alike). Only called when
/// the policy has protection on and the request is not a preflight.
pub(crate) fn refusal<'r, L>(
    request: &RequestHead<'r, L>,
    origin_allowed: bool,
) -> Option<Reason<'r>> {
    let guarded = guarded(request)?;
    match request.fetch_site {
        // Step 2: the browser itself says the request is not cross-origin.
        HeaderField::One(b"same-origin" | b"none") => None,
        HeaderField::Absent => without_fetch_site(request, guarded, origin_allowed),
        fetch_site => cross_site(request, guarded, fetch_site, origin_allowed),
    }
}

/// Step 1: what the request could change, or `None` for a request protection leaves
/// alone.
fn guarded<'r, L>(request: &RequestHead<'r, L>) -> Option<Guarded<'r>> {
    Guarded::of(request.method, request.upgrade)
}

impl<'r> Guarded<'r> {
    /// What cross-origin protection would judge in a request with this method and
    /// `Upgrade`, or `None` for one it leaves alone (a safe method, no WebSocket
    /// handshake). Adapters use it to look up `Sec-Fetch-Site` and `Host` only when the
    /// engine will read them.
    ///
    /// ```
    /// use cors_policy_core::{Guarded, HeaderField};
    ///
    /// assert_eq!(Guarded::of(b"POST", HeaderField::Absent), Some(Guarded::Method(b"POST")));
    /// assert_eq!(Guarded::of(b"GET", HeaderField::One(b"websocket")), Some(Guarded::WebSocket));
    /// assert_eq!(Guarded::of(b"GET", HeaderField::Absent), None);
    /// ```
    pub fn of(method: &'r [u8], upgrade: HeaderField<'_>) -> Option<Guarded<'r>> {
        if is_websocket_handshake(upgrade) {
            return Some(Guarded::WebSocket);
        }
        match method {
            b"GET" | b"HEAD" | b"OPTIONS" => None,
            method => Some(Guarded::Method(method)),
        }
    }
}

/// `Upgrade` names `websocket` (case-insensitive, RFC 6455), possibly in a list. Several
/// `Upgrade` lines are read as a handshake too: judging a request that is not one costs
/// nothing a browser would notice, missing one that is would let it through.
fn is_websocket_handshake(upgrade: HeaderField<'_>) -> bool {
    match upgrade {
        HeaderField::Absent => false,
        HeaderField::One(value) => {
            list_elements(value).any(|protocol| protocol.eq_ignore_ascii_case(b"websocket"))
        }
        HeaderField::Many => true,
    }
}

/// Step 3: the browser says the request comes from another origin; only an origin the
/// policy allows passes.
fn cross_site<'r, L>(
    request: &RequestHead<'r, L>,
    guarded: Guarded<'r>,
    fetch_site: HeaderField<'r>,
    origin_allowed: bool,
) -> Option<Reason<'r>> {
    if origin_allowed {
        return None;
    }
    Some(Reason::CrossSiteRefused {
        request: guarded,
        fetch_site,
        origin: request.origin,
    })
}

/// Step 4: no `Sec-Fetch-Site`; `Origin` against the request's own authority, then the
/// policy.
fn without_fetch_site<'r, L>(
    request: &RequestHead<'r, L>,
    guarded: Guarded<'r>,
    origin_allowed: bool,
) -> Option<Reason<'r>> {
    match request.origin {
        HeaderField::Absent => return None,
        HeaderField::One(origin) if is_own_origin(origin, request.host) => return None,
        _ if origin_allowed => return None,
        _ => {}
    }
    Some(Reason::ForeignOriginRefused {
        request: guarded,
        origin: request.origin,
        host: request.host,
    })
}

/// Whether `origin`'s `host[:port]` is exactly the request's authority. Only one `Host`
/// counts: a request with none or several has no authority to be the origin of.
fn is_own_origin(origin: &[u8], host: HeaderField<'_>) -> bool {
    match (authority_of(origin), host) {
        (Some(authority), HeaderField::One(host)) => authority == host,
        _ => false,
    }
}

/// The `host[:port]` of a serialized origin (`scheme://host[:port]`); `None` for `null`
/// and anything without `://` and a host.
fn authority_of(origin: &[u8]) -> Option<&[u8]> {
    let start = origin.windows(3).position(|window| window == b"://")? + 3;
    origin
        .get(start..)
        .filter(|authority| !authority.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_authority_of_an_origin() {
        assert_eq!(
            authority_of(b"https://api.test:8443"),
            Some(&b"api.test:8443"[..])
        );
        assert_eq!(authority_of(b"http://[::1]:80"), Some(&b"[::1]:80"[..]));
        assert_eq!(authority_of(b"null"), None);
        assert_eq!(authority_of(b"https://"), None);
        assert_eq!(authority_of(b""), None);
    }

    #[test]
    fn only_one_host_can_be_the_origins_own() {
        let origin = b"http://api.test";
        assert!(is_own_origin(origin, HeaderField::One(b"api.test")));
        assert!(!is_own_origin(origin, HeaderField::One(b"api.test:80")));
        assert!(!is_own_origin(origin, HeaderField::One(b"API.test")));
        assert!(!is_own_origin(origin, HeaderField::Absent));
        assert!(!is_own_origin(origin, HeaderField::Many));
        assert!(!is_own_origin(b"null", HeaderField::One(b"null")));
    }

    #[test]
    fn websocket_is_found_in_upgrade_lists_in_any_case() {
        assert!(is_websocket_handshake(HeaderField::One(b"websocket")));
        assert!(is_websocket_handshake(HeaderField::One(b"WebSocket")));
        assert!(is_websocket_handshake(HeaderField::One(b"h2c, websocket")));
        assert!(is_websocket_handshake(HeaderField::Many));
        assert!(!is_websocket_handshake(HeaderField::One(b"h2c")));
        assert!(!is_websocket_handshake(HeaderField::One(b"websockets")));
        assert!(!is_websocket_handshake(HeaderField::Absent));
    }
}

//! The application behind the CORS layer, the same in every adapter, and the request log
//! every server keeps.
//!
//! Paths are `/{adapter}/{case}/{leaf}`: each case (and each adapter) gets its own
//! paths, so that a preflight or a response cached by the browser for one case never
//! answers another, and a cookie set for one case (its `Path` is the case's prefix) is
//! never sent in another.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::PolicyName;

/// The leaves the application routes (any method); any other path gets the framework's
/// own 404, which runs no handler.
pub const LEAVES: [&str; 8] = [
    "items", "error", "denied", "login", "whoami", "cached", "acao", "ws",
];

/// The header every handler adds to its response, so that the request log can tell a
/// handler's response from the layer's (a preflight answer) or the framework's (a 404).
pub const HANDLED: &str = "x-handled";

/// What a handler answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The status.
    pub status: u16,
    /// Headers, one line each ([`HANDLED`] included).
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: String,
    /// The handler fails: axum's `Err(impl IntoResponse)` and actix's
    /// `Err(impl ResponseError)` make the response; hyper answers it directly.
    pub fails: bool,
}

/// The handler of `leaf` (one of [`LEAVES`]) for a request to `path`.
///
/// - `items`: `200 "<METHOD> ok"` with `x-total-count: 42`, `x-secret: s3cret` and
///   `content-language: en`; a page's own `OPTIONS` also gets `allow`.
/// - `error`: a failing handler, 500 `boom`. `denied`: 401 `denied`.
/// - `login`: sets the cookie `sid=<adapter>.<case>` for the case's paths. `whoami`: the
///   request's `Cookie` header, or `no cookie`.
/// - `ws`: a WebSocket handshake's answer, `101 Switching Protocols` with the
///   `Sec-WebSocket-Accept` of the request's key (see [`websocket`]); 400 without a key.
/// - `cached`: cacheable for 600 s. `acao`: the handler's own CORS headers
///   (`Access-Control-Allow-Origin: http://evil.test`, `-Expose-Headers: x-secret`),
///   which the layer replaces or removes.
pub fn respond(method: &str, path: &str, cookie: Option<&str>) -> Reply {
    let (prefix, leaf) = path.rsplit_once('/').unwrap_or(("", path));
    let mut reply = Reply {
        status: 200,
        headers: vec![(HANDLED, "1".to_owned())],
        body: format!("{method} ok"),
        fails: false,
    };
    let mut header = |name: &'static str, value: &str| reply.headers.push((name, value.to_owned()));
    match leaf {
        "items" => {
            header("x-total-count", "42");
            header("x-secret", "s3cret");
            header("content-language", "en");
            if method == "OPTIONS" {
                header("allow", "GET, HEAD, PUT, DELETE, PATCH, OPTIONS");
            }
        }
        "login" => {
            let value = prefix.trim_start_matches('/').replace('/', ".");
            header("set-cookie", &format!("sid={value}; Path={prefix}"));
            reply.body = "logged in".to_owned();
        }
        "whoami" => reply.body = cookie.unwrap_or("no cookie").to_owned(),
        "cached" => {
            header("cache-control", "max-age=600");
            reply.body = "cached".to_owned();
        }
        "acao" => {
            header("access-control-allow-origin", "http://evil.test");
            header("access-control-expose-headers", "x-secret");
            header("x-secret", "s3cret");
            header("x-total-count", "42");
        }
        "error" => {
            reply.status = 500;
            reply.body = "boom".to_owned();
            reply.fails = true;
        }
        "denied" => {
            reply.status = 401;
            reply.body = "denied".to_owned();
        }
        _ => {}
    }
    reply
}

/// The answer of the `ws` leaf to a request with this `Sec-WebSocket-Key`: `101` with
/// what RFC 6455 §4.2.2 requires, enough for a browser's `WebSocket` to fire `open` (the
/// server then closes the connection: no frame is ever exchanged, the suite only needs to
/// know whether the handshake reached the handler and was accepted). `None` for another
/// leaf.
///
/// ```
/// // RFC 6455 §1.3's example key and its accept value.
/// let reply = cors_browser_tests::app::websocket("/a/b/ws", Some(b"dGhlIHNhbXBsZSBub25jZQ==")).unwrap();
/// assert_eq!(reply.status, 101);
/// assert!(reply.headers.contains(&("sec-websocket-accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=".to_owned())));
/// ```
pub fn websocket(path: &str, key: Option<&[u8]>) -> Option<Reply> {
    use base64::Engine as _;

    if !path.ends_with("/ws") {
        return None;
    }
    let mut reply = Reply {
        status: 400,
        headers: vec![(HANDLED, "1".to_owned())],
        body: "not a WebSocket handshake".to_owned(),
        fails: false,
    };
    if let Some(key) = key {
        const GUID: &[u8] = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
        let mut sha1 = sha1_smol::Sha1::new();
        sha1.update(key);
        sha1.update(GUID);
        let accept = base64::engine::general_purpose::STANDARD.encode(sha1.digest().bytes());
        reply.status = 101;
        reply.body = String::new();
        reply.headers.push(("upgrade", "websocket".to_owned()));
        reply.headers.push(("connection", "Upgrade".to_owned()));
        reply.headers.push(("sec-websocket-accept", accept));
    }
    Some(reply)
}

/// One request as it reached a server, before the CORS layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The policy of the server it reached.
    pub policy: PolicyName,
    /// The method, as sent.
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The `Origin` header.
    pub origin: Option<String>,
    /// `Access-Control-Request-Method`.
    pub acrm: Option<String>,
    /// `Access-Control-Request-Headers`.
    pub acrh: Option<String>,
    /// The `Cookie` header.
    pub cookie: Option<String>,
    /// `Sec-Fetch-Site` (what cross-origin protection reads first).
    pub fetch_site: Option<String>,
    /// The status the server answered (0 until it has).
    pub status: u16,
    /// Whether a handler of the application made the response.
    pub handled: bool,
}

/// The log every server of one suite run appends to, in arrival order.
#[derive(Clone, Debug, Default)]
pub struct RequestLog(Arc<Mutex<Vec<Entry>>>);

impl RequestLog {
    fn entries(&self) -> MutexGuard<'_, Vec<Entry>> {
        // A panicking server task cannot leave an entry half-written: keep logging.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A request arrived at `policy`'s server; `header` reads one of its headers.
    /// Returns the index to [`finish`](Self::finish) it with.
    pub fn begin(
        &self,
        policy: PolicyName,
        method: &str,
        path: &str,
        header: impl Fn(&str) -> Option<String>,
    ) -> usize {
        let entry = Entry {
            policy,
            method: method.to_owned(),
            path: path.to_owned(),
            origin: header("origin"),
            acrm: header("access-control-request-method"),
            acrh: header("access-control-request-headers"),
            cookie: header("cookie"),
            fetch_site: header("sec-fetch-site"),
            status: 0,
            handled: false,
        };
        let mut entries = self.entries();
        entries.push(entry);
        entries.len() - 1
    }

    /// The response to request `index` is ready, with `status`; `handled` when it
    /// carries [`HANDLED`].
    pub fn finish(&self, index: usize, status: u16, handled: bool) {
        if let Some(entry) = self.entries().get_mut(index) {
            entry.status = status;
            entry.handled = handled;
        }
    }

    /// The requests whose path starts with `prefix`, in arrival order.
    pub fn under(&self, prefix: &str) -> Vec<Entry> {
        self.entries()
            .iter()
            .filter(|entry| entry.path.starts_with(prefix))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_scopes_its_cookie_to_the_case() {
        let reply = respond("GET", "/axum/c20/login", None);
        assert!(
            reply
                .headers
                .contains(&("set-cookie", "sid=axum.c20; Path=/axum/c20".to_owned()))
        );
        assert_eq!(respond("GET", "/a/b/whoami", Some("sid=x")).body, "sid=x");
    }
}

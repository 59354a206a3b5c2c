//! The application behind the CORS layer in every adapter: the same routes and answers,
//! so that only the adapter differs between runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Every route of the application; any other path gets the framework's own 404 (its
/// default fallback or default service), which runs no handler of ours.
pub const ROUTES: [&str; 6] = [
    "/items",
    "/vary/accept-encoding",
    "/vary/star",
    "/vary/origin",
    "/acao",
    "/error",
];

/// The `Allow` header of the application's own `OPTIONS` answer on `/items`.
pub const ALLOW: &str = "GET, HEAD, PUT, DELETE, PATCH, OPTIONS";

/// What a handler answers.
#[derive(Clone, Copy, Debug)]
pub struct Reply {
    /// The status.
    pub status: u16,
    /// Headers the handler sets, one line each.
    pub headers: &'static [(&'static str, &'static str)],
    /// The body.
    pub body: &'static str,
    /// The handler fails: each framework's error path (axum `Err(impl IntoResponse)`,
    /// actix `Err(actix_web::Error)`) makes the response; hyper has none, so the
    /// handler answers the same status itself.
    pub fails: bool,
}

/// The handler of a route in [`ROUTES`]; `None` for any other path.
pub fn reply(method: &str, path: &str) -> Option<Reply> {
    const fn ok(headers: &'static [(&'static str, &'static str)]) -> Reply {
        Reply {
            status: 200,
            headers,
            body: "ok",
            fails: false,
        }
    }
    Some(match path {
        "/items" if method == "OPTIONS" => Reply {
            body: "options",
            ..ok(&[("allow", ALLOW)])
        },
        "/items" => ok(&[]),
        "/vary/accept-encoding" => ok(&[("vary", "accept-encoding")]),
        "/vary/star" => ok(&[("vary", "*")]),
        "/vary/origin" => ok(&[("vary", "origin")]),
        "/acao" => ok(&[
            ("access-control-allow-origin", "https://evil.test"),
            ("access-control-expose-headers", "x-secret"),
        ]),
        "/error" => Reply {
            status: 500,
            headers: &[],
            body: "boom",
            fails: true,
        },
        _ => return None,
    })
}

/// Counts handler runs: a clone goes into every handler of one application.
#[derive(Clone, Debug, Default)]
pub struct Recorder(Arc<AtomicUsize>);

impl Recorder {
    /// A handler ran.
    pub fn ran(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }

    /// How many times handlers ran.
    pub fn runs(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

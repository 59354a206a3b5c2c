//! The application behind the CORS layer in every adapter: the same routes and answers,
//! so that only the adapter differs between runs.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

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
#[derive(Clone, Debug)]
pub struct Reply {
    /// The status.
    pub status: u16,
    /// Headers the handler sets, one line each (bytes: a scripted reply may set a value
    /// that is not UTF-8).
    pub headers: Vec<(&'static str, &'static [u8])>,
    /// The body.
    pub body: &'static str,
    /// The handler fails: each framework's error path (axum `Err(impl IntoResponse)`,
    /// actix `Err(actix_web::Error)`) makes the response, with this status and these
    /// headers; hyper has none, so the handler answers the same itself.
    pub fails: bool,
}

/// The handler of a route in [`ROUTES`]; `None` for any other path.
pub fn reply(method: &str, path: &str) -> Option<Reply> {
    fn ok(headers: &[(&'static str, &'static str)]) -> Reply {
        Reply {
            status: 200,
            headers: headers
                .iter()
                .map(|&(name, value)| (name, value.as_bytes()))
                .collect(),
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
            headers: Vec::new(),
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

/// A reply a test sets for the next request, which every routed path then gives in
/// place of its own: the differential scripts the handler's status, headers and failure
/// per generated request, through applications built once for thousands of requests. A
/// clone goes into every handler of one application, like the [`Recorder`].
#[derive(Clone, Debug, Default)]
pub struct Script(Arc<Mutex<Option<Reply>>>);

impl Script {
    /// The reply of the next requests; `None` gives each route its own again.
    pub fn set(&self, reply: Option<Reply>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = reply;
    }

    /// What the handler of `method` on `path` answers: the scripted reply, or the
    /// route's own; `None` off the routes, scripted or not.
    pub fn reply(&self, method: &str, path: &str) -> Option<Reply> {
        let own = reply(method, path)?;
        let scripted = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        Some(scripted.unwrap_or(own))
    }
}

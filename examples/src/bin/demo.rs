//! The browser demo: a page on one origin calls an API on another, and a table shows
//! what the browser allowed or blocked, and which rule of the API's `cors!` policy
//! decided.
//!
//! Run it with `cargo run -p cors-examples --bin demo` and open the page it prints,
//! <http://127.0.0.1:8080/>. Three servers start on loopback:
//!
//! - `http://127.0.0.1:8080`: the page (`examples/demo/index.html`), the origin the
//!   policy allows;
//! - `http://127.0.0.1:8081`: the API, an axum router behind `CorsLayer::new(DemoCors)`;
//! - `http://127.0.0.1:8082`: "another site" (`examples/demo/other.html`), which the
//!   page loads in an iframe and asks to make requests the policy refuses.
//!
//! The ports are fixed because the policy names the page's origin, and `cors!` checks
//! its origins when this file compiles.
//!
//! For the table's "why" column the API records, for each request whose query string
//! carries `demo_id=...`, the engine's decision (`cors_runtime::decide` on the same
//! request head the layer sees), whether the request reached the application, and the
//! status sent; the page reads them back from `GET /__explain?demo_id=...`. A real
//! service needs none of this: the layer alone applies the policy.

use std::collections::VecDeque;
use std::future::IntoFuture;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::header::{self, HeaderMap, HeaderName};
use axum::http::{StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post, put};
use cors_examples::{ERROR_BODY, ITEMS_COUNT, ITEMS_JSON, json_string, updated};
use cors_runtime::tower::CorsLayer;
use cors_runtime::{HeaderField, Reason, RequestHead, decide};
use tokio::net::TcpListener;

cors_runtime::cors! {
    /// The API's policy. It allows the page's origin (under both names a person may type
    /// for loopback) and nothing else, so the iframe's site on port 8082 is refused.
    /// `OPTIONS` is listed because a page's own `fetch(url, { method: "OPTIONS" })` is
    /// not a simple request: the browser preflights it like a PUT.
    pub struct DemoCors {
        origin: ["http://127.0.0.1:8080", "http://localhost:8080"],
        methods: [PUT, DELETE, OPTIONS],
        allow_headers: ["content-type", "x-client-version"],
        expose_headers: ["x-total-count"],
        credentials: true,
        max_age: 600,
    }
}

/// Where the page is served: the port of the origins listed in [`DemoCors`].
const PAGE_PORT: u16 = 8080;
/// Where the API is served.
const API_PORT: u16 = 8081;
/// Where the other site is served: an origin the policy does not list.
const OTHER_PORT: u16 = 8082;

#[tokio::main]
async fn main() -> io::Result<()> {
    let api = bind("API", API_PORT).await?;
    let page = bind("page", PAGE_PORT).await?;
    let other = bind("other site", OTHER_PORT).await?;

    let page_html = include_str!("../../demo/index.html")
        .replace("__API_PORT__", &API_PORT.to_string())
        .replace("__OTHER_PORT__", &OTHER_PORT.to_string())
        .replace("__POLICY__", &html_escape(&format!("{DemoCors:?}")));
    let other_html = include_str!("../../demo/other.html");

    println!("CORS demo");
    println!("  page:       http://127.0.0.1:{PAGE_PORT}/   <- open this one");
    println!("  API:        http://127.0.0.1:{API_PORT}/api/items   (policy: {DemoCors:?})");
    println!("  other site: http://127.0.0.1:{OTHER_PORT}/   (shown in an iframe on the page)");
    println!("Press Ctrl-C to stop.");

    tokio::try_join!(
        axum::serve(api, api_router()).into_future(),
        axum::serve(page, html_router(page_html)).into_future(),
        axum::serve(other, html_router(other_html)).into_future(),
    )?;
    Ok(())
}

async fn bind(what: &str, port: u16) -> io::Result<TcpListener> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    TcpListener::bind(addr).await.map_err(|error| {
        io::Error::new(
            error.kind(),
            format!("cannot listen on {addr} for the {what}: {error} (is another demo running?)"),
        )
    })
}

/// `text` safe to place between HTML tags.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A server of one page at `/`.
fn html_router(html: impl Into<String>) -> Router {
    let html = Bytes::from(html.into());
    Router::new().route("/", get(move || async move { Html(html) }))
}

/// The API: the application's routes, then (outermost last) the marker that tells the
/// log a request reached the application, the CORS layer, and the log.
fn api_router() -> Router {
    let log = Log::default();
    Router::new()
        .route("/api/items", get(items).options(items_options))
        .route("/api/items/{id}", put(update).delete(remove).patch(patch))
        .route("/api/login", post(login))
        .route("/api/whoami", get(whoami))
        .route("/api/error", get(fail))
        .route("/__explain", get(explain))
        .with_state(log.clone())
        .layer(middleware::from_fn(mark_reached_app))
        .layer(CorsLayer::new(DemoCors))
        .layer(middleware::from_fn_with_state(log, record))
}

async fn items() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE.as_str(), "application/json"),
            ("x-total-count", ITEMS_COUNT),
            // Not in `expose_headers`: the page's script gets `null` for it.
            ("x-internal-trace", "trace-7f3a"),
        ],
        ITEMS_JSON,
    )
}

async fn update(Path(id): Path<u32>) -> String {
    updated(id)
}

async fn remove(Path(id): Path<u32>) -> String {
    format!("deleted item {id}\n")
}

/// The application can PATCH; the policy does not let other origins ask it to.
async fn patch(Path(id): Path<u32>) -> String {
    format!("patched item {id}\n")
}

async fn items_options() -> impl IntoResponse {
    (
        [(header::ALLOW, cors_examples::ALLOW)],
        "the application's own OPTIONS handler answered\n",
    )
}

/// Starts a session: the cookie is stored by the browser only because the response
/// allows credentials for the page's origin and the page asked with
/// `credentials: "include"`.
async fn login() -> impl IntoResponse {
    static SESSIONS: AtomicU64 = AtomicU64::new(1);
    let session = SESSIONS.fetch_add(1, Ordering::Relaxed);
    let cookie = format!("demo_session=s{session}; Path=/; HttpOnly; SameSite=Lax");
    (
        [(header::SET_COOKIE, cookie)],
        format!("session s{session} started\n"),
    )
}

/// Tells which cookie, if any, came with the request.
async fn whoami(headers: HeaderMap) -> String {
    let session = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .find_map(|pair| pair.trim().strip_prefix("demo_session="));
    match session {
        Some(session) => format!("cookie received: demo_session={session}\n"),
        None => "no cookie received\n".to_owned(),
    }
}

async fn fail() -> Result<&'static str, (StatusCode, &'static str)> {
    Err((StatusCode::INTERNAL_SERVER_ERROR, ERROR_BODY))
}

/// What the API recorded for one demo id, as a JSON array.
async fn explain(State(log): State<Log>, uri: Uri) -> impl IntoResponse {
    let entries = match demo_id(&uri) {
        Some(id) => log.entries_json(id),
        None => "[]".to_owned(),
    };
    ([(header::CONTENT_TYPE, "application/json")], entries)
}

/// Set on a response by the innermost middleware: the request reached the application
/// (rather than being answered by the CORS layer).
#[derive(Clone, Copy, Debug)]
struct ReachedApp;

async fn mark_reached_app(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.extensions_mut().insert(ReachedApp);
    response
}

/// Records, for requests carrying a demo id, what the engine decided and what was sent.
async fn record(State(log): State<Log>, request: Request, next: Next) -> Response {
    // The demo's own routes (`/__explain`) carry the id of the request they explain.
    let own_route = request.uri().path().starts_with("/__");
    let Some(id) = demo_id(request.uri())
        .filter(|_| !own_route)
        .map(str::to_owned)
    else {
        return next.run(request).await;
    };
    let headers = request.headers();
    let head = RequestHead {
        method: request.method().as_str().as_bytes(),
        origin: field(headers, &header::ORIGIN),
        request_method: field(headers, &header::ACCESS_CONTROL_REQUEST_METHOD),
        request_headers: headers
            .get_all(header::ACCESS_CONTROL_REQUEST_HEADERS)
            .iter()
            .map(|value| value.as_bytes()),
        request_private_network: field(
            headers,
            &HeaderName::from_static("access-control-request-private-network"),
        ),
    };
    let decision = decide(&DemoCors, head);
    let path = request.uri().path().to_owned();
    let mut entry = Entry {
        method: request.method().to_string(),
        preflight: decision.is_preflight(),
        asks: text(headers, &header::ACCESS_CONTROL_REQUEST_METHOD),
        asks_headers: text(headers, &header::ACCESS_CONTROL_REQUEST_HEADERS),
        origin: text(headers, &header::ORIGIN),
        reason: decision.reason().to_string(),
        rule: rule(decision.reason()),
        status: 0,
        reached_app: false,
    };
    let response = next.run(request).await;
    entry.status = response.status().as_u16();
    entry.reached_app = response.extensions().get::<ReachedApp>().is_some();
    // The same story in the terminal, for whoever runs the demo.
    let kind = if entry.preflight {
        "preflight"
    } else {
        "request"
    };
    let origin = if entry.origin.is_empty() {
        "no origin"
    } else {
        &entry.origin
    };
    let by = if entry.reached_app {
        "handler"
    } else {
        "CORS layer"
    };
    println!(
        "{kind} {} {path} from {origin}: {} -> {} by the {by}",
        entry.method, entry.reason, entry.status
    );
    log.push(id, entry);
    response
}

/// The `demo_id` of a request's query string: short and plain, or none.
fn demo_id(uri: &Uri) -> Option<&str> {
    let id = uri
        .query()?
        .split('&')
        .find_map(|pair| pair.strip_prefix("demo_id="))?;
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    (!id.is_empty() && id.len() <= 64 && id.chars().all(plain)).then_some(id)
}

fn field<'r>(headers: &'r HeaderMap, name: &HeaderName) -> HeaderField<'r> {
    HeaderField::from_values(headers.get_all(name).iter().map(|value| value.as_bytes()))
}

/// A header's values, joined as the page shows them (empty when absent).
fn text(headers: &HeaderMap, name: &HeaderName) -> String {
    let values: Vec<_> = headers
        .get_all(name)
        .iter()
        .map(|value| String::from_utf8_lossy(value.as_bytes()))
        .collect();
    values.join(", ")
}

/// The key of the policy that decided.
fn rule(reason: Reason<'_>) -> &'static str {
    match reason {
        Reason::NoOrigin => "none: not a CORS request",
        Reason::AnyOrigin
        | Reason::OriginAllowed
        | Reason::OriginNotAllowed(_)
        | Reason::OriginBreaksRule(..)
        | Reason::OriginSourceFailed(_)
        | Reason::MultipleOrigins => "origin",
        Reason::PreflightAllowed => "origin, methods, allow_headers",
        Reason::MethodNotAllowed(_) | Reason::MultipleRequestMethods => "methods",
        Reason::HeaderNotAllowed(_) | Reason::RequestHeadersTooLong => "allow_headers",
        Reason::PrivateNetworkNotAllowed => "private_network",
    }
}

/// One request as the API saw it.
#[derive(Debug)]
struct Entry {
    method: String,
    preflight: bool,
    /// `Access-Control-Request-Method` and `-Headers`, for preflights.
    asks: String,
    asks_headers: String,
    origin: String,
    reason: String,
    rule: &'static str,
    status: u16,
    reached_app: bool,
}

impl Entry {
    fn json(&self) -> String {
        format!(
            r#"{{"method":{},"preflight":{},"asks":{},"asks_headers":{},"origin":{},"reason":{},"rule":{},"status":{},"reached_app":{}}}"#,
            json_string(&self.method),
            self.preflight,
            json_string(&self.asks),
            json_string(&self.asks_headers),
            json_string(&self.origin),
            json_string(&self.reason),
            json_string(self.rule),
            self.status,
            self.reached_app,
        )
    }
}

/// The last [`Log::CAPACITY`] recorded requests, by demo id. Bounded, so that a page
/// left open (or a loop of requests) cannot grow it.
#[derive(Clone, Debug, Default)]
struct Log(Arc<Mutex<VecDeque<(String, Entry)>>>);

impl Log {
    const CAPACITY: usize = 1000;

    fn push(&self, id: String, entry: Entry) {
        // A panic elsewhere while holding the lock leaves the log usable: entries are
        // only ever pushed or popped whole.
        let mut entries = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() == Self::CAPACITY {
            entries.pop_front();
        }
        entries.push_back((id, entry));
    }

    fn entries_json(&self, id: &str) -> String {
        let entries = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let items: Vec<_> = entries
            .iter()
            .filter(|(entry_id, _)| entry_id == id)
            .map(|(_, entry)| entry.json())
            .collect();
        format!("[{}]", items.join(","))
    }
}

#[cfg(test)]
mod tests {
    use cors_runtime::CorsPolicy;

    use super::*;

    #[test]
    fn the_policy_allows_the_page_and_refuses_the_other_site() {
        for host in ["127.0.0.1", "localhost"] {
            let page = format!("http://{host}:{PAGE_PORT}");
            assert!(DemoCors.allows_origin(page.as_bytes()), "{page}");
            let other = format!("http://{host}:{OTHER_PORT}");
            assert!(!DemoCors.allows_origin(other.as_bytes()), "{other}");
        }
    }

    #[test]
    fn demo_ids_are_short_and_plain() {
        let id = |uri: &str| demo_id(&uri.parse().expect("a valid URI")).map(str::to_owned);
        assert_eq!(id("/api/items?demo_id=ab-1"), Some("ab-1".into()));
        assert_eq!(id("/api/items?x=1&demo_id=ab_2"), Some("ab_2".into()));
        assert_eq!(id("/api/items?demo_id="), None);
        assert_eq!(id("/api/items?demo_id=%22"), None);
        assert_eq!(id(&format!("/api/items?demo_id={}", "a".repeat(65))), None);
    }

    #[test]
    fn the_log_keeps_the_latest_entries_per_id() {
        let log = Log::default();
        let entry = |status| Entry {
            method: "GET".into(),
            preflight: false,
            asks: String::new(),
            asks_headers: String::new(),
            origin: "http://127.0.0.1:8080".into(),
            reason: "origin allowed".into(),
            rule: "origin",
            status,
            reached_app: true,
        };
        for status in 0..=Log::CAPACITY as u16 {
            log.push(format!("id{}", status % 2), entry(status));
        }
        let json = log.entries_json("id0");
        assert!(
            !json.contains(r#""status":0,"#),
            "the oldest entry is dropped"
        );
        assert!(json.contains(r#""status":1000,"#));
        assert_eq!(log.entries_json("nobody"), "[]");
    }
}

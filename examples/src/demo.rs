//! The browser demo and its policy playground, served by `cargo run -p cors-examples --bin
//! demo` (see that binary for the ports) and by the playground's browser test on free ports.
//!
//! Three servers, on loopback:
//!
//! - the page server: the demo page (`examples/demo/index.html`: sixteen requests against
//!   [`DemoCors`]), the playground (`examples/demo/playground.html`: the same fetches, and
//!   the visitor's own, against a policy the visitor writes in TOML), their shared script,
//!   `POST /__policy` (the playground's policy, checked) and `GET /__explain` (what the
//!   API recorded for a demo id);
//! - the API: the application's routes behind `CorsLayer::new(DemoCors)`, and under
//!   `/play/…` the same routes behind `DynamicCorsLayer::new(playground)`, where
//!   `playground` is a [`ReloadablePolicy`] that each valid playground policy replaces;
//! - "another site", which the pages load in an iframe and ask to make requests from an
//!   origin the demo's policy does not list.
//!
//! For the tables' "why" column the API records, for each request whose query string
//! carries `demo_id=...`, the engine's decision (`cors_runtime::engine::decide` on the same
//! request head the layer sees), whether the request reached the application, and the
//! status sent. A real service needs none of this: the layer alone applies the policy.
//!
//! Reloading without a restart: a valid playground policy replaces the one the API
//! serves under `/play/` (`ReloadablePolicy::replace`), from the next request on; an
//! invalid one is refused with its errors and the running policy stays. The playground
//! is for one person at a time (the demo is on loopback): two visitors replace each
//! other's policy.

use std::collections::VecDeque;
use std::future::IntoFuture;
use std::io;
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
use cors_runtime::engine::{HeaderField, Reason, RequestHead, ShownBytes, decide};
use cors_runtime::tower::{CorsLayer, DynamicCorsLayer};
use cors_runtime::{CorsPolicy, Policy, PolicyBuilder, ReloadablePolicy};
use tokio::net::TcpListener;

use crate::{ALLOW, ERROR_BODY, ITEMS_COUNT, ITEMS_JSON, json_string, updated};

cors_runtime::cors! {
    /// The API's policy. It allows the page's origin (under both names a person may type
    /// for loopback) and nothing else, so the iframe's site on port 8082 is refused.
    /// `OPTIONS` is listed because a page's own `fetch(url, { method: "OPTIONS" })` is
    /// not a simple request: the browser preflights it like a PUT.
    /// `cross_origin_protection` refuses what CORS cannot: the other site's form POST,
    /// never preflighted, would otherwise run its handler.
    pub struct DemoCors {
        origin: ["http://127.0.0.1:8080", "http://localhost:8080"],
        methods: [PUT, DELETE, OPTIONS],
        allow_headers: ["content-type", "x-client-version"],
        expose_headers: ["x-total-count"],
        credentials: true,
        max_age: 600,
        cross_origin_protection: true,
    }
}

/// [`DemoCors`] in TOML, the serde form of the same language: what the playground starts
/// from. A test holds the two equal.
pub const DEMO_POLICY_TOML: &str = r#"origin = ["http://127.0.0.1:8080", "http://localhost:8080"]
methods = ["PUT", "DELETE", "OPTIONS"]
allow_headers = ["content-type", "x-client-version"]
expose_headers = ["x-total-count"]
credentials = true
max_age = 600
cross_origin_protection = true
"#;

/// Where the page is served by the demo binary: the port of the origins listed in
/// [`DemoCors`].
pub const PAGE_PORT: u16 = 8080;
/// Where the demo binary serves the API.
pub const API_PORT: u16 = 8081;
/// Where the demo binary serves the other site: an origin [`DemoCors`] does not list.
pub const OTHER_PORT: u16 = 8082;

/// The three servers' listeners.
#[derive(Debug)]
pub struct Listeners {
    /// The demo page, the playground and their helpers.
    pub page: TcpListener,
    /// The API.
    pub api: TcpListener,
    /// The other site.
    pub other: TcpListener,
}

/// Serves the demo on `listeners` until an error.
///
/// # Errors
///
/// When a listener's address cannot be read or a server fails.
pub async fn serve(listeners: Listeners) -> io::Result<()> {
    let api_port = listeners.api.local_addr()?.port();
    let other_port = listeners.other.local_addr()?.port();
    let log = Log::default();
    let playground = ReloadablePolicy::new(
        checked_policy(DEMO_POLICY_TOML.as_bytes())
            .unwrap_or_else(|errors| unreachable!("the demo policy is valid: {errors:?}")),
    );
    let pages = Pages {
        index: Bytes::from(
            include_str!("../demo/index.html")
                .replace("__SHARED_STYLE__", SHARED_STYLE)
                .replace("__POLICY__", &html_escape(&format!("{DemoCors:?}"))),
        ),
        playground: Bytes::from(
            include_str!("../demo/playground.html")
                .replace("__SHARED_STYLE__", SHARED_STYLE)
                .replace("__POLICY_TOML__", &html_escape(DEMO_POLICY_TOML)),
        ),
        script: Bytes::from(
            include_str!("../demo/demo.js")
                .replace("__API_PORT__", &api_port.to_string())
                .replace("__OTHER_PORT__", &other_port.to_string()),
        ),
    };
    let page = page_router(pages, log.clone(), playground.clone());
    let api = app_routes()
        .layer(CorsLayer::new(DemoCors))
        .layer(middleware::from_fn_with_state(
            Recorder {
                log: log.clone(),
                served: Served::Demo(DemoCors),
            },
            record,
        ))
        .nest(
            "/play",
            app_routes()
                .layer(DynamicCorsLayer::new(playground.clone()))
                .layer(middleware::from_fn_with_state(
                    Recorder {
                        log,
                        served: Served::Playground(playground),
                    },
                    record,
                )),
        );
    let other = html_router(include_str!("../demo/other.html"));
    tokio::try_join!(
        axum::serve(listeners.api, api).into_future(),
        axum::serve(listeners.page, page).into_future(),
        axum::serve(listeners.other, other).into_future(),
    )?;
    Ok(())
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

/// The page server's documents, ports filled in.
#[derive(Clone, Debug)]
struct Pages {
    index: Bytes,
    playground: Bytes,
    script: Bytes,
}

/// The page server: the two pages, their script, and the same-origin helpers the pages
/// call (so that explaining a request never depends on the policy being explained).
fn page_router(pages: Pages, log: Log, playground: ReloadablePolicy) -> Router {
    let Pages {
        index,
        playground: playground_page,
        script,
    } = pages;
    Router::new()
        .route("/", get(move || async move { Html(index) }))
        .route(
            "/playground",
            get(move || async move { Html(playground_page) }),
        )
        .route(
            "/demo.js",
            get(move || async move { ([(header::CONTENT_TYPE, "text/javascript")], script) }),
        )
        .route("/__explain", get(explain).with_state(log.clone()))
        .route("/__policy", post(check_policy).with_state(playground))
}

/// The application's routes, and (outermost) the marker that tells the log a request
/// reached the application. The CORS layer, then the log (which explains requests with
/// the policy that layer applies), go around it.
fn app_routes() -> Router {
    Router::new()
        .route("/api/items", get(items).post(create).options(items_options))
        .route("/api/items/{id}", put(update).delete(remove).patch(patch))
        .route("/api/login", post(login))
        .route("/api/whoami", get(whoami))
        .route("/api/error", get(fail))
        .layer(middleware::from_fn(mark_reached_app))
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

/// What a form on another site would like to do.
async fn create() -> &'static str {
    "created an item\n"
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
        [(header::ALLOW, ALLOW)],
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

/// The styles both pages share (`examples/demo/demo.css`), put into each page's
/// `<style>` where it says `__SHARED_STYLE__`.
const SHARED_STYLE: &str = include_str!("../demo/demo.css");

/// The largest policy the playground reads, in bytes.
const MAX_POLICY_LEN: usize = 16 * 1024;

/// `POST /__policy`: the playground's policy, in TOML, checked. Answers
/// `{"ok":false,"errors":[{"place","message","help","rule"}…]}` with every problem (the
/// compiler's words: one implementation of the rules), and the API keeps serving the
/// policy it had; or `{"ok":true,"run","cors"}` once the API serves the new policy under
/// `/play/` (the `run` id keeps each run's URLs, so the browser's preflight cache, apart).
async fn check_policy(
    State(playground): State<ReloadablePolicy>,
    body: Bytes,
) -> impl IntoResponse {
    static RUNS: AtomicU64 = AtomicU64::new(1);
    let json = [(header::CONTENT_TYPE, "application/json")];
    match checked_policy(&body) {
        Ok(policy) => {
            let cors = format!("{:#}", policy.compiled().text("cors!"));
            playground
                .replace(policy)
                .unwrap_or_else(|error| unreachable!("a checked policy is sendable: {error}"));
            let run = format!("p{}", RUNS.fetch_add(1, Ordering::Relaxed));
            let answer = format!(
                r#"{{"ok":true,"run":{},"cors":{}}}"#,
                json_string(&run),
                json_string(&cors)
            );
            (json, answer)
        }
        Err(errors) => {
            let errors: Vec<String> = errors.iter().map(PlayError::json).collect();
            (
                json,
                format!(r#"{{"ok":false,"errors":[{}]}}"#, errors.join(",")),
            )
        }
    }
}

/// One problem of a playground policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlayError {
    /// Where: the key or entry (`origin[0]`), or `line L, column C` for TOML syntax.
    pub place: String,
    /// What is wrong: for policy rules, the compile error's message.
    pub message: String,
    /// The suggested fix, if any.
    pub help: Option<String>,
    /// The rule broken (`O4`), for policy rules.
    pub rule: Option<String>,
}

impl PlayError {
    fn json(&self) -> String {
        let optional =
            |value: &Option<String>| value.as_deref().map_or("null".to_owned(), json_string);
        format!(
            r#"{{"place":{},"message":{},"help":{},"rule":{}}}"#,
            json_string(&self.place),
            json_string(&self.message),
            optional(&self.help),
            optional(&self.rule),
        )
    }
}

/// The playground's TOML as a policy, or every problem with its place: TOML syntax
/// first (from the `toml` crate), then the keys and rules (from `PolicyBuilder::build`,
/// whose messages are the compiler's).
///
/// # Errors
///
/// Every problem found.
pub fn checked_policy(toml_text: &[u8]) -> Result<Policy, Vec<PlayError>> {
    let syntax = |place: String, message: String| {
        vec![PlayError {
            place,
            message,
            help: None,
            rule: None,
        }]
    };
    if toml_text.len() > MAX_POLICY_LEN {
        return Err(syntax(
            "policy".to_owned(),
            format!("the policy is over {MAX_POLICY_LEN} bytes"),
        ));
    }
    let Ok(text) = std::str::from_utf8(toml_text) else {
        return Err(syntax(
            "policy".to_owned(),
            "the policy is not UTF-8".to_owned(),
        ));
    };
    let builder: PolicyBuilder = toml::from_str(text).map_err(|error| {
        let place = match error.span() {
            Some(span) => line_column(text, span.start),
            None => "policy".to_owned(),
        };
        syntax(place, error.message().to_owned())
    })?;
    builder.build().map_err(|error| {
        error
            .violations()
            .iter()
            .map(|violation| PlayError {
                place: violation.at.to_string(),
                message: violation.problem.message.clone(),
                help: violation.problem.help.clone(),
                rule: Some(violation.rule().to_string()),
            })
            .collect()
    })
}

/// `line L, column C` (from 1, columns in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> String {
    // `toml` places its spans on character boundaries; anything else counts as the end.
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    format!("line {line}, column {column}")
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

/// The policy a log middleware explains with.
#[derive(Clone, Debug)]
enum Served {
    /// The demo's `cors!` policy.
    Demo(DemoCors),
    /// The playground's, as it is when the request comes in.
    Playground(ReloadablePolicy),
}

/// What the log middleware needs: the log, and the policy its explanations decide with.
#[derive(Clone, Debug)]
struct Recorder {
    log: Log,
    served: Served,
}

/// Records, for requests carrying a demo id, what the engine decided and what was sent.
async fn record(State(recorder): State<Recorder>, request: Request, next: Next) -> Response {
    let Some(id) = demo_id(request.uri()).map(str::to_owned) else {
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
        fetch_site: field(headers, &HeaderName::from_static("sec-fetch-site")),
        host: field(headers, &header::HOST),
        upgrade: field(headers, &header::UPGRADE),
    };
    // The playground's policy as this request finds it; a replacement landing between
    // this and the layer's own read could make the explanation differ from what was
    // sent, which a person clicking one button at a time never sees.
    let policy: Arc<dyn CorsPolicy> = match &recorder.served {
        Served::Demo(policy) => Arc::new(*policy),
        Served::Playground(playground) => playground.current(),
    };
    let decision = decide(&policy, head);
    // Every text kept or printed from the request is shown as `ShownBytes` (escaped, cut
    // to 128 bytes), as the reason's own text is: the log holds 1000 entries, each small,
    // and the terminal gets no control bytes.
    let path = ShownBytes(request.uri().path().as_bytes()).to_string();
    let mut entry = Entry {
        method: ShownBytes(request.method().as_str().as_bytes()).to_string(),
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
    recorder.log.push(id, entry);
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

/// A request header's lines as the page shows them (empty when absent): joined, each
/// shown as [`ShownBytes`]; past four lines, how many there were.
fn text(headers: &HeaderMap, name: &HeaderName) -> String {
    const LINES: usize = 4;
    let all = headers.get_all(name);
    let mut values: Vec<_> = all
        .iter()
        .take(LINES)
        .map(|value| ShownBytes(value.as_bytes()).to_string())
        .collect();
    let count = all.iter().count();
    if count > LINES {
        values.push(format!("… ({count} lines)"));
    }
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
        Reason::PrivateNetworkNotAllowed | Reason::MultiplePrivateNetworkRequests => {
            "private_network"
        }
        Reason::CrossSiteRefused { .. } | Reason::ForeignOriginRefused { .. } => {
            "cross_origin_protection"
        }
        // `Reason` is non-exhaustive: a reason added later shows its text alone.
        _ => "",
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
    use super::*;

    #[test]
    fn the_playground_starts_from_the_demo_policy() {
        let policy = checked_policy(DEMO_POLICY_TOML.as_bytes()).expect("a valid policy");
        assert_eq!(
            format!("{policy:?}").replacen("Policy", "DemoCors", 1),
            format!("{DemoCors:?}")
        );
    }

    #[test]
    fn playground_errors_are_the_compilers_with_their_places() {
        let errors = checked_policy(
            b"origin = [\"https://app.example.com/\"]\nmethods = [\"patch\"]\ncredential = true\n",
        )
        .unwrap_err();
        let places: Vec<&str> = errors.iter().map(|error| error.place.as_str()).collect();
        assert_eq!(places, ["credential", "origin[0]", "methods[0]"]);
        assert_eq!(errors[1].rule.as_deref(), Some("O4"));
        assert_eq!(
            errors[1].message,
            "origin `https://app.example.com/` ends with a slash; an origin has no path, and browsers never send one"
        );
        assert_eq!(
            errors[1].help.as_deref(),
            Some("write `https://app.example.com`")
        );
        let syntax =
            checked_policy(b"origin = [\"https://a.example\"]\nmethods = [PUT]\n").unwrap_err();
        assert_eq!(syntax.len(), 1);
        assert_eq!(syntax[0].place, "line 2, column 12");
        assert_eq!(syntax[0].rule, None);
    }

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

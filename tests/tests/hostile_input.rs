//! Hostile requests through every adapter's real machinery: megabyte `Origin` and
//! `Access-Control-Request-Headers` values, ten thousand commas, non-UTF-8, obs-text and
//! control bytes, several `Origin` and `Access-Control-Request-Method` lines, `OPTIONS`
//! with a request method and no `Origin`.
//!
//! Each request gets the answer the reference model (`cors_tests::reference`) gives it,
//! every CORS header and `Vary` line checked, through:
//! - an axum `Router` under the tower layer (`oneshot`);
//! - an actix-web `App` wrapped in the middleware (`actix_web::test`);
//! - the hyper service, called directly, and a hyper server on a loopback socket fed
//!   raw bytes (hyper's own limits answer first for megabyte heads and control bytes:
//!   it must answer 431/400 and keep serving).
//!
//! Work is counted, not timed: a counting wrapper around the policy sums the bytes the
//! engine hands to the matchers, which must stay under the 512-byte and 8 KiB caps
//! whatever the request's size. Allocations are counted as in `adapter_allocations.rs`:
//! none added by the tower and hyper layers on any of these requests.

use std::convert::Infallible;
use std::io::{Read, Write};
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Waker};

use allocation_counter::measure;
use cors_policy_core::check;
use cors_runtime::CorsPolicy;
use cors_runtime::engine::{MAX_ORIGIN_LEN, MAX_REQUEST_HEADERS_LEN, Settings};
use cors_tests::policy_spec::{Spec, strings};
use cors_tests::reference::{self, Answer, Expected, Request};
use cors_tests::{APP, AnyOrigin, CORS_HEADERS, Protected, Recorder, Strict};
use http::header::{HeaderName, HeaderValue};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use tower::ServiceExt;

const ACRM: &str = "access-control-request-method";
const ACRH: &str = "access-control-request-headers";
const ACRPN: &str = "access-control-request-private-network";
const MIB: usize = 1024 * 1024;

// --- the policies, as specs for the reference -----------------------------------------

/// `Strict` as written in `cors_tests::policies`.
fn strict_spec() -> Spec {
    Spec {
        origins: strings(&["https://app.test", "https://*.app.test"]),
        methods: Some(strings(&["PUT", "DELETE", "PATCH"])),
        allow_headers: Some(strings(&["content-type", "x-api-key"])),
        expose_headers: Some(strings(&["x-total-count"])),
        credentials: true,
        max_age: Some(600),
        ..Spec::default()
    }
}

/// `Protected` as written in `cors_tests::policies`.
fn protected_spec() -> Spec {
    Spec {
        origins: strings(&["https://app.test", "https://*.app.test"]),
        methods: Some(strings(&["PUT", "DELETE"])),
        expose_headers: Some(strings(&["x-total-count"])),
        credentials: true,
        cross_origin_protection: true,
        ..Spec::default()
    }
}

/// `AnyOrigin` as written in `cors_tests::policies`.
fn any_spec() -> Spec {
    Spec {
        origins: strings(&["*"]),
        methods: Some(strings(&["*"])),
        allow_headers: Some(strings(&["*"])),
        ..Spec::default()
    }
}

#[test]
fn the_specs_are_the_named_policies() {
    let settings = |spec: &Spec| -> Settings<'static> {
        let compiled = Box::leak(Box::new(check(&spec.to_input()).expect("valid")));
        compiled.settings()
    };
    assert_eq!(settings(&strict_spec()), Strict.settings());
    assert_eq!(settings(&any_spec()), AnyOrigin.settings());
    assert_eq!(settings(&protected_spec()), Protected.settings());
}

// --- counting the matchers' work ------------------------------------------------------

/// A policy that counts the bytes the engine asks its matchers about.
#[derive(Clone, Debug)]
struct Counting<P> {
    inner: P,
    examined: Arc<AtomicUsize>,
}

impl<P> Counting<P> {
    fn new(inner: P) -> Self {
        Counting {
            inner,
            examined: Arc::default(),
        }
    }

    fn take(&self) -> usize {
        self.examined.swap(0, Ordering::SeqCst)
    }
}

impl<P: CorsPolicy> CorsPolicy for Counting<P> {
    fn allows_origin(&self, origin: &[u8]) -> bool {
        self.examined.fetch_add(origin.len(), Ordering::SeqCst);
        self.inner.allows_origin(origin)
    }
    fn allows_method(&self, method: &[u8]) -> bool {
        self.examined.fetch_add(method.len(), Ordering::SeqCst);
        self.inner.allows_method(method)
    }
    fn allows_request_header(&self, name: &[u8]) -> bool {
        self.examined.fetch_add(name.len(), Ordering::SeqCst);
        self.inner.allows_request_header(name)
    }
    fn settings(&self) -> Settings<'_> {
        self.inner.settings()
    }
}

/// The most the matchers may be asked about for one request, whatever its size.
const WORK_BOUND: usize = MAX_ORIGIN_LEN + MAX_REQUEST_HEADERS_LEN + 64;

// --- the hostile requests -------------------------------------------------------------

#[derive(Clone, Debug)]
struct Hostile {
    name: &'static str,
    method: &'static str,
    /// Header lines in order; values are raw bytes.
    headers: Vec<(&'static str, &'static [u8])>,
}

/// A value that lives as long as the test (as a server's read buffer does), so that
/// header values built from it are shared, never copied.
fn leak(bytes: Vec<u8>) -> &'static [u8] {
    Box::leak(bytes.into_boxed_slice())
}

fn hostile() -> Vec<Hostile> {
    let app = APP.as_bytes();
    let megabyte_origin = leak([b"https://".to_vec(), vec![b'a'; MIB]].concat());
    let megabyte_sub_origin = leak({
        // A megabyte of valid labels under `*.app.test`: only the length cap refuses it.
        let mut origin = b"https://".to_vec();
        while origin.len() < MIB {
            origin.extend_from_slice(&[b'a'; 60]);
            origin.push(b'.');
        }
        origin.extend_from_slice(b"app.test");
        origin
    });
    let megabyte_acrh = leak(b"x-api-key,".repeat(MIB / 10));
    let ten_thousand_commas = leak(vec![b','; 10_000]);
    let eight_thousand_commas = leak(vec![b','; 8_000]);
    let thousand_commas = leak(vec![b','; 1_000]);
    let megabyte_acrpn = leak(b"true".repeat(MIB / 4));
    // Cross-origin protection's headers, as large as a server lets them be.
    let megabyte_host = leak(vec![b'a'; MIB]);
    let megabyte_own_origin = leak([b"http://".to_vec(), vec![b'a'; MIB]].concat());
    let megabyte_fetch_site = leak(b"same-origin".repeat(MIB / 11));
    let ten_thousand_upgrades = leak([b"h2c, ".repeat(10_000), b"websocket".to_vec()].concat());
    let h = |name: &'static str, value: &'static [u8]| (name, value);
    let case = |name, method, headers| Hostile {
        name,
        method,
        headers,
    };
    let mut cases = vec![
        case(
            "megabyte Origin equal to a megabyte Host, POST without Sec-Fetch-Site",
            "POST",
            vec![h("origin", megabyte_own_origin), h("host", megabyte_host)],
        ),
        case(
            "megabyte Origin, cross-site POST",
            "POST",
            vec![
                h("origin", megabyte_origin),
                h("sec-fetch-site", b"cross-site"),
            ],
        ),
        case(
            "megabyte Sec-Fetch-Site of `same-origin`s, POST",
            "POST",
            vec![
                h("origin", b"https://evil.test"),
                h("sec-fetch-site", megabyte_fetch_site),
            ],
        ),
        case(
            "Sec-Fetch-Site with obs-text, POST",
            "POST",
            vec![
                h("origin", b"https://evil.test"),
                h("sec-fetch-site", b"same-origin\xff"),
            ],
        ),
        case(
            "ten thousand Upgrade protocols, websocket last",
            "GET",
            vec![
                h("origin", b"https://evil.test"),
                h("upgrade", ten_thousand_upgrades),
            ],
        ),
        case(
            "three Sec-Fetch-Site and two Host lines, POST",
            "POST",
            vec![
                h("origin", b"http://api.test"),
                h("sec-fetch-site", b"none"),
                h("sec-fetch-site", b"none"),
                h("sec-fetch-site", b"none"),
                h("host", b"api.test"),
                h("host", b"api.test"),
            ],
        ),
        case(
            "megabyte Origin, actual",
            "GET",
            vec![h("origin", megabyte_origin)],
        ),
        case(
            "megabyte Origin, preflight",
            "OPTIONS",
            vec![h("origin", megabyte_origin), h(ACRM, b"PUT")],
        ),
        case(
            "megabyte Origin matching a pattern but for its length",
            "OPTIONS",
            vec![h("origin", megabyte_sub_origin), h(ACRM, b"PUT")],
        ),
        case(
            "megabyte ACRH",
            "OPTIONS",
            vec![h("origin", app), h(ACRM, b"PUT"), h(ACRH, megabyte_acrh)],
        ),
        case(
            "ten thousand commas",
            "OPTIONS",
            vec![
                h("origin", app),
                h(ACRM, b"PUT"),
                h(ACRH, ten_thousand_commas),
            ],
        ),
        case(
            "eight thousand commas (under the cap: an empty list)",
            "OPTIONS",
            vec![
                h("origin", app),
                h(ACRM, b"PUT"),
                h(ACRH, eight_thousand_commas),
            ],
        ),
        case(
            "ten thousand commas on ten lines",
            "OPTIONS",
            [h("origin", app), h(ACRM, b"PUT")]
                .into_iter()
                .chain((0..10).map(|_| h(ACRH, thousand_commas)))
                .collect(),
        ),
        case(
            "megabyte ACRPN",
            "OPTIONS",
            vec![h("origin", app), h(ACRM, b"PUT"), h(ACRPN, megabyte_acrpn)],
        ),
        case(
            "non-UTF-8 Origin",
            "OPTIONS",
            vec![h("origin", b"https://\xc3\x28.app.test"), h(ACRM, b"PUT")],
        ),
        case(
            "obs-text Origin, actual",
            "GET",
            vec![h("origin", b"https://app.test\xe9")],
        ),
        case(
            "obs-text ACRM",
            "OPTIONS",
            vec![h("origin", app), h(ACRM, b"P\xd5T")],
        ),
        case(
            "obs-text ACRH",
            "OPTIONS",
            vec![
                h("origin", app),
                h(ACRM, b"PUT"),
                h(ACRH, b"content-type,x-\xe9"),
            ],
        ),
        case(
            "a tab inside the Origin",
            "GET",
            vec![h("origin", b"https://app.\ttest")],
        ),
        case(
            "two Origin lines, both allowed, actual",
            "GET",
            vec![h("origin", app), h("origin", app)],
        ),
        case(
            "two Origin lines, preflight",
            "OPTIONS",
            vec![
                h("origin", app),
                h("origin", b"https://evil.test"),
                h(ACRM, b"PUT"),
            ],
        ),
        case(
            "two ACRM lines",
            "OPTIONS",
            vec![h("origin", app), h(ACRM, b"PUT"), h(ACRM, b"PUT")],
        ),
        case(
            "OPTIONS with ACRM and no Origin",
            "OPTIONS",
            vec![h(ACRM, b"PUT"), h(ACRH, b"x-api-key")],
        ),
        case(
            "OPTIONS with Origin and no ACRM",
            "OPTIONS",
            vec![h("origin", app), h(ACRH, b"x-api-key")],
        ),
        case(
            "ACRH of a thousand lines",
            "OPTIONS",
            [h("origin", app), h(ACRM, b"PUT")]
                .into_iter()
                .chain((0..1000).map(|_| h(ACRH, b"x-api-key")))
                .collect(),
        ),
    ];
    cases.push(case(
        "an allowed preflight among them (control)",
        "OPTIONS",
        vec![
            h("origin", app),
            h(ACRM, b"PUT"),
            h(ACRH, b"content-type, X-Api-Key"),
        ],
    ));
    cases
}

impl Hostile {
    fn as_request(&self) -> Request {
        let lines = |name: &str| -> Vec<Vec<u8>> {
            self.headers
                .iter()
                .filter(|(line, _)| *line == name)
                .map(|(_, value)| value.to_vec())
                .collect()
        };
        Request {
            method: self.method.as_bytes().to_vec(),
            origin: lines("origin"),
            request_method: lines(ACRM),
            request_headers: lines(ACRH),
            request_private_network: lines(ACRPN),
            fetch_site: lines("sec-fetch-site"),
            host: lines("host"),
            upgrade: lines("upgrade"),
        }
    }

    fn http_request(&self) -> http::Request<Full<Bytes>> {
        let mut request = http::Request::new(Full::default());
        *request.method_mut() = self.method.parse().expect("a valid method");
        *request.uri_mut() = "/items".parse().expect("a valid path");
        for &(name, value) in &self.headers {
            request.headers_mut().append(
                HeaderName::from_static(name),
                HeaderValue::from_maybe_shared(Bytes::from_static(value))
                    .expect("a valid header value"),
            );
        }
        request
    }
}

// --- what a response must be ------------------------------------------------------------

/// What a client saw.
#[derive(Debug)]
struct Seen {
    status: u16,
    headers: Vec<(String, Vec<u8>)>,
    handler_runs: usize,
}

/// Every way `seen` differs from the reference's answer.
fn differences(expected: &Expected, seen: &Seen) -> Vec<String> {
    let mut problems = Vec::new();
    let (status, runs) = match expected.answer {
        Answer::Status(status) => (status, 0),
        Answer::Forward => (200, 1),
    };
    if seen.status != status {
        problems.push(format!("status {} instead of {status}", seen.status));
    }
    if seen.handler_runs != runs {
        problems.push(format!(
            "{} handler runs instead of {runs}",
            seen.handler_runs
        ));
    }
    let lines = |name: &str| -> Vec<Vec<u8>> {
        seen.headers
            .iter()
            .filter(|(line, _)| line == name)
            .map(|(_, value)| value.clone())
            .collect()
    };
    for name in CORS_HEADERS {
        let want: Vec<Vec<u8>> = expected.headers.get(name).cloned().into_iter().collect();
        let got = lines(name);
        if got != want {
            problems.push(format!(
                "{name}: {:?} instead of {:?}",
                got.iter()
                    .map(|v| String::from_utf8_lossy(v).into_owned())
                    .collect::<Vec<_>>(),
                want.iter()
                    .map(|v| String::from_utf8_lossy(v).into_owned())
                    .collect::<Vec<_>>(),
            ));
        }
    }
    let want_vary: Vec<Vec<u8>> = if expected.vary.is_empty() {
        Vec::new()
    } else {
        vec![expected.vary.join(", ").into_bytes()]
    };
    if lines("vary") != want_vary {
        problems.push(format!("vary {:?} instead of {want_vary:?}", lines("vary")));
    }
    problems
}

/// Runs every hostile request against both policies with `run`, checking the answer
/// and the matchers' work; fails with every difference at once.
async fn run_all<F, Fut>(adapter: &str, mut run: F)
where
    F: FnMut(PolicyChoice, Hostile) -> Fut,
    Fut: Future<Output = (Seen, usize)>,
{
    let mut failures = Vec::new();
    let mut count = 0;
    for choice in [
        PolicyChoice::Strict,
        PolicyChoice::AnyOrigin,
        PolicyChoice::Protected,
    ] {
        let spec = match choice {
            PolicyChoice::Strict => strict_spec(),
            PolicyChoice::AnyOrigin => any_spec(),
            PolicyChoice::Protected => protected_spec(),
        };
        for case in hostile() {
            let expected = reference::expect(&spec, &case.as_request());
            let name = case.name;
            let (seen, examined) = run(choice, case).await;
            let mut problems = differences(&expected, &seen);
            if examined > WORK_BOUND {
                problems.push(format!("the matchers examined {examined} bytes"));
            }
            if !problems.is_empty() {
                failures.push(format!("- {name} ({choice:?}): {}", problems.join("; ")));
            }
            count += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{adapter}: {} of {count} hostile requests answered wrongly:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[derive(Clone, Copy, Debug)]
enum PolicyChoice {
    Strict,
    AnyOrigin,
    Protected,
}

macro_rules! with_choice {
    ($choice:expr, |$policy:ident| $body:expr) => {
        match $choice {
            PolicyChoice::Strict => {
                let $policy = Counting::new(Strict);
                $body
            }
            PolicyChoice::AnyOrigin => {
                let $policy = Counting::new(AnyOrigin);
                $body
            }
            PolicyChoice::Protected => {
                let $policy = Counting::new(Protected);
                $body
            }
        }
    };
}

fn http_seen<B>(response: &http::Response<B>, handler_runs: usize) -> Seen {
    Seen {
        status: response.status().as_u16(),
        headers: response
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect(),
        handler_runs,
    }
}

/// The application: `/items` answers 200 to every method.
fn app_response() -> http::Response<Full<Bytes>> {
    let mut response = http::Response::new(Full::new(Bytes::from_static(b"ok")));
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain"),
    );
    response
}

// --- tower (axum) -----------------------------------------------------------------------

#[tokio::test]
async fn tower_axum_answers_every_hostile_request() {
    run_all("tower (axum Router)", |choice, case| async move {
        with_choice!(choice, |policy| {
            let recorder = Recorder::default();
            let handler_recorder = recorder.clone();
            let router = axum::Router::new()
                .route(
                    "/items",
                    axum::routing::any(move || {
                        handler_recorder.ran();
                        async { "ok" }
                    }),
                )
                .layer(cors_runtime::tower::CorsLayer::new(policy.clone()));
            let (parts, _) = case.http_request().into_parts();
            let request = http::Request::from_parts(parts, axum::body::Body::empty());
            let response = router.oneshot(request).await.unwrap_or_else(|e| match e {});
            let seen = http_seen(&response, recorder.runs());
            let _ = response.into_body().collect().await.expect("a body");
            (seen, policy.take())
        })
    })
    .await;
}

// --- actix-web ----------------------------------------------------------------------------

#[actix_web::test]
async fn actix_app_answers_every_hostile_request() {
    use actix_web::{App, HttpResponse, test, web};

    run_all("actix-web App", |choice, case| async move {
        with_choice!(choice, |policy| {
            let recorder = Recorder::default();
            let handler_recorder = recorder.clone();
            let app = App::new()
                .wrap(cors_runtime::actix::Cors::new(policy.clone()))
                .route(
                    "/items",
                    web::route().to(move || {
                        handler_recorder.ran();
                        async { HttpResponse::Ok().body("ok") }
                    }),
                );
            let service = test::init_service(app).await;
            let method = actix_web::http::Method::from_bytes(case.method.as_bytes())
                .expect("a valid method");
            let mut request = test::TestRequest::default().method(method).uri("/items");
            for &(name, value) in &case.headers {
                let value = actix_web::http::header::HeaderValue::from_bytes(value)
                    .expect("a valid header value");
                request = request.append_header((name, value));
            }
            let response = test::call_service(&service, request.to_request()).await;
            let seen = Seen {
                status: response.status().as_u16(),
                headers: response
                    .headers()
                    .iter()
                    .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
                    .collect(),
                handler_runs: recorder.runs(),
            };
            let _ = test::read_body(response).await;
            (seen, policy.take())
        })
    })
    .await;
}

// --- hyper, the service called directly ----------------------------------------------

/// Polls a future that must be ready at once.
fn now<F: Future>(future: F) -> F::Output {
    let mut context = Context::from_waker(Waker::noop());
    match pin!(future).poll(&mut context) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the services under test answer at once"),
    }
}

#[tokio::test]
async fn hyper_service_answers_every_hostile_request() {
    use hyper::service::Service;

    run_all("hyper service", |choice, case| async move {
        with_choice!(choice, |policy| {
            let recorder = Recorder::default();
            let handler_recorder = recorder.clone();
            let service = cors_runtime::hyper::Cors::new(
                policy.clone(),
                hyper::service::service_fn(move |_: http::Request<Full<Bytes>>| {
                    handler_recorder.ran();
                    async { Ok::<_, Infallible>(app_response()) }
                }),
            );
            let response = now(service.call(case.http_request())).unwrap_or_else(|e| match e {});
            (http_seen(&response, recorder.runs()), policy.take())
        })
    })
    .await;
}

// --- allocations -------------------------------------------------------------------------

/// The tower and hyper layers add no allocation to any hostile request: the same request
/// through the bare application and through the layer, counted and subtracted.
#[test]
fn no_allocation_is_added_on_hostile_requests() {
    use hyper::service::Service;

    let mut over = Vec::new();
    for case in hostile() {
        let bare = tower::service_fn(|_: http::Request<Full<Bytes>>| async {
            Ok::<_, Infallible>(app_response())
        });
        let count = |call: &mut dyn FnMut() -> http::Response<Full<Bytes>>| {
            measure(|| drop(call())).count_total
        };
        let mut bare_tower = bare;
        let bare_count = count(&mut || {
            now((&mut bare_tower).oneshot(case.http_request())).unwrap_or_else(|e| match e {})
        });
        for (name, mut layered) in [
            (
                "tower, Strict",
                tower::util::BoxService::new(tower::Layer::layer(
                    &cors_runtime::tower::CorsLayer::new(Strict),
                    bare,
                )),
            ),
            (
                "tower, AnyOrigin",
                tower::util::BoxService::new(tower::Layer::layer(
                    &cors_runtime::tower::CorsLayer::new(AnyOrigin),
                    bare,
                )),
            ),
        ] {
            // Boxing costs the same allocation on both sides: box the bare one too.
            let mut boxed_bare = tower::util::BoxService::new(bare);
            let bare_boxed = count(&mut || {
                now((&mut boxed_bare).oneshot(case.http_request())).unwrap_or_else(|e| match e {})
            });
            let layered_count = count(&mut || {
                now((&mut layered).oneshot(case.http_request())).unwrap_or_else(|e| match e {})
            });
            if layered_count > bare_boxed {
                over.push(format!(
                    "{name}, {}: {} added",
                    case.name,
                    layered_count - bare_boxed
                ));
            }
        }
        let hyper_bare = hyper::service::service_fn(|_: http::Request<Full<Bytes>>| async {
            Ok::<_, Infallible>(app_response())
        });
        let hyper_layered = cors_runtime::hyper::Cors::new(Strict, hyper_bare);
        let hyper_count = count(&mut || {
            now(hyper_layered.call(case.http_request())).unwrap_or_else(|e| match e {})
        });
        let hyper_bare_count =
            count(&mut || now(hyper_bare.call(case.http_request())).unwrap_or_else(|e| match e {}));
        if hyper_count > hyper_bare_count {
            over.push(format!(
                "hyper, Strict, {}: {} added",
                case.name,
                hyper_count - hyper_bare_count
            ));
        }
        assert!(bare_count > 0, "the request itself allocates");
    }
    assert!(over.is_empty(), "allocations added: {over:#?}");
}

// --- linear work ----------------------------------------------------------------------

/// The matchers' work grows with the request-header list up to the cap, then stops:
/// past 8 KiB the preflight is refused before a byte of the list is examined.
#[test]
fn request_header_work_grows_linearly_then_stops_at_the_cap() {
    use cors_runtime::engine::{HeaderField, RequestHead, decide};

    let policy = Counting::new(Strict);
    let mut figures = Vec::new();
    for elements in [16usize, 64, 256, 1024, 2048, 4096, 16_384, 131_072] {
        let line = b"x-api-key,".repeat(elements / 10 + 1);
        let line = &line[..elements.min(line.len())];
        let decision = decide(
            &policy,
            RequestHead {
                method: b"OPTIONS",
                origin: HeaderField::One(APP.as_bytes()),
                request_method: HeaderField::One(b"PUT"),
                request_headers: [line],
                request_private_network: HeaderField::Absent,
                fetch_site: HeaderField::Absent,
                host: HeaderField::Absent,
                upgrade: HeaderField::Absent,
            },
        );
        let examined = policy.take();
        figures.push((line.len(), examined, decision.reason().is_allowed()));
    }
    for &(len, examined, allowed) in &figures {
        // The origin, the method, then at most every byte of the list.
        let bound = APP.len() + 3 + len;
        if len <= MAX_REQUEST_HEADERS_LEN {
            assert!(
                examined <= bound,
                "{len} bytes of list: {examined} examined"
            );
            assert!(
                examined >= len / 2,
                "{len} bytes of list: only {examined} examined"
            );
        } else {
            assert!(!allowed, "{len} bytes of list allowed");
            assert_eq!(examined, APP.len() + 3, "{len} bytes of list were examined");
        }
    }
}

/// An origin over the cap never reaches the matcher, whatever its length.
#[test]
fn long_origins_never_reach_the_matcher() {
    use cors_runtime::engine::{HeaderField, RequestHead, decide};

    let policy = Counting::new(Strict);
    for len in [MAX_ORIGIN_LEN + 1, 4096, MIB] {
        let origin = [b"https://".to_vec(), vec![b'a'; len - 8]].concat();
        let decision = decide(
            &policy,
            RequestHead {
                method: b"GET",
                origin: HeaderField::One(&origin),
                request_method: HeaderField::Absent,
                request_headers: [],
                request_private_network: HeaderField::Absent,
                fetch_site: HeaderField::Absent,
                host: HeaderField::Absent,
                upgrade: HeaderField::Absent,
            },
        );
        assert!(!decision.reason().is_allowed());
        assert_eq!(policy.take(), 0, "an origin of {len} bytes was examined");
    }
}

// --- hyper on a real socket -------------------------------------------------------------

/// A hyper server with the CORS layer on 127.0.0.1, serving connections until dropped.
struct Server {
    address: std::net::SocketAddr,
    runs: Recorder,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    async fn start() -> Server {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("bind loopback");
        let address = listener.local_addr().expect("address");
        let runs = Recorder::default();
        let recorder = runs.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let recorder = recorder.clone();
                let service = cors_runtime::hyper::Cors::new(
                    Strict,
                    hyper::service::service_fn(move |_: http::Request<hyper::body::Incoming>| {
                        recorder.ran();
                        async { Ok::<_, Infallible>(app_response()) }
                    }),
                );
                tokio::spawn(async move {
                    // A refused head ends the connection with an error: that is hyper
                    // answering 400/431, not the server going down.
                    // The test client half-closes after sending; without
                    // `half_close`, hyper may drop the connection on that EOF before
                    // writing the answer (a race seen as "no answer").
                    let _ = hyper::server::conn::http1::Builder::new()
                        .half_close(true)
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Server {
            address,
            runs,
            task,
        }
    }

    /// Sends raw bytes on a fresh connection; returns the status and header lines of
    /// the answer (`None` when the server closed without one).
    async fn raw(&self, request: Vec<u8>) -> Option<Head> {
        let address = self.address;
        tokio::task::spawn_blocking(move || {
            let mut stream = std::net::TcpStream::connect(address).expect("connect");
            stream
                .set_read_timeout(Some(std::time::Duration::from_secs(20)))
                .expect("timeout");
            // The server may answer and close before reading everything: ignore
            // write errors and read what it said.
            let _ = stream.write_all(&request);
            let _ = stream.shutdown(std::net::Shutdown::Write);
            let mut answer = Vec::new();
            let _ = stream.read_to_end(&mut answer);
            parse_head(&answer)
        })
        .await
        .expect("client thread")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A response's status and header lines (names lowercase).
type Head = (u16, Vec<(String, Vec<u8>)>);

fn parse_head(answer: &[u8]) -> Option<Head> {
    let end = answer.windows(4).position(|w| w == b"\r\n\r\n")?;
    let mut lines = answer[..end].split(|&b| b == b'\n');
    let status_line = lines.next()?;
    let status = std::str::from_utf8(status_line.get(9..12)?)
        .ok()?
        .parse()
        .ok()?;
    let headers = lines
        .filter_map(|line| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let colon = line.iter().position(|&b| b == b':')?;
            let name = String::from_utf8_lossy(&line[..colon]).to_ascii_lowercase();
            let value = line[colon + 1..].trim_ascii().to_vec();
            Some((name, value))
        })
        .collect();
    Some((status, headers))
}

fn raw_request(method: &str, headers: &[(&str, &[u8])]) -> Vec<u8> {
    let mut request = format!("{method} /items HTTP/1.1\r\nhost: 127.0.0.1\r\n").into_bytes();
    for (name, value) in headers {
        request.extend_from_slice(name.as_bytes());
        request.extend_from_slice(b": ");
        request.extend_from_slice(value);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"connection: close\r\n\r\n");
    request
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hyper_server_answers_hostile_bytes_and_stays_up() {
    let server = Server::start().await;
    let spec = strict_spec();
    let mut failures = Vec::new();
    let mut hyper_refused = Vec::new();
    for case in hostile() {
        let before = server.runs.runs();
        let Some((status, headers)) = server.raw(raw_request(case.method, &case.headers)).await
        else {
            failures.push(format!("- {}: no answer", case.name));
            continue;
        };
        let head_len: usize = case
            .headers
            .iter()
            .map(|(n, v)| n.len() + v.len() + 4)
            .sum();
        // hyper's own limits (a head of about 400 KB, 100 header lines) answer first,
        // well-formed; the layer was tested with these values through the service.
        let over_hyper_limits = head_len > 64 * 1024 || case.headers.len() > 90;
        if over_hyper_limits && (status == 431 || status == 400) {
            hyper_refused.push((case.name, status));
            continue;
        }
        let seen = Seen {
            status,
            headers,
            handler_runs: server.runs.runs() - before,
        };
        let problems = differences(&reference::expect(&spec, &case.as_request()), &seen);
        if !problems.is_empty() {
            failures.push(format!("- {}: {}", case.name, problems.join("; ")));
        }
    }
    // Bytes no `http` value can hold: hyper refuses the head itself.
    for (name, value) in [
        ("control byte in Origin", &b"https://app.test\x01"[..]),
        ("NUL in Origin", b"https://app.test\0"),
        ("DEL in ACRH", b"x-api-key\x7f"),
        ("bare CR in Origin", b"https://app.test\rx"),
    ] {
        let header = if name.contains("ACRH") {
            ACRH
        } else {
            "origin"
        };
        let request = raw_request(
            "OPTIONS",
            &[("origin", APP.as_bytes()), (ACRM, b"PUT"), (header, value)],
        );
        match server.raw(request).await {
            Some((400, _)) => hyper_refused.push((name, 400)),
            other => failures.push(format!("- {name}: {other:?} instead of hyper's 400")),
        }
    }
    // The megabyte heads were refused by hyper, not by a crash: the server still answers.
    let normal = raw_request("OPTIONS", &[("origin", APP.as_bytes()), (ACRM, b"PUT")]);
    match server.raw(normal).await {
        Some((204, headers)) => assert!(
            headers
                .iter()
                .any(|(n, v)| n == "access-control-allow-origin" && v == APP.as_bytes()),
            "{headers:?}"
        ),
        other => failures.push(format!("- normal preflight afterwards: {other:?}")),
    }
    println!("refused by hyper itself: {hyper_refused:?}");
    assert!(
        hyper_refused.iter().any(|&(_, status)| status == 431),
        "a megabyte head reached the layer: {hyper_refused:?}"
    );
    assert!(
        failures.is_empty(),
        "hyper server:\n{}",
        failures.join("\n")
    );
}

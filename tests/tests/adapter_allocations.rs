//! Heap allocations the tower and hyper adapters add to one request: the same request
//! through the adapter and through the bare inner service, counted on this thread by
//! `allocation-counter`'s global allocator, and subtracted. Target: 0 on every path.
//!
//! The inner service answers a prebuilt-ish response with one header, as real handlers
//! do (a `content-type` at least): the header map's first allocation is the handler's,
//! and the CORS headers fit in the room it leaves. Request header values are built as a
//! server parses them, reference-counted slices of its read buffer (`from_static` here),
//! so that echoing `Origin` is a reference-count bump; see
//! `vec_backed_origin_costs_one_allocation_to_echo` for the other kind.
//!
//! Run `cargo test -p cors-tests --test adapter_allocations -- --nocapture` for the
//! figures.

use std::convert::Infallible;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use allocation_counter::measure;
use cors_runtime::CorsPolicy;
use cors_tests::{APP, AnyOrigin, EVIL, PolicyName, Protected, Strict};
use http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use http::{Method, Request, Response};
use http_body_util::Full;
use hyper::body::Bytes;
use tower::ServiceExt;

type Body = Full<Bytes>;

/// Polls a future that must be ready at once (every service here answers in one poll).
fn now<F: Future>(future: F) -> F::Output {
    let mut context = Context::from_waker(Waker::noop());
    match pin!(future).poll(&mut context) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the services under test answer at once"),
    }
}

/// The inner service's answer.
fn handler_response() -> Response<Body> {
    let mut response = Response::new(Full::new(Bytes::from_static(b"ok")));
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    response
}

/// A request whose header values, like a server's, clone without allocating.
#[derive(Clone, Debug)]
struct Case {
    name: &'static str,
    method: Method,
    headers: &'static [(&'static str, &'static str)],
}

impl Case {
    fn request(&self) -> Request<Body> {
        let mut request = Request::new(Body::default());
        *request.method_mut() = self.method.clone();
        for &(name, value) in self.headers {
            request.headers_mut().append(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        request
    }
}

const ACRM: &str = "access-control-request-method";
const ACRH: &str = "access-control-request-headers";

fn cases() -> [Case; 10] {
    [
        Case {
            name: "allowed actual",
            method: Method::GET,
            headers: &[("origin", APP)],
        },
        Case {
            name: "refused actual",
            method: Method::GET,
            headers: &[("origin", EVIL)],
        },
        Case {
            name: "no origin",
            method: Method::GET,
            headers: &[],
        },
        Case {
            name: "accepted preflight",
            method: Method::OPTIONS,
            headers: &[
                ("origin", APP),
                (ACRM, "PUT"),
                (ACRH, "content-type,x-api-key"),
            ],
        },
        Case {
            name: "refused preflight",
            method: Method::OPTIONS,
            headers: &[("origin", EVIL), (ACRM, "PUT")],
        },
        Case {
            name: "refused preflight (header)",
            method: Method::OPTIONS,
            headers: &[("origin", APP), (ACRM, "PUT"), (ACRH, "x-evil")],
        },
        // Cross-origin protection's paths (what `Protected` refuses or lets through; the
        // other policies forward them all).
        Case {
            name: "cross-site POST, refused",
            method: Method::POST,
            headers: &[
                ("origin", EVIL),
                ("sec-fetch-site", "cross-site"),
                ("host", "api.test"),
            ],
        },
        Case {
            name: "cross-site POST, allowed",
            method: Method::POST,
            headers: &[
                ("origin", APP),
                ("sec-fetch-site", "cross-site"),
                ("host", "api.test"),
            ],
        },
        Case {
            name: "own-origin POST, no SFS",
            method: Method::POST,
            headers: &[("origin", "http://api.test"), ("host", "api.test")],
        },
        Case {
            name: "WebSocket, refused",
            method: Method::GET,
            headers: &[
                ("origin", EVIL),
                ("upgrade", "websocket"),
                ("host", "api.test"),
            ],
        },
    ]
}

/// Allocations of `call` on one request. No warm-up: the first request through a new
/// layer is the one that would pay for a lazily shared constant (a `Bytes` made from a
/// `Vec` allocates on its first clone).
fn count(mut call: impl FnMut() -> Response<Body>) -> u64 {
    measure(|| drop(call())).count_total
}

/// Allocations the tower adapter adds per request under `policy`, per case.
fn tower_overhead<P: CorsPolicy>(policy: P) -> Vec<(&'static str, u64, u64)> {
    let bare =
        tower::service_fn(|_: Request<Body>| async { Ok::<_, Infallible>(handler_response()) });
    let mut layered = tower::Layer::layer(&cors_runtime::tower::CorsLayer::new(policy), bare);
    cases()
        .into_iter()
        .map(|case| {
            let mut bare = bare;
            let bare =
                count(|| now((&mut bare).oneshot(case.request())).unwrap_or_else(|e| match e {}));
            let layered = count(|| {
                now((&mut layered).oneshot(case.request())).unwrap_or_else(|e| match e {})
            });
            (case.name, bare, layered)
        })
        .collect()
}

/// Allocations the hyper adapter adds per request under `policy`, per case.
fn hyper_overhead<P: CorsPolicy>(policy: P) -> Vec<(&'static str, u64, u64)> {
    use hyper::service::Service;

    let bare = hyper::service::service_fn(|_: Request<Body>| async {
        Ok::<_, Infallible>(handler_response())
    });
    let layered = cors_runtime::hyper::Cors::new(policy, bare);
    cases()
        .into_iter()
        .map(|case| {
            let bare = count(|| now(bare.call(case.request())).unwrap_or_else(|e| match e {}));
            let layered =
                count(|| now(layered.call(case.request())).unwrap_or_else(|e| match e {}));
            (case.name, bare, layered)
        })
        .collect()
}

fn assert_no_overhead(adapter: &str, figures: Vec<(&'static str, u64, u64)>) {
    let mut over = Vec::new();
    for (name, bare, layered) in figures {
        let added = layered as i64 - bare as i64;
        println!("{adapter:<22} {name:<28} bare {bare:>2}  layered {layered:>2}  added {added:>2}");
        if added > 0 {
            over.push(format!("{name}: {added}"));
        }
    }
    assert!(over.is_empty(), "{adapter} allocates per request: {over:?}");
}

#[test]
fn the_adapters_add_no_allocation() {
    assert_no_overhead("tower, Strict", tower_overhead(Strict));
    assert_no_overhead("tower, AnyOrigin", tower_overhead(AnyOrigin));
    assert_no_overhead("hyper, Strict", hyper_overhead(Strict));
    assert_no_overhead("hyper, AnyOrigin", hyper_overhead(AnyOrigin));
    assert_no_overhead("tower, Protected", tower_overhead(Protected));
    assert_no_overhead("hyper, Protected", hyper_overhead(Protected));
}

/// The same for a policy built at run time (`Policy::builder()`'s lookup tables instead of
/// generated matchers).
#[test]
fn the_adapters_add_no_allocation_with_a_built_policy() {
    let strict = || cors_tests::built(PolicyName::Strict);
    assert_no_overhead("tower, built Strict", tower_overhead(strict()));
    assert_no_overhead("hyper, built Strict", hyper_overhead(strict()));
    let protected = || cors_tests::built(PolicyName::Protected);
    assert_no_overhead("tower, built Protected", tower_overhead(protected()));
    assert_no_overhead("hyper, built Protected", hyper_overhead(protected()));
}

/// An `Origin` built by `HeaderValue::from_str` (or any `Vec`-backed `Bytes`) allocates
/// once when first cloned: that is `bytes`' promotion, which copying the value instead
/// would not avoid either. Servers hand out shared slices of their read buffer, which
/// never pay it.
#[test]
fn vec_backed_origin_costs_one_allocation_to_echo() {
    let bare =
        tower::service_fn(|_: Request<Body>| async { Ok::<_, Infallible>(handler_response()) });
    let mut layered = tower::Layer::layer(&cors_runtime::tower::CorsLayer::new(Strict), bare);
    let request = || {
        let mut request = Request::new(Body::default());
        let origin = HeaderValue::from_str(APP).expect("a valid origin");
        request.headers_mut().insert("origin", origin);
        request
    };
    let mut bare_service = bare;
    let bare = count(|| now((&mut bare_service).oneshot(request())).unwrap_or_else(|e| match e {}));
    let layered = count(|| now((&mut layered).oneshot(request())).unwrap_or_else(|e| match e {}));
    println!("tower, Vec-backed Origin: bare {bare}, layered {layered}");
    assert_eq!(layered, bare + 1);
}

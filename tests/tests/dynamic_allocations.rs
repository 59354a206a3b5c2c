//! Heap allocations of the new paths of issue 11, counted like `adapter_allocations.rs`
//! (the same request through the layer and through the bare service, subtracted):
//!
//! - type-erased policies (`Box<dyn CorsPolicy>`, `Arc<dyn CorsPolicy>`,
//!   `&'static dyn CorsPolicy`) keep the static path: 0 added on every path;
//! - a `ReloadablePolicy` served by the dynamic layers keeps it too: 0 added, once the
//!   thread has loaded any arc-swap value (its first `load` on a thread registers a
//!   thread-local debt node, once per thread for the life of the process);
//! - an origin source pays for the rule check (it parses the origin) and, async, for
//!   the lookup's `String` and boxed future: counted and printed, and bounded, only on
//!   requests that carry one `Origin`.
//!
//! Run `cargo test -p cors-tests --test dynamic_allocations -- --nocapture` for the
//! figures.

use std::convert::Infallible;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use allocation_counter::measure;
use cors_runtime::{AsyncOrigins, CorsPolicy, DynamicOrigins, DynamicPolicy, ReloadablePolicy};
use cors_tests::{APP, EVIL, Strict};
use http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use http::{Method, Request, Response};
use http_body_util::Full;
use hyper::body::Bytes;
use tower::ServiceExt;

type Body = Full<Bytes>;

fn now<F: Future>(future: F) -> F::Output {
    let mut context = Context::from_waker(Waker::noop());
    match pin!(future).poll(&mut context) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the services under test answer at once"),
    }
}

fn handler_response() -> Response<Body> {
    let mut response = Response::new(Full::new(Bytes::from_static(b"ok")));
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    response
}

const ACRM: &str = "access-control-request-method";
const ACRH: &str = "access-control-request-headers";

/// (name, method, headers): header values clone without allocating, as a server's do.
type Case = (
    &'static str,
    Method,
    &'static [(&'static str, &'static str)],
);

fn cases() -> [Case; 6] {
    [
        ("allowed actual", Method::GET, &[("origin", APP)]),
        ("refused actual", Method::GET, &[("origin", EVIL)]),
        ("no origin", Method::GET, &[]),
        (
            "accepted preflight",
            Method::OPTIONS,
            &[
                ("origin", APP),
                (ACRM, "PUT"),
                (ACRH, "content-type,x-api-key"),
            ],
        ),
        (
            "refused preflight",
            Method::OPTIONS,
            &[("origin", EVIL), (ACRM, "PUT")],
        ),
        (
            "refused preflight (header)",
            Method::OPTIONS,
            &[("origin", APP), (ACRM, "PUT"), (ACRH, "x-evil")],
        ),
    ]
}

fn request(case: &Case) -> Request<Body> {
    let mut request = Request::new(Body::default());
    *request.method_mut() = case.1.clone();
    for &(name, value) in case.2 {
        request.headers_mut().append(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    request
}

fn count(mut call: impl FnMut() -> Response<Body>) -> u64 {
    measure(|| drop(call())).count_total
}

type Figures = Vec<(&'static str, u64, u64)>;

fn bare()
-> impl tower::Service<Request<Body>, Response = Response<Body>, Error = Infallible, Future: Send> + Copy
{
    tower::service_fn(|_: Request<Body>| async { Ok::<_, Infallible>(handler_response()) })
}

/// Allocations per case through `layered` and through the bare service.
fn figures<S>(mut layered: S) -> Figures
where
    S: tower::Service<Request<Body>, Response = Response<Body>, Error = Infallible>,
{
    cases()
        .iter()
        .map(|case| {
            let mut plain = bare();
            let bare =
                count(|| now((&mut plain).oneshot(request(case))).unwrap_or_else(|e| match e {}));
            let layered =
                count(|| now((&mut layered).oneshot(request(case))).unwrap_or_else(|e| match e {}));
            (case.0, bare, layered)
        })
        .collect()
}

fn tower_static<P: CorsPolicy>(policy: P) -> Figures {
    figures(tower::Layer::layer(
        &cors_runtime::tower::CorsLayer::new(policy),
        bare(),
    ))
}

fn tower_dynamic(policy: impl Into<DynamicPolicy>) -> Figures {
    figures(tower::Layer::layer(
        &cors_runtime::tower::DynamicCorsLayer::new(policy),
        bare(),
    ))
}

/// The hyper service, seen as a tower service for [`figures`].
#[derive(Clone)]
struct AsTower<S>(S);

impl<S: hyper::service::Service<Request<Body>>> tower::Service<Request<Body>> for AsTower<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;
    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        Poll::Ready(Ok(()))
    }
    fn call(&mut self, request: Request<Body>) -> S::Future {
        self.0.call(request)
    }
}

fn hyper_bare()
-> impl hyper::service::Service<Request<Body>, Response = Response<Body>, Error = Infallible>
+ Clone
+ Send
+ 'static {
    hyper::service::service_fn(|_: Request<Body>| async { Ok::<_, Infallible>(handler_response()) })
}

fn hyper_static<P: CorsPolicy>(policy: P) -> Figures {
    figures(AsTower(cors_runtime::hyper::Cors::new(
        policy,
        hyper_bare(),
    )))
}

fn hyper_dynamic(policy: impl Into<DynamicPolicy>) -> Figures {
    figures(AsTower(cors_runtime::hyper::DynamicCors::new(
        policy,
        hyper_bare(),
    )))
}

fn added(figures: &Figures) -> Vec<(&'static str, i64)> {
    figures
        .iter()
        .map(|&(name, bare, layered)| (name, layered as i64 - bare as i64))
        .collect()
}

fn assert_no_overhead(label: &str, figures: Figures) {
    let added = added(&figures);
    for (name, added) in &added {
        println!("{label:<34} {name:<28} added {added:>2}");
    }
    let over: Vec<_> = added.iter().filter(|(_, added)| *added > 0).collect();
    assert!(over.is_empty(), "{label} allocates per request: {over:?}");
}

#[test]
fn type_erased_policies_keep_the_static_path() {
    assert_no_overhead(
        "tower, Box<dyn CorsPolicy>",
        tower_static(Box::new(Strict) as Box<dyn CorsPolicy>),
    );
    assert_no_overhead(
        "tower, Arc<dyn CorsPolicy>",
        tower_static(Arc::new(Strict) as Arc<dyn CorsPolicy>),
    );
    assert_no_overhead(
        "tower, &'static dyn CorsPolicy",
        tower_static(&Strict as &'static dyn CorsPolicy),
    );
    assert_no_overhead(
        "hyper, Box<dyn CorsPolicy>",
        hyper_static(Box::new(Strict) as Box<dyn CorsPolicy>),
    );
    assert_no_overhead(
        "hyper, Arc<dyn CorsPolicy>",
        hyper_static(Arc::new(Strict) as Arc<dyn CorsPolicy>),
    );
    let built: Box<dyn CorsPolicy> = Box::new(cors_tests::built(cors_tests::PolicyName::Strict));
    assert_no_overhead("tower, Box<dyn> of a built policy", tower_static(built));
}

#[test]
fn a_reloadable_policy_keeps_the_static_path() {
    let handle = ReloadablePolicy::new(Strict);
    // arc-swap's thread-local debt node: registered by the first `load` on a thread.
    let _ = handle.current();
    assert_no_overhead("tower, ReloadablePolicy", tower_dynamic(handle.clone()));
    assert_no_overhead("hyper, ReloadablePolicy", hyper_dynamic(handle.clone()));
    // After a replacement too.
    handle
        .replace(cors_tests::built(cors_tests::PolicyName::Strict))
        .expect("sendable");
    assert_no_overhead("tower, ReloadablePolicy (replaced)", tower_dynamic(handle));
}

#[test]
fn origin_sources_pay_only_where_an_origin_is_asked_about() {
    let sync = DynamicOrigins::new(Strict, move |origin: &str| {
        Strict.allows_origin(origin.as_bytes())
    });
    let lookup = |origin: String| {
        let allowed = Strict.allows_origin(origin.as_bytes());
        async move { Ok::<_, Infallible>(allowed) }
    };
    for (label, figures) in [
        ("tower, DynamicOrigins", tower_static(sync)),
        (
            "tower, AsyncOrigins",
            tower_dynamic(AsyncOrigins::new(Strict, lookup)),
        ),
        (
            "hyper, AsyncOrigins",
            hyper_dynamic(AsyncOrigins::new(Strict, lookup)),
        ),
    ] {
        for (name, added) in added(&figures) {
            println!("{label:<34} {name:<28} added {added:>2}");
            if name == "no origin" {
                assert_eq!(added, 0, "{label}: a request without Origin asks nothing");
            } else {
                // The rule check's parse, the lookup's String and boxed future, and the
                // waiting request's state: a handful, never more.
                assert!(added <= 8, "{label} {name}: {added} allocations");
            }
        }
    }
}

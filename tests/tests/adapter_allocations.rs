//! Heap allocations the adapters make for one request, counted the strict way: the inner
//! service runs with counting paused (`allocation_counter::opt_out`), so a layer that
//! answers a preflight itself gets no credit for the handler it skipped, and one that
//! forwards is not charged for the handler's work. Counted on this thread by
//! `allocation-counter`'s global allocator. Target: 0 on every path, through tower, hyper
//! and actix-web (for actix: the same count as the bare app, whose test harness
//! allocates outside any middleware).
//!
//! The inner service answers a response with one header, as real handlers do (a
//! `content-type` at least): the header map's first allocation is the handler's, and the
//! CORS headers fit in the room it leaves. The layer's own answers are written into the
//! request's header map, whose capacity the request's headers already needed. Request header values are built as a
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

/// Runs `f` with allocation counting paused.
fn uncounted<T>(f: impl FnOnce() -> T) -> T {
    let mut out = None;
    allocation_counter::opt_out(|| out = Some(f()));
    out.expect("opt_out runs its closure")
}

/// The inner service's answer, made uncounted.
fn handler_response() -> Response<Body> {
    uncounted(counted_handler_response)
}

fn counted_handler_response() -> Response<Body> {
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

/// Allocations of `call` on `request` (built before counting). No warm-up: the first
/// request through a new layer is the one that would pay for a lazily shared constant (a
/// `Bytes` made from a `Vec` allocates on its first clone).
fn count<R>(request: R, call: impl FnOnce(R) -> Response<Body>) -> u64 {
    measure(|| drop(call(request))).count_total
}

/// Allocations the tower adapter makes per request under `policy`, per case, beside the
/// bare service's.
fn tower_overhead<P: CorsPolicy>(policy: P) -> Vec<(&'static str, u64, u64)> {
    let bare =
        tower::service_fn(|_: Request<Body>| async { Ok::<_, Infallible>(handler_response()) });
    let mut layered = tower::Layer::layer(&cors_runtime::tower::CorsLayer::new(policy), bare);
    cases()
        .into_iter()
        .map(|case| {
            let mut bare = bare;
            let bare = count(case.request(), |request| {
                now((&mut bare).oneshot(request)).unwrap_or_else(|e| match e {})
            });
            let layered = count(case.request(), |request| {
                now((&mut layered).oneshot(request)).unwrap_or_else(|e| match e {})
            });
            (case.name, bare, layered)
        })
        .collect()
}

/// Allocations the hyper adapter makes per request under `policy`, per case.
fn hyper_overhead<P: CorsPolicy>(policy: P) -> Vec<(&'static str, u64, u64)> {
    use hyper::service::Service;

    let bare = hyper::service::service_fn(|_: Request<Body>| async {
        Ok::<_, Infallible>(handler_response())
    });
    let layered = cors_runtime::hyper::Cors::new(policy, bare);
    cases()
        .into_iter()
        .map(|case| {
            let bare = count(case.request(), |request| {
                now(bare.call(request)).unwrap_or_else(|e| match e {})
            });
            let layered = count(case.request(), |request| {
                now(layered.call(request)).unwrap_or_else(|e| match e {})
            });
            (case.name, bare, layered)
        })
        .collect()
}

/// Every case: the bare service's strict count is `bare` (0 for tower and hyper: its
/// handler is uncounted; actix's test harness allocates around any app) and the
/// layered one's is the same.
fn assert_no_overhead(adapter: &str, figures: Vec<(&'static str, u64, u64)>) {
    let mut over = Vec::new();
    for (name, bare, layered) in figures {
        let added = layered as i64 - bare as i64;
        println!("{adapter:<22} {name:<28} bare {bare:>2}  layered {layered:>2}  added {added:>2}");
        if added != 0 {
            over.push(format!("{name}: {added}"));
        }
    }
    assert!(over.is_empty(), "{adapter} allocates per request: {over:?}");
}

/// The tower and hyper layers allocate nothing at all, strictly counted.
fn assert_zero(adapter: &str, figures: Vec<(&'static str, u64, u64)>) {
    for &(name, bare, _) in &figures {
        assert_eq!(bare, 0, "{adapter} {name}: the uncounted handler counted");
    }
    assert_no_overhead(adapter, figures);
}

#[test]
fn the_adapters_add_no_allocation() {
    assert_zero("tower, Strict", tower_overhead(Strict));
    assert_zero("tower, AnyOrigin", tower_overhead(AnyOrigin));
    assert_zero("hyper, Strict", hyper_overhead(Strict));
    assert_zero("hyper, AnyOrigin", hyper_overhead(AnyOrigin));
    assert_zero("tower, Protected", tower_overhead(Protected));
    assert_zero("hyper, Protected", hyper_overhead(Protected));
}

/// The same for a policy built at run time (`Policy::builder()`'s lookup tables instead of
/// generated matchers).
#[test]
fn the_adapters_add_no_allocation_with_a_built_policy() {
    let strict = || cors_tests::built(PolicyName::Strict);
    assert_zero("tower, built Strict", tower_overhead(strict()));
    assert_zero("hyper, built Strict", hyper_overhead(strict()));
    let protected = || cors_tests::built(PolicyName::Protected);
    assert_zero("tower, built Protected", tower_overhead(protected()));
    assert_zero("hyper, built Protected", hyper_overhead(protected()));
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
    let bare = count(request(), |request| {
        now((&mut bare_service).oneshot(request)).unwrap_or_else(|e| match e {})
    });
    let layered = count(request(), |request| {
        now((&mut layered).oneshot(request)).unwrap_or_else(|e| match e {})
    });
    println!("tower, Vec-backed Origin: bare {bare}, layered {layered}");
    assert_eq!((bare, layered), (0, 1));
}

/// Through actix-web: an app with our middleware against the same app with `Identity`,
/// the handler and routing inside the middleware uncounted, request headers shared as
/// actix's parser makes them. The harness around the app (`call_service`) allocates the
/// same in both.
fn actix_overhead<P: CorsPolicy>(policy: P) -> Vec<(&'static str, u64, u64)> {
    use actix_web::dev::Service as _;
    use actix_web::http::header::HeaderValue as ActixValue;
    use actix_web::{App, HttpResponse, test, web};

    /// Polls the inner service's future with counting paused.
    struct Quiet<F>(std::pin::Pin<Box<F>>);
    impl<F: Future> Future for Quiet<F> {
        type Output = F::Output;
        fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
            let inner = self.0.as_mut();
            uncounted(|| inner.poll(cx))
        }
    }

    let runner = actix_web::rt::System::new();
    macro_rules! app {
        ($middleware:expr) => {
            runner.block_on(test::init_service(
                App::new()
                    .wrap_fn(|request, service| {
                        Quiet(uncounted(|| Box::pin(service.call(request))))
                    })
                    .wrap($middleware)
                    .default_service(web::to(|| async {
                        HttpResponse::Ok().content_type("text/plain").finish()
                    })),
            ))
        };
    }
    let bare = app!(actix_web::middleware::Identity::default());
    let layered = app!(cors_runtime::actix::Cors::new(policy));
    let request = |case: &Case| {
        let mut request = test::TestRequest::default().method(
            actix_web::http::Method::from_bytes(case.method.as_str().as_bytes()).expect("a method"),
        );
        for &(name, value) in case.headers {
            request = request.append_header((name, ActixValue::from_static(value)));
        }
        request.to_request()
    };
    let strict = |app: &dyn Fn(&Case) -> u64, case: &Case| app(case);
    let call_bare = |case: &Case| {
        let made = request(case);
        measure(|| drop(runner.block_on(test::call_service(&bare, made)))).count_total
    };
    let call_layered = |case: &Case| {
        let made = request(case);
        measure(|| drop(runner.block_on(test::call_service(&layered, made)))).count_total
    };
    cases()
        .into_iter()
        .map(|case| {
            // One warm-up each: actix's pools (request and response heads) fill on use.
            strict(&call_bare, &case);
            strict(&call_layered, &case);
            (
                case.name,
                strict(&call_bare, &case),
                strict(&call_layered, &case),
            )
        })
        .collect()
}

#[test]
fn the_actix_adapter_adds_no_allocation() {
    assert_no_overhead("actix, Strict", actix_overhead(Strict));
    assert_no_overhead("actix, AnyOrigin", actix_overhead(AnyOrigin));
    assert_no_overhead(
        "actix, built Strict",
        actix_overhead(cors_tests::built(PolicyName::Strict)),
    );
}

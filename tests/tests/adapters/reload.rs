//! A reloadable policy replaced while requests flow: every response is exactly one
//! policy's (none mixes the two), and a request in flight when a replacement lands
//! finishes under the policy it started with, on every adapter.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use axum::Router;
use axum::body::Body;
use axum::routing::any;
use cors_runtime::{Policy, PolicyBuilder, ReloadablePolicy};
use cors_tests::{ACAC, ACAM, ACAO, ACEH, CORS_HEADERS, MAX_AGE};
use tower::ServiceExt;

const A: &str = "https://a.test";

/// Policy A: `PUT`, max-age 600, exposes `x-from-a`, no credentials.
fn policy_a() -> PolicyBuilder {
    Policy::builder()
        .origins([A, "https://b.test"])
        .methods(["PUT"])
        .max_age(600)
        .expose_headers(["x-from-a"])
}

/// Policy B: `DELETE`, max-age 60, exposes `x-from-b`, credentials.
fn policy_b() -> PolicyBuilder {
    Policy::builder()
        .origins([A, "https://b.test"])
        .methods(["DELETE"])
        .max_age(60)
        .expose_headers(["x-from-b"])
        .credentials(true)
}

type Headers = BTreeMap<&'static str, String>;

fn expected(pairs: &[(&'static str, &str)]) -> Headers {
    pairs.iter().map(|&(k, v)| (k, v.to_owned())).collect()
}

/// A's and B's CORS headers on a preflight (`GET`, which both allow) and on an actual
/// `GET`.
fn preflight_headers() -> [Headers; 2] {
    [
        expected(&[(ACAO, A), (ACAM, "PUT"), (MAX_AGE, "600")]),
        expected(&[(ACAO, A), (ACAC, "true"), (ACAM, "DELETE"), (MAX_AGE, "60")]),
    ]
}

fn actual_headers() -> [Headers; 2] {
    [
        expected(&[(ACAO, A), (ACEH, "x-from-a")]),
        expected(&[(ACAO, A), (ACAC, "true"), (ACEH, "x-from-b")]),
    ]
}

fn cors_headers_of(map: &http::HeaderMap) -> Headers {
    CORS_HEADERS
        .iter()
        .filter_map(|&name| {
            let values: Vec<_> = map.get_all(name).iter().collect();
            match values.as_slice() {
                [] => None,
                [one] => Some((name, one.to_str().unwrap_or("<bytes>").to_owned())),
                _ => Some((name, "<several lines>".to_owned())),
            }
        })
        .collect()
}

fn request(preflight: bool) -> http::Request<Body> {
    let builder = http::Request::builder().uri("/items").header("origin", A);
    let builder = if preflight {
        builder
            .method("OPTIONS")
            .header("access-control-request-method", "GET")
    } else {
        builder.method("GET")
    };
    builder.body(Body::empty()).expect("valid request")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_replacements_never_mix_two_policies() {
    let handle = ReloadablePolicy::new(policy_a().build().expect("A is valid"));
    let app = Router::new()
        .route("/items", any(|| async { "ok" }))
        .layer(cors_runtime::tower::DynamicCorsLayer::new(handle.clone()));

    // A swapper thread replaces the policy (B, A, B…) as fast as it can while requests
    // flow; `swaps` counts the replacements done.
    let done = Arc::new(AtomicBool::new(false));
    let swaps = Arc::new(AtomicU64::new(0));
    let swapper = {
        let (handle, done, swaps) = (handle.clone(), Arc::clone(&done), Arc::clone(&swaps));
        std::thread::spawn(move || {
            while !done.load(Ordering::SeqCst) {
                let next = if swaps.load(Ordering::SeqCst).is_multiple_of(2) {
                    policy_b()
                } else {
                    policy_a()
                };
                handle.replace_with(next).expect("both policies are valid");
                swaps.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    // Requests start once replacements are under way, and each task goes on (at least
    // 250 requests) until 50 more replacements have landed and both policies have
    // answered; a bound keeps a broken swap from looping for ever.
    while swaps.load(Ordering::SeqCst) == 0 {
        std::thread::yield_now();
    }
    let start = swaps.load(Ordering::SeqCst);
    let answered = Arc::new([AtomicBool::new(false), AtomicBool::new(false)]);
    let mut tasks = Vec::new();
    for task in 0..8_usize {
        let (app, swaps, answered) = (app.clone(), Arc::clone(&swaps), Arc::clone(&answered));
        tasks.push(tokio::spawn(async move {
            let mut seen = [[0_usize; 2]; 2];
            for i in 0..100_000_usize {
                let enough = i >= 250
                    && swaps.load(Ordering::SeqCst) >= start + 50
                    && answered.iter().all(|policy| policy.load(Ordering::SeqCst));
                if enough {
                    break;
                }
                let preflight = (task + i) % 2 == 0;
                let response = app
                    .clone()
                    .oneshot(request(preflight))
                    .await
                    .unwrap_or_else(|never| match never {});
                let got = cors_headers_of(response.headers());
                let candidates = if preflight {
                    preflight_headers()
                } else {
                    actual_headers()
                };
                let Some(which) = candidates.iter().position(|one| *one == got) else {
                    panic!("a response matching neither policy (preflight: {preflight}): {got:?}");
                };
                answered[which].store(true, Ordering::SeqCst);
                seen[usize::from(preflight)][which] += 1;
                tokio::task::yield_now().await;
            }
            seen
        }));
    }
    let mut seen = [[0_usize; 2]; 2];
    for task in tasks {
        let counts = task.await.expect("request task");
        for kind in 0..2 {
            for policy in 0..2 {
                seen[kind][policy] += counts[kind][policy];
            }
        }
    }
    let during = swaps.load(Ordering::SeqCst) - start;
    done.store(true, Ordering::SeqCst);
    swapper.join().expect("swapper thread");
    let total: usize = seen.iter().flatten().sum();
    println!(
        "{total} requests during {during} replacements: actual A/B {:?}, preflight A/B {:?}",
        seen[0], seen[1]
    );
    assert!(total >= 2000, "{total} requests");
    assert!(
        during >= 50,
        "only {during} replacements while requests flowed"
    );
    // Both policies answered while the other was being swapped in.
    assert!(
        seen.iter().flatten().sum::<usize>() > 0
            && (0..2).all(|policy| seen[0][policy] + seen[1][policy] > 0),
        "each policy answered: {seen:?}"
    );
}

/// The handler replaces A with B while its own request is in flight: the response still
/// carries A's headers, and the next request gets B's.
#[tokio::test]
async fn axum_in_flight_request_finishes_under_its_policy() {
    let handle = ReloadablePolicy::new(policy_a().build().expect("A is valid"));
    let replacer = handle.clone();
    let app = Router::new()
        .route(
            "/items",
            any(move || {
                let replacer = replacer.clone();
                async move {
                    replacer.replace_with(policy_b()).expect("B is valid");
                    "ok"
                }
            }),
        )
        .layer(cors_runtime::tower::DynamicCorsLayer::new(handle.clone()));
    let first = app
        .clone()
        .oneshot(request(false))
        .await
        .unwrap_or_else(|never| match never {});
    assert_eq!(cors_headers_of(first.headers()), actual_headers()[0]);
    let second = app
        .oneshot(request(false))
        .await
        .unwrap_or_else(|never| match never {});
    assert_eq!(cors_headers_of(second.headers()), actual_headers()[1]);
}

#[actix_web::test]
async fn actix_in_flight_request_finishes_under_its_policy() {
    use actix_web::{App, HttpResponse, test, web};

    let handle = ReloadablePolicy::new(policy_a().build().expect("A is valid"));
    let replacer = handle.clone();
    let app = App::new()
        .wrap(cors_runtime::actix::DynamicCors::new(handle.clone()))
        .route(
            "/items",
            web::get().to(move || {
                let replacer = replacer.clone();
                async move {
                    replacer.replace_with(policy_b()).expect("B is valid");
                    HttpResponse::Ok().body("ok")
                }
            }),
        );
    let service = test::init_service(app).await;
    for expected in actual_headers() {
        let request = test::TestRequest::get()
            .uri("/items")
            .insert_header(("origin", A))
            .to_request();
        let response = test::call_service(&service, request).await;
        let got: Headers = CORS_HEADERS
            .iter()
            .filter_map(|&name| {
                let value = response.headers().get(name)?;
                Some((name, value.to_str().unwrap_or("<bytes>").to_owned()))
            })
            .collect();
        assert_eq!(got, expected);
    }
}

#[tokio::test]
async fn hyper_in_flight_request_finishes_under_its_policy() {
    use http_body_util::{Empty, Full};
    use hyper::body::Bytes;
    use hyper::service::Service as _;
    use hyper::service::service_fn;

    let handle = ReloadablePolicy::new(policy_a().build().expect("A is valid"));
    let replacer = handle.clone();
    let service = cors_runtime::hyper::DynamicCors::new(
        handle.clone(),
        service_fn(move |_: http::Request<Empty<Bytes>>| {
            let replacer = replacer.clone();
            async move {
                replacer.replace_with(policy_b()).expect("B is valid");
                Ok::<_, Infallible>(http::Response::new(Full::<Bytes>::from("ok")))
            }
        }),
    );
    for expected in actual_headers() {
        let request = http::Request::builder()
            .uri("/items")
            .header("origin", A)
            .body(Empty::<Bytes>::new())
            .expect("valid request");
        let response = service
            .call(request)
            .await
            .unwrap_or_else(|never| match never {});
        assert_eq!(cors_headers_of(response.headers()), expected);
    }
}

//! Origins from the application (`DynamicOrigins`, `AsyncOrigins`): a refusal by the
//! rules and a failed source each have their own `Reason`, in `Probe::explain` and in
//! the `tracing` event of a real axum `Router`.
#![cfg(all(feature = "tracing", feature = "axum", feature = "tokio"))]

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::routing::any;
use cors_runtime::engine::Reason;
use cors_runtime::tower::DynamicCorsLayer;
use cors_runtime::{AsyncOrigins, CorsPolicy, DynamicOrigins, Probe, Rule, cors};
use http::Request;

mod recorder;

cors_runtime::cors! {
    struct Base {
        origin: "http://localhost:3000",
        methods: [PUT],
        credentials: true,
    }
}

const TENANT: &str = "https://tenant.example";
const PLAIN: &str = "http://plain.example";

/// Registers `TENANT`, `PLAIN`, `null` and a slashed origin; panics for `panics`.
fn registered(origin: &str) -> bool {
    if origin.contains("panics") {
        panic!("lookup bug");
    }
    [TENANT, PLAIN, "null", "https://tenant.example/"].contains(&origin)
}

async fn lookup(origin: String) -> Result<bool, String> {
    match origin.as_str() {
        "https://down.example" => Err("connection refused".to_owned()),
        "https://slow.example" => std::future::pending().await,
        _ => Ok(registered(&origin)),
    }
}

fn async_origins() -> AsyncOrigins {
    AsyncOrigins::new(Base, lookup).timeout(Duration::from_millis(20))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// The reason of a GET from `origin` under each source, and the same for a preflight.
fn reasons(origin: &str) -> [String; 4] {
    let sync = DynamicOrigins::new(Base, registered);
    let get = Probe::request("GET", origin);
    let preflight = Probe::preflight(origin, "PUT");
    let origins = async_origins();
    let (async_get, async_preflight) = runtime().block_on(async {
        (
            origins.explain(&get).await.reason().to_owned(),
            origins.explain(&preflight).await.reason().to_owned(),
        )
    });
    [
        get.explain(&sync).reason().to_owned(),
        preflight.explain(&sync).reason().to_owned(),
        async_get,
        async_preflight,
    ]
}

#[test]
fn a_registered_tenant_is_allowed_by_both_sources() {
    assert_eq!(
        reasons(TENANT),
        [
            "origin allowed",
            "preflight allowed",
            "origin allowed",
            "preflight allowed"
        ]
    );
}

#[test]
fn the_rules_refuse_what_the_source_allows_with_their_own_reason() {
    for (origin, rule) in [
        (PLAIN, Rule::O13),
        ("null", Rule::O10),
        ("https://tenant.example/", Rule::O4),
        ("HTTPS://TENANT.EXAMPLE", Rule::O5),
        ("https://tenant.example:443", Rule::O6),
    ] {
        let expected = format!(
            "origin `{origin}` is refused by rule {} ({}), whatever the origin source says",
            rule.id(),
            rule.summary()
        );
        assert_eq!(
            reasons(origin),
            [0, 1, 2, 3].map(|_| expected.clone()),
            "{origin}"
        );
    }
}

#[test]
fn the_opt_ins_let_the_source_allow_null_and_plain_http() {
    let sync = DynamicOrigins::new(Base, registered)
        .dangerously_allow_null_origin(true)
        .dangerously_allow_insecure_origins(true);
    assert!(sync.allows_origin(b"null"));
    assert!(sync.allows_origin(PLAIN.as_bytes()));
    let origins = async_origins()
        .dangerously_allow_null_origin(true)
        .dangerously_allow_insecure_origins(true);
    runtime().block_on(async {
        assert!(
            origins
                .explain(&Probe::request("GET", "null"))
                .await
                .is_allowed()
        );
        assert!(
            origins
                .explain(&Probe::request("GET", PLAIN))
                .await
                .is_allowed()
        );
    });
}

#[test]
fn a_failing_source_refuses_and_says_so() {
    let failed = |origin: &str| {
        format!("origin `{origin}` is refused: the origin source failed (fail closed)")
    };
    // The synchronous predicate panics; the async lookup panics, errs or never answers.
    let sync = DynamicOrigins::new(Base, registered);
    assert_eq!(
        sync.judge_origin(b"https://panics.example"),
        cors_runtime::engine::OriginVerdict::SourceFailed
    );
    let origins = async_origins();
    runtime().block_on(async {
        for origin in [
            "https://panics.example",
            "https://down.example",
            "https://slow.example",
        ] {
            let answer = origins.explain(&Probe::preflight(origin, "PUT")).await;
            assert_eq!(answer.status(), Some(403));
            assert_eq!(answer.reason(), failed(origin));
        }
    });
    assert_eq!(
        Probe::request("GET", "https://panics.example")
            .explain(&sync)
            .reason(),
        failed("https://panics.example")
    );
}

/// A timeout on a runtime without tokio's timer: tokio panics when the timeout is built,
/// and that panic is the lookup's failure, caught like a panicking lookup's (fail
/// closed), through `explain` and through a router alike.
#[test]
fn a_timeout_without_a_timer_refuses_instead_of_panicking() {
    let no_timer = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let origins = async_origins();
    let answer = no_timer.block_on(origins.explain(&Probe::request("GET", TENANT)));
    assert!(!answer.is_allowed());
    assert_eq!(
        answer.reason(),
        format!("origin `{TENANT}` is refused: the origin source failed (fail closed)")
    );
    let app: Router = Router::new()
        .route("/items", any(|| async { "ok" }))
        .layer(DynamicCorsLayer::new(async_origins()));
    let request = Request::get("/items")
        .header("origin", TENANT)
        .body(Body::empty())
        .expect("a valid request");
    let response = no_timer
        .block_on(tower::ServiceExt::oneshot(app, request))
        .expect("infallible");
    assert_eq!(
        response.status(),
        200,
        "the handler runs, as for any refused origin"
    );
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    assert_eq!(
        response.headers().get("vary").map(|v| v.as_bytes()),
        Some(&b"Origin"[..])
    );
}

/// A handler whose `call` panics once the request's origin lookup has answered: the
/// response future polled again panics too (as a future polled after completion does),
/// rather than staying pending forever with no waker. Today the finished lookup is what
/// panics (an async block resumed after completion); the future's own `expect` is the
/// line behind it, should a lookup ever be a future that answers twice.
#[test]
fn a_future_polled_again_after_its_handler_panicked_does_not_hang() {
    use std::future::Future;
    use std::panic::{AssertUnwindSafe, catch_unwind};
    use std::task::{Context, Waker};
    use tower::{Layer, Service};

    let handler = tower::service_fn(|_: Request<Body>| -> std::future::Ready<
        Result<http::Response<Body>, std::convert::Infallible>,
    > { panic!("handler bug") });
    let mut service = DynamicCorsLayer::new(async_origins()).layer(handler);
    let request = Request::get("/items")
        .header("origin", TENANT)
        .body(Body::empty())
        .expect("a valid request");
    let _runtime = runtime().enter();
    let mut future = Box::pin(service.call(request));
    let mut cx = Context::from_waker(Waker::noop());
    let first = catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(&mut cx)));
    assert!(first.is_err(), "the handler's panic goes through");
    let again = catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(&mut cx)));
    assert!(again.is_err(), "polled again, it panics rather than hangs");
}

#[test]
fn reasons_name_the_rule() {
    let reason = Reason::OriginBreaksRule(b"null", Rule::O10);
    assert!(!reason.is_allowed());
    assert!(reason.to_string().contains("rule O10"));
    assert!(!Reason::OriginSourceFailed(b"x").is_allowed());
}

/// The events one preflight from `origin` emits through a router with async origins.
fn events(origin: &str) -> Vec<String> {
    let app: Router = Router::new()
        .route("/items", any(|| async { "ok" }))
        .layer(DynamicCorsLayer::new(async_origins()));
    let request = Request::builder()
        .method("OPTIONS")
        .uri("/items")
        .header("origin", origin)
        .header("access-control-request-method", "PUT")
        .body(Body::empty())
        .expect("a valid request");
    let (response, lines) = recorder::logged(app, request);
    assert_eq!(response.status(), 403);
    lines
}

#[test]
fn the_tracing_event_names_the_rule_or_the_failure() {
    assert_eq!(
        events(PLAIN),
        [
            "DEBUG cors_runtime: CORS preflight refused: origin refused by rule O13 (credentials require https (or loopback) origins), whatever the \
          origin source says method=OPTIONS origin=http://plain.example"
        ]
    );
    assert_eq!(
        events("https://down.example"),
        [
            "DEBUG cors_runtime: CORS origin lookup failed: connection refused",
            "DEBUG cors_runtime: CORS preflight refused: origin refused: the origin source failed (fail closed) method=OPTIONS \
             origin=https://down.example"
        ]
    );
}

#[test]
fn a_cors_policy_still_answers_synchronously() {
    // `cors!` values are unchanged by the new trait method's default.
    let policy = cors! { origin: "https://a.example" };
    assert_eq!(
        policy.judge_origin(b"https://a.example"),
        cors_runtime::engine::OriginVerdict::Allowed
    );
    assert_eq!(
        policy.judge_origin(b"https://b.example"),
        cors_runtime::engine::OriginVerdict::NotAllowed
    );
}

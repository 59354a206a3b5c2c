//! §B / issue 3: a handler that panics, caught by a layer inside the CORS layer, still
//! answers an allowed origin with its CORS headers (tower/axum: tower-http's
//! `CatchPanicLayer` turns the panic into a 500). hyper and actix-web have no panic
//! recovery of their own to place inside the layer: a panicking handler there ends the
//! connection (hyper) or the worker's request (actix), with no response to decorate.

use axum::Router;
use axum::body::Body;
use axum::routing::get;
use cors_runtime::tower::CorsLayer;
use cors_tests::{APP, Strict};
use http::{Request, StatusCode};
use tower::ServiceExt;
use tower_http::catch_panic::CatchPanicLayer;

async fn boom() -> &'static str {
    panic!("the handler failed")
}

fn app() -> Router {
    Router::new()
        .route("/panic", get(boom))
        .layer(CatchPanicLayer::new())
        .layer(CorsLayer::new(Strict))
}

#[tokio::test]
async fn a_caught_panic_still_gets_cors_headers_for_an_allowed_origin() {
    let response = app()
        .oneshot(
            Request::get("/panic")
                .header("origin", APP)
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("infallible");
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers();
    assert_eq!(
        headers
            .get("access-control-allow-origin")
            .map(|v| v.as_bytes()),
        Some(APP.as_bytes())
    );
    assert_eq!(
        headers
            .get("access-control-allow-credentials")
            .map(|v| v.as_bytes()),
        Some(&b"true"[..])
    );
    assert_eq!(
        headers
            .get_all("vary")
            .iter()
            .map(|v| v.as_bytes())
            .collect::<Vec<_>>(),
        [&b"Origin"[..]]
    );
}

#[tokio::test]
async fn a_caught_panic_for_a_refused_origin_gets_only_vary() {
    let response = app()
        .oneshot(
            Request::get("/panic")
                .header("origin", "https://evil.test")
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("infallible");
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
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

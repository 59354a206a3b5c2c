//! Per-route policies, and the pitfalls the README lists, each shown as it behaves:
//! a route's own layer, `route_layer`, a `fallback` added after `Router::layer`, unknown
//! paths under per-route policies, and a global layer wrapping a per-route one; actix
//! `resource().wrap` and `Scope::wrap` (the latter in `via_actix.rs`).

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::{get, put};
use cors_runtime::tower::CorsLayer;
use cors_tests::{ACAM, ACAO, APP};
use tower::ServiceExt;

cors_runtime::cors! {
    /// The public read-only API: any origin, `GET` only.
    struct Public { origin: * }
}

cors_runtime::cors! {
    /// The admin API: one origin, `PUT`.
    struct Admin { origin: "https://app.test", methods: [PUT] }
}

fn preflight(path: &str, method: &str) -> Request<Body> {
    Request::builder()
        .method("OPTIONS")
        .uri(path)
        .header("origin", APP)
        .header("access-control-request-method", method)
        .body(Body::empty())
        .expect("valid request")
}

/// An actual (not preflight) request from `APP`.
fn from_app(method: &str, path: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header("origin", APP)
        .body(Body::empty())
        .expect("valid request")
}

/// (status, ACAO, ACAM) of `app`'s answer to `request`.
async fn ask(app: &Router, request: Request<Body>) -> (StatusCode, Option<String>, Option<String>) {
    let response = app
        .clone()
        .oneshot(request)
        .await
        .unwrap_or_else(|never| match never {});
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|value: &http::HeaderValue| value.to_str().unwrap_or("<bytes>").to_owned())
    };
    (response.status(), header(ACAO), header(ACAM))
}

/// Each route with its own policy: `MethodRouter::layer` wraps the route's handlers and
/// its 405 fallback, so a preflight for a method the route has no handler for (here
/// `OPTIONS`) still reaches the layer.
#[tokio::test]
async fn each_route_gets_its_own_policy() {
    let app = Router::new()
        .route(
            "/public",
            get(|| async { "public" }).layer(CorsLayer::new(Public)),
        )
        .route(
            "/admin",
            put(|| async { "stored" }).layer(CorsLayer::new(Admin)),
        );
    assert_eq!(
        ask(&app, from_app("GET", "/public")).await,
        (StatusCode::OK, Some("*".into()), None)
    );
    assert_eq!(
        ask(&app, preflight("/admin", "PUT")).await,
        (StatusCode::NO_CONTENT, Some(APP.into()), Some("PUT".into()))
    );
    // The public policy does not allow PUT; the admin one does not answer for /public.
    assert_eq!(
        ask(&app, preflight("/public", "PUT")).await,
        (StatusCode::FORBIDDEN, None, None)
    );
}

/// Pitfall: `route_layer` wraps only the handlers, not the route's 405 fallback, so a
/// preflight (an `OPTIONS` the route has no handler for) never reaches the layer: 405,
/// no CORS header, and the browser reports a CORS error.
#[tokio::test]
async fn route_layer_misses_preflights() {
    let app = Router::new().route(
        "/admin",
        put(|| async { "stored" }).route_layer(CorsLayer::new(Admin)),
    );
    assert_eq!(
        ask(&app, preflight("/admin", "PUT")).await,
        (StatusCode::METHOD_NOT_ALLOWED, None, None)
    );
    // The actual request does get the headers.
    let put_request = from_app("PUT", "/admin");
    assert_eq!(
        ask(&app, put_request).await,
        (StatusCode::OK, Some(APP.into()), None)
    );
}

/// Pitfall: `Router::layer` wraps what the router has when it is called. A `fallback`
/// set after it is outside the layer: unknown paths get no CORS header, so a page
/// cannot read the 404 (and a preflight to an unknown path fails as a CORS error).
/// Set the fallback first.
#[tokio::test]
async fn a_fallback_added_after_the_layer_is_outside_it() {
    let fallback = || async { (StatusCode::NOT_FOUND, "no such page") };
    let after = Router::new()
        .route("/admin", put(|| async { "stored" }))
        .layer(CorsLayer::new(Admin))
        .fallback(fallback);
    let before = Router::new()
        .route("/admin", put(|| async { "stored" }))
        .fallback(fallback)
        .layer(CorsLayer::new(Admin));
    assert_eq!(
        ask(&after, from_app("GET", "/missing")).await,
        (StatusCode::NOT_FOUND, None, None)
    );
    assert_eq!(
        ask(&before, from_app("GET", "/missing")).await,
        (StatusCode::NOT_FOUND, Some(APP.into()), None)
    );
    assert_eq!(
        ask(&after, preflight("/missing", "PUT")).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        ask(&before, preflight("/missing", "PUT")).await,
        (StatusCode::NO_CONTENT, Some(APP.into()), Some("PUT".into()))
    );
}

/// Pitfall: with per-route policies only, an unknown path has no policy at all: its 404
/// carries no CORS header (a page sees a CORS error, not the 404). Give the router a
/// policy of its own (outermost) if pages must see those 404s.
#[tokio::test]
async fn unknown_paths_have_no_per_route_policy() {
    let app = Router::new().route(
        "/admin",
        put(|| async { "stored" }).layer(CorsLayer::new(Admin)),
    );
    assert_eq!(
        ask(&app, from_app("GET", "/missing")).await,
        (StatusCode::NOT_FOUND, None, None)
    );
    assert_eq!(
        ask(&app, preflight("/missing", "PUT")).await,
        (StatusCode::NOT_FOUND, None, None)
    );
}

/// Pitfall: a global layer around per-route ones decides first. It answers every
/// preflight itself, so the route's policy never sees them, and it sets (replaces) the
/// CORS headers of every response: the outer policy wins. Use one or the other per
/// path, never both.
#[tokio::test]
async fn a_global_layer_overrides_per_route_policies() {
    let app = Router::new()
        .route(
            "/admin",
            put(|| async { "stored" }).layer(CorsLayer::new(Admin)),
        )
        .layer(CorsLayer::new(Public));
    // Admin would allow PUT from APP; the outer Public policy refuses it first.
    assert_eq!(
        ask(&app, preflight("/admin", "PUT")).await,
        (StatusCode::FORBIDDEN, None, None)
    );
    let put_request = from_app("PUT", "/admin");
    assert_eq!(
        ask(&app, put_request).await,
        (StatusCode::OK, Some("*".into()), None)
    );
}

/// actix: `resource().wrap` applies the policy to one resource, its default service
/// (the 405 for a method it has no route for) included, so preflights are answered.
#[actix_web::test]
async fn actix_resource_wrap_answers_preflights_for_the_resource() {
    use actix_web::{App, HttpResponse, test, web};
    let app = App::new()
        .service(
            web::resource("/admin")
                .wrap(cors_runtime::actix::Cors::new(Admin))
                .route(web::put().to(HttpResponse::Ok)),
        )
        .route("/other", web::get().to(HttpResponse::Ok));
    let service = test::init_service(app).await;
    let preflight = test::TestRequest::default()
        .method(actix_web::http::Method::OPTIONS)
        .uri("/admin")
        .insert_header(("origin", APP))
        .insert_header(("access-control-request-method", "PUT"))
        .to_request();
    let response = test::call_service(&service, preflight).await;
    assert_eq!(response.status(), actix_web::http::StatusCode::NO_CONTENT);
    assert_eq!(
        response.headers().get(ACAO).map(|v| v.as_bytes()),
        Some(APP.as_bytes())
    );
    let other = test::TestRequest::get()
        .uri("/other")
        .insert_header(("origin", APP))
        .to_request();
    let response = test::call_service(&service, other).await;
    assert!(response.headers().get(ACAO).is_none());
}

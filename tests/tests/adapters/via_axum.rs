//! The tower adapter under an axum `Router`, called with `ServiceExt::oneshot`.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use cors_runtime::CorsPolicy;
use cors_runtime::tower::{CorsLayer, DynamicCorsLayer};
use cors_tests::{Outcome, ROUTES, Recorder, Reply, Req, Script};
use tower::ServiceExt;

use crate::{Exchange, Serve};

/// The application: every route of [`ROUTES`], axum's default 404 for the rest.
fn app<P: CorsPolicy>(serve: Serve<P>, recorder: &Recorder, script: &Script) -> Router {
    let mut router = Router::new();
    for path in ROUTES {
        let (recorder, script) = (recorder.clone(), script.clone());
        router = router.route(
            path,
            any(move |method: Method, uri: Uri| {
                let outcome = handle(&recorder, &script, &method, &uri);
                async move { outcome }
            }),
        );
    }
    match serve {
        Serve::Static(policy) => router.layer(CorsLayer::new(policy)),
        Serve::Dynamic(policy) => router.layer(DynamicCorsLayer::new(policy)),
    }
}

/// A failing handler's error, turned into its response by axum.
struct Failure(Reply);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        crate::http_response(self.0)
    }
}

fn handle(
    recorder: &Recorder,
    script: &Script,
    method: &Method,
    uri: &Uri,
) -> Result<Response, Failure> {
    recorder.ran();
    let reply = script
        .reply(method.as_str(), uri.path())
        .expect("every routed path has a reply");
    if reply.fails {
        Err(Failure(reply))
    } else {
        Ok(crate::http_response(reply))
    }
}

/// One request through the layered router.
pub(crate) async fn run<P: CorsPolicy>(policy: impl Into<Serve<P>>, request: &Req) -> Outcome {
    crate::only(run_each(policy, &Exchange::routed(request)).await)
}

/// Every exchange in turn through one layered router.
pub(crate) async fn run_each<P: CorsPolicy>(
    policy: impl Into<Serve<P>>,
    exchanges: &[Exchange],
) -> Vec<Outcome> {
    let (recorder, script) = (Recorder::default(), Script::default());
    let router = app(policy.into(), &recorder, &script);
    crate::exchange_each(exchanges, &recorder, &script, |request| {
        let response = router
            .clone()
            .oneshot(crate::http_request(request, Body::empty()));
        async move { crate::http_outcome(response.await.unwrap_or_else(|never| match never {})).await }
    })
    .await
}

/// A fallible service behind the CORS layer (a timeout, load shedding) returns `Err`,
/// which is not a response: the layer has nothing to add headers to, and whatever turns
/// the error into one outside the layer sends it without CORS headers or `Vary`. The
/// README's contract ("errors included") holds when the error becomes a response inside
/// the layer: `HandleErrorLayer` below `CorsLayer` in the `ServiceBuilder`, as the tower
/// module's docs show. Both orders are pinned here.
#[tokio::test]
async fn an_inner_error_gets_cors_headers_when_it_becomes_a_response_inside_the_layer() {
    use axum::error_handling::HandleErrorLayer;
    use axum::http::StatusCode;
    use cors_tests::{APP, Strict};
    use tower::{BoxError, ServiceBuilder, service_fn};

    let failing = || {
        service_fn(|_: axum::http::Request<Body>| async {
            Err::<Response, BoxError>("overloaded".into())
        })
    };
    let unavailable = |_: BoxError| async { StatusCode::SERVICE_UNAVAILABLE };
    let request = || {
        axum::http::Request::get("/items")
            .header("origin", APP)
            .body(Body::empty())
            .expect("a valid request")
    };
    let headers = |response: &Response, name: &str| -> Vec<String> {
        response
            .headers()
            .get_all(name)
            .iter()
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
            .collect()
    };

    let inside = ServiceBuilder::new()
        .layer(CorsLayer::new(Strict))
        .layer(HandleErrorLayer::new(unavailable))
        .service(failing());
    let response = inside.oneshot(request()).await.expect("handled inside");
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers(&response, "access-control-allow-origin"), [APP]);
    assert_eq!(headers(&response, "vary"), ["Origin"]);

    let outside = ServiceBuilder::new()
        .layer(HandleErrorLayer::new(unavailable))
        .layer(CorsLayer::new(Strict))
        .service(failing());
    let response = outside.oneshot(request()).await.expect("handled outside");
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(headers(&response, "access-control-allow-origin").is_empty());
    assert!(headers(&response, "vary").is_empty());
}

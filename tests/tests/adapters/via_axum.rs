//! The tower adapter under an axum `Router`, called with `ServiceExt::oneshot`.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use cors_runtime::CorsPolicy;
use cors_runtime::tower::{CorsLayer, DynamicCorsLayer};
use cors_tests::{Outcome, ROUTES, Recorder, Reply, Req, reply};
use tower::ServiceExt;

use crate::Serve;

/// The application: every route of [`ROUTES`], axum's default 404 for the rest.
fn app<P: CorsPolicy>(serve: Serve<P>, recorder: &Recorder) -> Router {
    let mut router = Router::new();
    for path in ROUTES {
        let recorder = recorder.clone();
        router = router.route(
            path,
            any(move |method: Method, uri: Uri| {
                let outcome = handle(&recorder, &method, &uri);
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

fn handle(recorder: &Recorder, method: &Method, uri: &Uri) -> Result<Response, Failure> {
    recorder.ran();
    let reply = reply(method.as_str(), uri.path()).expect("every routed path has a reply");
    if reply.fails {
        Err(Failure(reply))
    } else {
        Ok(crate::http_response(reply))
    }
}

/// One request through the layered router.
pub(crate) async fn run<P: CorsPolicy>(policy: impl Into<Serve<P>>, request: &Req) -> Outcome {
    let recorder = Recorder::default();
    let response = app(policy.into(), &recorder)
        .oneshot(crate::http_request(request, Body::empty()))
        .await
        .unwrap_or_else(|never| match never {});
    Outcome {
        handler_runs: recorder.runs(),
        ..crate::http_outcome(response).await
    }
}

//! The hyper adapter serving one real loopback TCP connection, queried by hyper's own
//! HTTP/1.1 client; and called directly, without a connection, for the differential's
//! thousands of requests.

use std::convert::Infallible;

use cors_runtime::CorsPolicy;
use cors_runtime::hyper::{Cors, DynamicCors};
use cors_tests::{Outcome, Recorder, Req, Script};
use http_body_util::{Empty, Full};
use hyper::body::{Bytes, Incoming};
use hyper::client::conn::http1 as client;
use hyper::server::conn::http1 as server;
use hyper::service::{Service, service_fn};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};

use crate::{Exchange, Serve};

/// The application. hyper has no router: an unknown path gets a 404 that counts as no
/// handler run, like the other frameworks' default 404.
fn handle<B>(recorder: &Recorder, script: &Script, request: &Request<B>) -> Response<Full<Bytes>> {
    let Some(reply) = script.reply(request.method().as_str(), request.uri().path()) else {
        let mut response = Response::new(Full::default());
        *response.status_mut() = StatusCode::NOT_FOUND;
        return response;
    };
    recorder.ran();
    crate::http_response(reply)
}

/// One request over a fresh connection to a fresh server on 127.0.0.1.
pub(crate) async fn run<P: CorsPolicy>(policy: impl Into<Serve<P>>, request: &Req) -> Outcome {
    let (recorder, script) = (Recorder::default(), Script::default());
    let app_recorder = recorder.clone();
    let app = service_fn(move |request: Request<Incoming>| {
        let response = handle(&app_recorder, &script, &request);
        async move { Ok::<_, Infallible>(response) }
    });
    let outcome = match policy.into() {
        Serve::Static(policy) => serve(Cors::new(policy, app), request).await,
        Serve::Dynamic(policy) => serve(DynamicCors::new(policy, app), request).await,
    };
    Outcome {
        handler_runs: recorder.runs(),
        ..outcome
    }
}

/// Every exchange in turn through one layered service, called directly.
pub(crate) async fn call_each<P: CorsPolicy>(
    policy: impl Into<Serve<P>>,
    exchanges: &[Exchange],
) -> Vec<Outcome> {
    let (recorder, script) = (Recorder::default(), Script::default());
    let (app_recorder, app_script) = (recorder.clone(), script.clone());
    let app = service_fn(move |request: Request<Empty<Bytes>>| {
        let response = handle(&app_recorder, &app_script, &request);
        async move { Ok::<_, Infallible>(response) }
    });
    match policy.into() {
        Serve::Static(policy) => {
            call_with(&Cors::new(policy, app), exchanges, &recorder, &script).await
        }
        Serve::Dynamic(policy) => {
            call_with(
                &DynamicCors::new(policy, app),
                exchanges,
                &recorder,
                &script,
            )
            .await
        }
    }
}

async fn call_with<S>(
    service: &S,
    exchanges: &[Exchange],
    recorder: &Recorder,
    script: &Script,
) -> Vec<Outcome>
where
    S: Service<Request<Empty<Bytes>>, Response = Response<Full<Bytes>>, Error = Infallible>,
{
    crate::exchange_each(exchanges, recorder, script, |request| {
        let response = service.call(crate::http_request(request, Empty::new()));
        async move { crate::http_outcome(response.await.unwrap_or_else(|never| match never {})).await }
    })
    .await
}

/// Serves one connection with `service`, sends `request` on it.
async fn serve<S>(service: S, request: &Req) -> Outcome
where
    S: hyper::service::Service<Request<Incoming>, Response = Response<Full<Bytes>>>
        + Send
        + 'static,
    S::Future: Send + 'static,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .await
        .expect("bind loopback");
    let address = listener.local_addr().expect("bound address");
    let server = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.expect("accept");
        server::Builder::new()
            .serve_connection(TokioIo::new(stream), service)
            .await
    });

    let stream = TcpStream::connect(address).await.expect("connect");
    let (mut sender, connection) = client::handshake(TokioIo::new(stream))
        .await
        .expect("handshake");
    let client = tokio::spawn(connection);
    let response = sender
        .send_request(crate::http_request(request, Empty::<Bytes>::new()))
        .await
        .expect("response");
    let outcome = crate::http_outcome(response).await;
    drop(sender);
    client
        .await
        .expect("client task")
        .expect("client connection");
    server
        .await
        .expect("server task")
        .expect("server connection");
    outcome
}

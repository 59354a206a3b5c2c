//! The hyper adapter behind `hyper_util::server::conn::auto` (HTTP/1.1 or HTTP/2, chosen
//! by the client's preface), queried by hyper's HTTP/2 client with prior knowledge: the
//! layer works on requests, so every scenario gets the HTTP/1.1 answer over HTTP/2.

use std::convert::Infallible;

use cors_runtime::CorsPolicy;
use cors_runtime::hyper::Cors;
use cors_tests::{Outcome, Recorder, Req, reply};
use http_body_util::{Empty, Full};
use hyper::body::{Bytes, Incoming};
use hyper::client::conn::http2 as client;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode, Version};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use tokio::net::{TcpListener, TcpStream};

/// The application, as in `via_hyper`; it also says which protocol the request came by.
fn handle(recorder: &Recorder, request: &Request<Incoming>) -> Response<Full<Bytes>> {
    assert_eq!(
        request.version(),
        Version::HTTP_2,
        "the server spoke HTTP/2"
    );
    let Some(reply) = reply(request.method().as_str(), request.uri().path()) else {
        let mut response = Response::new(Full::default());
        *response.status_mut() = StatusCode::NOT_FOUND;
        return response;
    };
    recorder.ran();
    let mut response: Response<Full<Bytes>> = crate::http_response(reply);
    // hyper's HTTP/1.1 server drops a HEAD response's body; its HTTP/2 server sends it,
    // which the client must reset as a protocol error: answer HEAD without one.
    if request.method() == hyper::Method::HEAD {
        *response.body_mut() = Full::default();
    }
    response
}

/// One request over a fresh HTTP/2 connection to a fresh auto server on 127.0.0.1.
pub(crate) async fn run<P: CorsPolicy>(policy: P, request: &Req) -> Outcome {
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .await
        .expect("bind loopback");
    let address = listener.local_addr().expect("bound address");
    let recorder = Recorder::default();
    let app_recorder = recorder.clone();
    let service = Cors::new(
        policy,
        service_fn(move |request: Request<Incoming>| {
            let response = handle(&app_recorder, &request);
            async move { Ok::<_, Infallible>(response) }
        }),
    );
    let server = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.expect("accept");
        let mut builder = auto::Builder::new(TokioExecutor::new());
        // h2 refuses header lists over 16 KiB by default (GOAWAY, before the layer sees
        // the request); the table's oversized ACRH rows are for the layer's own 8 KiB
        // cap, which HTTP/1.1's ~400 KiB head limit lets through: so raise it to match.
        builder.http2().max_header_list_size(1 << 20);
        builder
            .serve_connection(TokioIo::new(stream), service)
            .await
            .map_err(|error| error.to_string())
    });

    let stream = TcpStream::connect(address).await.expect("connect");
    let (mut sender, connection) = client::handshake(TokioExecutor::new(), TokioIo::new(stream))
        .await
        .expect("HTTP/2 handshake");
    let client = tokio::spawn(connection);
    let mut http_request = crate::http_request(request, Empty::<Bytes>::new());
    // HTTP/2 has no connection-specific headers (RFC 9113 §8.2.2): hyper's client drops
    // them; the scenario's WebSocket-looking GET stays a GET.
    *http_request.version_mut() = Version::HTTP_2;
    // HTTP/2 requests carry `:scheme` and `:authority`: an absolute URI. A browser puts
    // the host it means in `:authority` rather than in a `Host` header, so a scenario's one
    // `Host` becomes the authority (what cross-origin protection compares `Origin` with);
    // an absolute-form path keeps its own.
    let hosts: Vec<&str> = request
        .headers
        .iter()
        .filter(|(name, _)| *name == "host")
        .map(|(_, value)| std::str::from_utf8(value).expect("the table's hosts are text"))
        .collect();
    let uri = match hosts.as_slice() {
        _ if request.path.starts_with("http") => request.path.to_owned(),
        [host] => {
            http_request.headers_mut().remove("host");
            format!("http://{host}{}", request.path)
        }
        _ => format!("http://{address}{}", request.path),
    };
    *http_request.uri_mut() = uri.parse().expect("a valid URI");
    let response = sender.send_request(http_request).await.expect("response");
    assert_eq!(
        response.version(),
        Version::HTTP_2,
        "the answer came by HTTP/2"
    );
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
    Outcome {
        handler_runs: recorder.runs(),
        ..outcome
    }
}

//! A plain hyper 1.x server behind a `cors!` policy, through the hyper adapter.
//!
//! Run it with `cargo run -p cors-examples --bin hyper` (port 3002, or `PORT=...`), then
//! ask it what a browser would (each answer below leaves out the `date` line;
//! `examples/check-curls.sh examples/src/bin/hyper.rs` checks them against the server).
//!
//! A preflight the policy allows is answered by the adapter itself, without calling
//! the handler: 204, the allowed methods and headers, and how long the browser may cache
//! them. `https://shop.example.com` is allowed by the pattern `https://*.example.com`.
//!
//! ```text
//! $ curl -si -X OPTIONS http://127.0.0.1:3002/api/items/7 \
//!     -H 'Origin: https://shop.example.com' \
//!     -H 'Access-Control-Request-Method: PUT' \
//!     -H 'Access-Control-Request-Headers: content-type'
//! HTTP/1.1 204 No Content
//! vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers
//! access-control-allow-origin: https://shop.example.com
//! access-control-allow-credentials: true
//! access-control-allow-methods: PUT, DELETE
//! access-control-allow-headers: content-type, authorization
//! access-control-max-age: 600
//! ```
//!
//! A preflight for a method the policy does not list is refused with a bare 403: no
//! CORS header, so the browser never sends the PATCH.
//!
//! ```text
//! $ curl -si -X OPTIONS http://127.0.0.1:3002/api/items/7 \
//!     -H 'Origin: https://shop.example.com' \
//!     -H 'Access-Control-Request-Method: PATCH'
//! HTTP/1.1 403 Forbidden
//! vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers
//! content-length: 0
//! ```
//!
//! An actual request from an allowed origin gets the origin echoed, credentials, and
//! the one exposed header named.
//!
//! ```text
//! $ curl -si http://127.0.0.1:3002/api/items -H 'Origin: https://shop.example.com'
//! HTTP/1.1 200 OK
//! content-type: application/json
//! x-total-count: 3
//! vary: Origin
//! access-control-allow-origin: https://shop.example.com
//! access-control-allow-credentials: true
//! access-control-expose-headers: x-total-count
//! content-length: 71
//!
//! [{"id":1,"name":"apple"},{"id":2,"name":"pear"},{"id":3,"name":"plum"}]
//! ```
//!
//! From any other origin, `https://example.com` included (`*.` needs at least one
//! label), the handler still runs (CORS is enforced by the browser, not the server),
//! but the answer carries no `access-control-allow-origin`, so a browser hides it from
//! the page. `Vary: Origin` keeps caches from serving one origin's answer to another.
//!
//! ```text
//! $ curl -si http://127.0.0.1:3002/api/items -H 'Origin: https://example.com'
//! HTTP/1.1 200 OK
//! content-type: application/json
//! x-total-count: 3
//! vary: Origin
//! content-length: 71
//!
//! [{"id":1,"name":"apple"},{"id":2,"name":"pear"},{"id":3,"name":"plum"}]
//! ```
//!
//! An OPTIONS request without `Access-Control-Request-Method` is not a preflight: it
//! reaches the application's own OPTIONS handler.
//!
//! ```text
//! $ curl -si -X OPTIONS http://127.0.0.1:3002/api/items -H 'Origin: https://shop.example.com'
//! HTTP/1.1 200 OK
//! content-type: text/plain; charset=utf-8
//! allow: GET, OPTIONS
//! vary: Origin
//! access-control-allow-origin: https://shop.example.com
//! access-control-allow-credentials: true
//! access-control-expose-headers: x-total-count
//! content-length: 0
//! ```
//!
//! Error responses get the CORS headers too, so the page can read what went wrong.
//!
//! ```text
//! $ curl -si http://127.0.0.1:3002/api/error -H 'Origin: https://shop.example.com'
//! HTTP/1.1 500 Internal Server Error
//! content-type: text/plain; charset=utf-8
//! vary: Origin
//! access-control-allow-origin: https://shop.example.com
//! access-control-allow-credentials: true
//! access-control-expose-headers: x-total-count
//! content-length: 16
//!
//! something broke
//! ```

use std::convert::Infallible;

use cors_examples::{ERROR_BODY, ITEMS_COUNT, ITEMS_JSON, item_id, listen_addr, updated};
use cors_runtime::cors;
use cors_runtime::hyper::Cors;
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{ALLOW, CONTENT_TYPE, HeaderValue};
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // Checked when this file compiles. The two patterns match any subdomain of
    // example.com over https (never example.com itself) and any port of localhost.
    let policy = cors! {
        origin: ["https://*.example.com", "http://localhost:*"],
        methods: [PUT, DELETE],
        allow_headers: ["content-type", "authorization"],
        expose_headers: ["x-total-count"],
        credentials: true,
        max_age: 600,
    };
    // Built once; each connection gets a clone sharing the prepared header values.
    let service = Cors::new(policy, service_fn(handle));

    let addr = listen_addr(3002)?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("hyper example listening on http://{addr}");
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // A failed accept (too many open files, a reset) ends that connection,
            // not the server.
            Err(error) => {
                eprintln!("accept: {error}");
                continue;
            }
        };
        let service = service.clone();
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            if let Err(error) = connection.await {
                eprintln!("connection: {error}");
            }
        });
    }
}

/// The application: hyper has no router, so it matches method and path itself.
async fn handle(request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let path = request.uri().path();
    let response = match *request.method() {
        Method::GET if path == "/api/items" => {
            let mut response = text(StatusCode::OK, ITEMS_JSON.to_owned());
            let headers = response.headers_mut();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            headers.insert("x-total-count", HeaderValue::from_static(ITEMS_COUNT));
            response
        }
        // The application's own `OPTIONS`: the adapter lets it through because it
        // carries no `Access-Control-Request-Method`, so it is not a preflight.
        Method::OPTIONS if path == "/api/items" => {
            let mut response = text(StatusCode::OK, String::new());
            let allow = HeaderValue::from_static(cors_examples::ALLOW);
            response.headers_mut().insert(ALLOW, allow);
            response
        }
        Method::PUT => match item_id(path) {
            Some(id) => text(StatusCode::OK, updated(id)),
            None => text(StatusCode::NOT_FOUND, String::new()),
        },
        // hyper has no error path of its own: the handler answers the 500 itself, and
        // the adapter adds the CORS headers to it like to any other response.
        Method::GET if path == "/api/error" => {
            text(StatusCode::INTERNAL_SERVER_ERROR, ERROR_BODY.to_owned())
        }
        _ => text(StatusCode::NOT_FOUND, String::new()),
    };
    Ok(response)
}

/// A plain-text response; callers replace the content type where it is not text.
fn text(status: StatusCode, body: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::from(body));
    *response.status_mut() = status;
    let plain = HeaderValue::from_static("text/plain; charset=utf-8");
    response.headers_mut().insert(CONTENT_TYPE, plain);
    response
}

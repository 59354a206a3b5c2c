//! An axum server behind a `cors!` policy, through the tower adapter.
//!
//! Run it with `cargo run -p cors-examples --bin axum` (port 3000, or `PORT=...`), then
//! ask it what a browser would (each answer below leaves out the `date` line;
//! `examples/check-curls.sh examples/src/bin/axum.rs` checks them against the server).
//!
//! A preflight the policy allows is answered by the layer itself: 204, the allowed
//! methods and headers, and how long the browser may cache them. The `allow` line is
//! axum's: `Router::layer` wraps each route, and axum's method router labels the
//! answers for a method the route has no handler for (here OPTIONS) with the methods it
//! does have.
//!
//! ```text
//! $ curl -si -X OPTIONS http://127.0.0.1:3000/api/items/7 \
//!     -H 'Origin: http://localhost:5173' \
//!     -H 'Access-Control-Request-Method: PUT' \
//!     -H 'Access-Control-Request-Headers: content-type'
//! HTTP/1.1 204 No Content
//! vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers
//! access-control-allow-origin: http://localhost:5173
//! access-control-allow-credentials: true
//! access-control-allow-methods: PUT, DELETE
//! access-control-allow-headers: content-type, authorization
//! access-control-max-age: 600
//! allow: PUT
//! ```
//!
//! A preflight for a method the policy does not list is refused with a bare 403: no
//! CORS header, so the browser never sends the PATCH.
//!
//! ```text
//! $ curl -si -X OPTIONS http://127.0.0.1:3000/api/items/7 \
//!     -H 'Origin: http://localhost:5173' \
//!     -H 'Access-Control-Request-Method: PATCH'
//! HTTP/1.1 403 Forbidden
//! vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers
//! allow: PUT
//! content-length: 0
//! ```
//!
//! An actual request from an allowed origin gets the origin echoed, credentials, and
//! the one exposed header named.
//!
//! ```text
//! $ curl -si http://127.0.0.1:3000/api/items -H 'Origin: http://localhost:5173'
//! HTTP/1.1 200 OK
//! content-type: application/json
//! x-total-count: 3
//! vary: Origin
//! access-control-allow-origin: http://localhost:5173
//! access-control-allow-credentials: true
//! access-control-expose-headers: x-total-count
//! content-length: 71
//!
//! [{"id":1,"name":"apple"},{"id":2,"name":"pear"},{"id":3,"name":"plum"}]
//! ```
//!
//! From any other origin the handler still runs (CORS is enforced by the browser, not
//! the server), but the answer carries no `access-control-allow-origin`, so a browser
//! hides it from the page. `Vary: Origin` keeps caches from serving one origin's answer
//! to another.
//!
//! ```text
//! $ curl -si http://127.0.0.1:3000/api/items -H 'Origin: https://evil.example'
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
//! $ curl -si -X OPTIONS http://127.0.0.1:3000/api/items -H 'Origin: http://localhost:5173'
//! HTTP/1.1 200 OK
//! content-type: text/plain; charset=utf-8
//! allow: GET, OPTIONS
//! vary: Origin
//! access-control-allow-origin: http://localhost:5173
//! access-control-allow-credentials: true
//! access-control-expose-headers: x-total-count
//! content-length: 0
//! ```
//!
//! Error responses get the CORS headers too, so the page can read what went wrong.
//!
//! ```text
//! $ curl -si http://127.0.0.1:3000/api/error -H 'Origin: http://localhost:5173'
//! HTTP/1.1 500 Internal Server Error
//! content-type: text/plain; charset=utf-8
//! vary: Origin
//! access-control-allow-origin: http://localhost:5173
//! access-control-allow-credentials: true
//! access-control-expose-headers: x-total-count
//! content-length: 16
//!
//! something broke
//! ```

use axum::Router;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::http::header::{ALLOW, CONTENT_TYPE};
use axum::routing::{get, put};
use cors_examples::{ERROR_BODY, ITEMS_COUNT, ITEMS_JSON, listen_addr, updated};
use cors_runtime::cors;
use cors_runtime::tower::CorsLayer;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // Checked when this file compiles: a trailing slash on an origin, `*` with
    // credentials or a forbidden header name would be a compile error here.
    let policy = cors! {
        origin: ["https://app.example.com", "http://localhost:5173"],
        methods: [PUT, DELETE],
        allow_headers: ["content-type", "authorization"],
        expose_headers: ["x-total-count"],
        credentials: true,
        max_age: 600,
    };

    let app = Router::new()
        .route("/api/items", get(items).options(options))
        .route("/api/items/{id}", put(update))
        .route("/api/error", get(fail))
        // Outermost, so that preflights are answered before routing and every
        // response, the 404 and 405 fallbacks included, gets its CORS headers.
        .layer(CorsLayer::new(policy));

    let addr = listen_addr(3000)?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("axum example listening on http://{addr}");
    axum::serve(listener, app).await
}

async fn items() -> ([(&'static str, &'static str); 2], &'static str) {
    (
        [
            (CONTENT_TYPE.as_str(), "application/json"),
            ("x-total-count", ITEMS_COUNT),
        ],
        ITEMS_JSON,
    )
}

async fn update(Path(id): Path<u32>) -> String {
    updated(id)
}

/// The application's own `OPTIONS`: the layer lets it through because it carries no
/// `Access-Control-Request-Method`, so it is not a preflight.
async fn options() -> ([(&'static str, &'static str); 1], &'static str) {
    ([(ALLOW.as_str(), cors_examples::ALLOW)], "")
}

/// A failing handler: axum turns the `Err` into the response, and the layer still adds
/// the CORS headers to it, so an allowed page can read the error.
async fn fail() -> Result<&'static str, (StatusCode, &'static str)> {
    Err((StatusCode::INTERNAL_SERVER_ERROR, ERROR_BODY))
}

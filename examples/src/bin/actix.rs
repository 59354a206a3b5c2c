//! An actix-web server behind a `cors!` policy, through the actix-web middleware.
//!
//! Run it with `cargo run -p cors-examples --bin actix` (port 3001, or `PORT=...`), then
//! ask it what a browser would (each answer below leaves out the `date` line;
//! `examples/check-curls.sh examples/src/bin/actix.rs` checks them against the server).
//!
//! A preflight the policy allows is answered by the middleware itself: 204, the allowed
//! methods and headers, and how long the browser may cache them. (actix-web sends
//! headers in no fixed order; they are written here in the order the other examples
//! send them.)
//!
//! ```text
//! $ curl -si -X OPTIONS http://127.0.0.1:3001/api/items/7 \
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
//! ```
//!
//! A preflight for a method the policy does not list is refused with a bare 403: no
//! CORS header, so the browser never sends the PATCH.
//!
//! ```text
//! $ curl -si -X OPTIONS http://127.0.0.1:3001/api/items/7 \
//!     -H 'Origin: http://localhost:5173' \
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
//! $ curl -si http://127.0.0.1:3001/api/items -H 'Origin: http://localhost:5173'
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
//! $ curl -si http://127.0.0.1:3001/api/items -H 'Origin: https://evil.example'
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
//! $ curl -si -X OPTIONS http://127.0.0.1:3001/api/items -H 'Origin: http://localhost:5173'
//! HTTP/1.1 200 OK
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
//! $ curl -si http://127.0.0.1:3001/api/error -H 'Origin: http://localhost:5173'
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

use actix_web::http::header::{ALLOW, CONTENT_TYPE};
use actix_web::{App, HttpResponse, HttpServer, error, get, options, put, web};
use cors_examples::{ERROR_BODY, ITEMS_COUNT, ITEMS_JSON, listen_addr, updated};
use cors_runtime::actix::Cors;

cors_runtime::cors! {
    /// The API's policy, as a named type (the item form of `cors!`): checked when this
    /// file compiles, and nameable in signatures and fields.
    pub struct ApiCors {
        origin: ["https://app.example.com", "http://localhost:5173"],
        methods: [PUT, DELETE],
        allow_headers: ["content-type", "authorization"],
        expose_headers: ["x-total-count"],
        credentials: true,
        max_age: 600,
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    // Built once: the policy's header values are shared by every worker's clone.
    let cors = Cors::new(ApiCors);
    let addr = listen_addr(3001)?;
    let server = HttpServer::new(move || {
        App::new()
            // The last `wrap` runs first: preflights are answered before routing, and
            // every response, actix's default 404 included, gets its CORS headers.
            .wrap(cors.clone())
            .service(items)
            .service(items_options)
            .service(update)
            .service(fail)
    })
    .bind(addr)?;
    println!("actix-web example listening on http://{addr}");
    server.run().await
}

#[get("/api/items")]
async fn items() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "application/json"))
        .insert_header(("x-total-count", ITEMS_COUNT))
        .body(ITEMS_JSON)
}

#[put("/api/items/{id}")]
async fn update(id: web::Path<u32>) -> String {
    updated(id.into_inner())
}

/// The application's own `OPTIONS`: the middleware lets it through because it carries
/// no `Access-Control-Request-Method`, so it is not a preflight.
#[options("/api/items")]
async fn items_options() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((ALLOW, cors_examples::ALLOW))
        .finish()
}

/// A failing handler: actix turns the `Err` into the response before the middleware
/// sees it, and the middleware still adds the CORS headers, so an allowed page can read
/// the error.
#[get("/api/error")]
async fn fail() -> Result<String, error::Error> {
    Err(error::ErrorInternalServerError(ERROR_BODY))
}

//! An axum hello-world for the end-to-end benchmark (`scripts/bench-e2e.sh`), with no
//! CORS layer, with ours, or with tower-http's, configured alike; or `headers`: no CORS
//! logic at all, every response carrying the headers ours sends for the benchmark's
//! requests (so that what a CORS response costs on the wire is told apart from what the
//! layer costs).
//!
//! `cargo run --release -p cors-benches --bin bench_server -- ours 127.0.0.1:0`

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::routing::get;
use cors_runtime::tower::CorsLayer;
use http::{HeaderName, Method};

cors_runtime::cors! {
    struct BenchPolicy {
        origin: ["https://app.example.com", "https://*.example.org"],
        methods: [GET, PUT, DELETE],
        allow_headers: ["content-type", "x-api-key", "x-request-id", "x-b3-traceid", "x-tenant"],
        expose_headers: ["x-total-count"],
        credentials: true,
        max_age: 600,
    }
}

fn tower_http() -> tower_http::cors::CorsLayer {
    use tower_http::cors::AllowOrigin;
    tower_http::cors::CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(|origin, _| {
            let origin = origin.as_bytes();
            origin == b"https://app.example.com"
                || origin
                    .strip_prefix(b"https://")
                    .and_then(|rest| rest.strip_suffix(b".example.org"))
                    .is_some_and(|labels| !labels.is_empty())
        }))
        .allow_methods([Method::GET, Method::PUT, Method::DELETE])
        .allow_headers(
            [
                "content-type",
                "x-api-key",
                "x-request-id",
                "x-b3-traceid",
                "x-tenant",
            ]
            .map(HeaderName::from_static),
        )
        .expose_headers([HeaderName::from_static("x-total-count")])
        .allow_credentials(true)
        .max_age(std::time::Duration::from_secs(600))
}

/// The headers ours adds to an allowed actual request of the benchmark.
fn actual_headers() -> [(HeaderName, HeaderValue); 4] {
    [
        (header::VARY, HeaderValue::from_static("Origin")),
        (
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("https://app.example.com"),
        ),
        (
            header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        ),
        (
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("x-total-count"),
        ),
    ]
}

/// The headers of ours's answer to the benchmark's preflight.
fn preflight_headers() -> [(HeaderName, HeaderValue); 6] {
    [
        (
            header::VARY,
            HeaderValue::from_static(
                "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
            ),
        ),
        (
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("https://app.example.com"),
        ),
        (
            header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        ),
        (
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, PUT, DELETE"),
        ),
        (
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static(
                "content-type, x-api-key, x-request-id, x-b3-traceid, x-tenant",
            ),
        ),
        (
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        ),
    ]
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "ours".into());
    // Port 0: the system picks a free one; the bound address is printed on stdout.
    let address = args.next().unwrap_or_else(|| "127.0.0.1:0".into());
    let app = Router::new().route("/items", get(|| async { "hello" }));
    let app = match mode.as_str() {
        "none" => app,
        "headers" => Router::new().route(
            "/items",
            get(|| async { (actual_headers(), "hello") })
                .options(|| async { (StatusCode::NO_CONTENT, preflight_headers()) }),
        ),
        "ours" => app.layer(CorsLayer::new(BenchPolicy)),
        "tower-http" => app.layer(tower_http()),
        other => {
            eprintln!("unknown mode {other:?}: none | headers | ours | tower-http");
            std::process::exit(2);
        }
    };
    // One worker thread: the load generator gets the other core.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&address).await?;
        println!("{}", listener.local_addr()?);
        eprintln!("bench_server: {mode} on http://{}", listener.local_addr()?);
        axum::serve(listener, app).await
    })
}

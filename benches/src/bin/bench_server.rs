//! An axum hello-world for the end-to-end benchmark (`scripts/bench-e2e.sh`), with no
//! CORS layer, with ours, or with tower-http's, configured alike.
//!
//! `cargo run --release -p cors-benches --bin bench_server -- ours 127.0.0.1:0`

use axum::Router;
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

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "ours".into());
    // Port 0: the system picks a free one; the bound address is printed on stdout.
    let address = args.next().unwrap_or_else(|| "127.0.0.1:0".into());
    let app = Router::new().route("/items", get(|| async { "hello" }));
    let app = match mode.as_str() {
        "none" => app,
        "ours" => app.layer(CorsLayer::new(BenchPolicy)),
        "tower-http" => app.layer(tower_http()),
        other => {
            eprintln!("unknown mode {other:?}: none | ours | tower-http");
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

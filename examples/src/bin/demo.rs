//! The browser demo: a page on one origin calls an API on another, and a table shows
//! what the browser allowed or blocked, and which rule of the API's `cors!` policy
//! decided; its playground runs the same fetches, and the visitor's own, against a
//! policy the visitor edits (see `cors_examples::demo`).
//!
//! Run it with `cargo run -p cors-examples --bin demo` and open the page it prints,
//! <http://127.0.0.1:8080/>. Three servers start on loopback:
//!
//! - `http://127.0.0.1:8080`: the page (`examples/demo/index.html`), the origin the
//!   policy allows, and the playground (`/playground`);
//! - `http://127.0.0.1:8081`: the API, an axum router behind `CorsLayer::new(DemoCors)`
//!   (and, under `/play/`, behind each playground policy);
//! - `http://127.0.0.1:8082`: "another site" (`examples/demo/other.html`), which the
//!   pages load in an iframe and ask to make requests the policy refuses.
//!
//! The ports are fixed because the policy names the page's origin, and `cors!` checks
//! its origins when the demo compiles.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};

use cors_examples::demo::{self, API_PORT, DemoCors, Listeners, OTHER_PORT, PAGE_PORT};
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> io::Result<()> {
    let listeners = Listeners {
        api: bind("API", API_PORT).await?,
        page: bind("page", PAGE_PORT).await?,
        other: bind("other site", OTHER_PORT).await?,
    };
    println!("CORS demo");
    println!("  page:       http://127.0.0.1:{PAGE_PORT}/   <- open this one");
    println!(
        "  playground: http://127.0.0.1:{PAGE_PORT}/playground   (your policy, the same fetches)"
    );
    println!("  API:        http://127.0.0.1:{API_PORT}/api/items   (policy: {DemoCors:?})");
    println!("  other site: http://127.0.0.1:{OTHER_PORT}/   (shown in an iframe on the pages)");
    println!("Press Ctrl-C to stop.");
    demo::serve(listeners).await
}

async fn bind(what: &str, port: u16) -> io::Result<TcpListener> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    TcpListener::bind(addr).await.map_err(|error| {
        io::Error::new(
            error.kind(),
            format!("cannot listen on {addr} for the {what}: {error} (is another demo running?)"),
        )
    })
}

//! Multi-tenant origins from a database, with every CORS rule kept: each customer
//! registers its front end's origin, and the server allows the registered ones.
//!
//! The tenant table lives in memory here (it stands for the database: each lookup
//! waits 5 ms, as a query would); a bounded per-origin cache sits in front of it, so a
//! busy tenant costs one query per cache lifetime and a flood of unknown origins costs
//! at most the cache's size in memory. `AsyncOrigins` asks the lookup once per request
//! (a preflight and the request after it ask the same question), after the rules: junk,
//! `null` and, with credentials, plain-`http` origins never reach the table and are
//! refused whatever it holds. A lookup that fails or takes longer than 250 ms refuses
//! (fail closed).
//!
//! Run it with `cargo run -p cors-examples --bin tenants` (port 3002, or `PORT=...`;
//! `RUST_LOG`-style output: each refusal is printed with its reason), then (each answer
//! leaves out the `date` line; `examples/check-curls.sh examples/src/bin/tenants.rs`
//! checks them against a freshly started server):
//!
//! A registered tenant's preflight gets the policy's settings and its own origin (the
//! `allow` line is axum's, as in the axum example):
//!
//! ```text
//! $ curl -si -X OPTIONS http://127.0.0.1:3002/api/items \
//!     -H 'Origin: https://acme.example' \
//!     -H 'Access-Control-Request-Method: PUT'
//! HTTP/1.1 204 No Content
//! vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers
//! access-control-allow-origin: https://acme.example
//! access-control-allow-credentials: true
//! access-control-allow-methods: PUT, DELETE
//! access-control-allow-headers: content-type, authorization
//! access-control-max-age: 600
//! allow: GET,HEAD
//! ```
//!
//! `http://legacy.example` is in the table, but this policy sends credentials and the
//! origin is plain `http` (rule O13): refused, and the server says why.
//!
//! ```text
//! $ curl -si -X OPTIONS http://127.0.0.1:3002/api/items \
//!     -H 'Origin: http://legacy.example' \
//!     -H 'Access-Control-Request-Method: PUT'
//! HTTP/1.1 403 Forbidden
//! vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers
//! allow: GET,HEAD
//! content-length: 0
//! ```
//!
//! A new tenant registers (the origin is checked by the same rules before it is
//! stored), and is allowed from the next request on:
//!
//! ```text
//! $ curl -si http://127.0.0.1:3002/api/items -H 'Origin: https://globex.example'
//! HTTP/1.1 200 OK
//! content-type: text/plain; charset=utf-8
//! vary: Origin
//! content-length: 71
//!
//! [{"id":1,"name":"apple"},{"id":2,"name":"pear"},{"id":3,"name":"plum"}]
//! $ curl -si -X POST http://127.0.0.1:3002/admin/tenants -d 'https://globex.example'
//! HTTP/1.1 201 Created
//! content-type: text/plain; charset=utf-8
//! vary: Origin
//! content-length: 39
//!
//! registered https://globex.example as 3
//! $ curl -si http://127.0.0.1:3002/api/items -H 'Origin: https://globex.example'
//! HTTP/1.1 200 OK
//! content-type: text/plain; charset=utf-8
//! vary: Origin
//! access-control-allow-origin: https://globex.example
//! access-control-allow-credentials: true
//! content-length: 71
//!
//! [{"id":1,"name":"apple"},{"id":2,"name":"pear"},{"id":3,"name":"plum"}]
//! $ curl -si -X POST http://127.0.0.1:3002/admin/tenants -d 'https://initech.example/'
//! HTTP/1.1 422 Unprocessable Entity
//! content-type: text/plain; charset=utf-8
//! vary: Origin
//! content-length: 87
//!
//! not a serialized origin, rule O4: an origin is `scheme://host[:port]` and nothing else
//! ```

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use cors_examples::{ITEMS_JSON, listen_addr};
use cors_runtime::engine::OriginRules;
use cors_runtime::tower::DynamicCorsLayer;
use cors_runtime::{AsyncOrigins, cors};

/// The tenant table: registered origin → tenant id. A database in a real deployment.
#[derive(Debug, Default)]
struct Tenants {
    rows: RwLock<HashMap<String, u32>>,
}

impl Tenants {
    /// The tenant whose front end is `origin`, as a query would answer (after 5 ms).
    async fn find(&self, origin: &str) -> Result<Option<u32>, String> {
        tokio::time::sleep(Duration::from_millis(5)).await;
        let rows = self.rows.read().map_err(|_| "tenant table poisoned")?;
        Ok(rows.get(origin).copied())
    }

    fn register(&self, origin: String) -> u32 {
        let mut rows = self
            .rows
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let id = rows.len() as u32 + 1;
        *rows.entry(origin).or_insert(id)
    }
}

/// At most this many origins are remembered; the least recently useful go first.
const CACHE_CAPACITY: usize = 10_000;

/// The per-origin verdicts, in front of the table. Unknown origins are cached too (a
/// flood of random origins hits the table once each, then the cache, whose size is
/// bounded); a failed lookup is not cached.
type Verdicts = quick_cache::sync::Cache<String, bool>;

#[derive(Clone)]
struct App {
    tenants: Arc<Tenants>,
    verdicts: Arc<Verdicts>,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let app = App {
        tenants: Arc::new(Tenants::default()),
        verdicts: Arc::new(Verdicts::new(CACHE_CAPACITY)),
    };
    app.tenants.register("https://acme.example".to_owned());
    app.tenants.register("http://legacy.example".to_owned());

    // The policy's settings are checked when this file compiles; its origin is the one
    // used in development, and the tenant table replaces it.
    let policy = cors! {
        origin: "http://localhost:5173",
        methods: [PUT, DELETE],
        allow_headers: ["content-type", "authorization"],
        credentials: true,
        max_age: 600,
    };
    let lookup = {
        let app = app.clone();
        move |origin: String| {
            let app = app.clone();
            async move {
                // Concurrent requests from one origin wait for one query.
                let query = app.tenants.find(&origin);
                app.verdicts
                    .get_or_insert_async(&origin, async { Ok::<_, String>(query.await?.is_some()) })
                    .await
            }
        }
    };
    let origins = AsyncOrigins::new(policy, lookup).timeout(Duration::from_millis(250));

    let router = Router::new()
        .route("/api/items", get(|| async { ITEMS_JSON }))
        .route("/admin/tenants", post(register))
        .with_state(app)
        .layer(DynamicCorsLayer::new(origins));

    let subscriber = Printer;
    tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
    let addr = listen_addr(3002)?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("tenants example listening on http://{addr}");
    axum::serve(listener, router).await
}

/// Registers the origin in the body, checked by the rules a policy's origins pass; the
/// cached verdict is dropped so that the next request sees the new row.
async fn register(State(app): State<App>, origin: String) -> (StatusCode, String) {
    if let Err(rule) = OriginRules::DEFAULT.check(origin.as_bytes()) {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "not a serialized origin, rule {}: {}\n",
                rule.id(),
                rule.summary()
            ),
        );
    }
    app.verdicts.remove(&origin);
    let id = app.tenants.register(origin.clone());
    (
        StatusCode::CREATED,
        format!("registered {origin} as {id}\n"),
    )
}

/// Prints each `tracing` event's message and fields on one line (what
/// `tracing-subscriber`'s `fmt` would do, without the dependency).
struct Printer;

impl tracing::Subscriber for Printer {
    fn enabled(&self, metadata: &tracing::Metadata<'_>) -> bool {
        metadata.target().starts_with("cors_runtime")
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        struct Line(String);
        impl tracing::field::Visit for Line {
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                use std::fmt::Write as _;
                if field.name() == "message" {
                    let _ = write!(self.0, "{value:?}");
                } else {
                    let _ = write!(self.0, " {}={value:?}", field.name());
                }
            }
        }
        let mut line = Line(String::new());
        event.record(&mut line);
        eprintln!("{}", line.0);
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

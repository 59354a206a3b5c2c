//! A policy read from a TOML file and re-read on `SIGHUP`, without a restart.
//!
//! Run it with `cargo run -p cors-examples --bin reload` (port 3003, or `PORT=...`). It
//! reads `cors-policy.toml` in the current directory (or the file named by
//! `CORS_POLICY_FILE`), writing the default below there first if there is none:
//!
//! ```toml
//! origin = ["https://app.example.com"]
//! methods = ["PUT"]
//! max_age = 600
//! ```
//!
//! Edit the file, then `kill -HUP <pid>` (the pid is printed at start-up). The new
//! policy is checked by the rules of `cors!` first: an invalid file is reported, with
//! every problem placed at its key (`origin[1]`, `max_age`), and the running policy
//! stays. A valid one serves the next request; requests already running finish under
//! the policy they started with.
//!
//! ```text
//! $ curl -si -X OPTIONS http://127.0.0.1:3003/api/items \
//!     -H 'Origin: https://app.example.com' \
//!     -H 'Access-Control-Request-Method: PUT'
//! HTTP/1.1 204 No Content
//! vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers
//! access-control-allow-origin: https://app.example.com
//! access-control-allow-methods: PUT
//! access-control-max-age: 600
//! allow: GET,HEAD
//! ```
//!
//! After adding `"https://beta.example.com/"` to `origin` and `kill -HUP`, the server
//! prints this and keeps the running policy; once the slash is removed, the next
//! `kill -HUP` prints `policy file cors-policy.toml reloaded` and the new origin is
//! allowed:
//!
//! ```console
//! policy file cors-policy.toml rejected, the running policy stays: invalid CORS policy (1 error)
//! origin[1]: origin `https://beta.example.com/` ends with a slash; an origin has no path, and browsers never send one [O4]
//!   = help: write `https://beta.example.com`
//! ```

use std::path::PathBuf;

use axum::Router;
use axum::routing::get;
use cors_examples::{ITEMS_JSON, listen_addr};
use cors_runtime::tower::DynamicCorsLayer;
use cors_runtime::{PolicyBuilder, PolicyError, ReloadablePolicy};

const DEFAULT_POLICY: &str = r#"origin = ["https://app.example.com"]
methods = ["PUT"]
max_age = 600
"#;

/// Why a policy file was not used.
#[derive(Debug)]
enum Problem {
    Read(std::io::Error),
    Toml(toml::de::Error),
    Policy(PolicyError),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Read(error) => write!(f, "cannot read it: {error}"),
            Problem::Toml(error) => write!(f, "not TOML: {error}"),
            Problem::Policy(error) => write!(f, "{error}"),
        }
    }
}

/// The file's policy keys, unchecked (the builder's `Deserialize`).
fn read(path: &PathBuf) -> Result<PolicyBuilder, Problem> {
    let text = std::fs::read_to_string(path).map_err(Problem::Read)?;
    toml::from_str(&text).map_err(Problem::Toml)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let path = PathBuf::from(
        std::env::var_os("CORS_POLICY_FILE").unwrap_or_else(|| "cors-policy.toml".into()),
    );
    if !path.exists() {
        std::fs::write(&path, DEFAULT_POLICY)?;
    }
    // At start-up an invalid file stops the server, as any configuration error should.
    let policy = read(&path)
        .and_then(|builder| builder.build().map_err(Problem::Policy))
        .map_err(|problem| {
            std::io::Error::other(format!("policy file {}: {problem}", path.display()))
        })?;
    let handle = ReloadablePolicy::new(policy);

    let mut hangups = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())?;
    let reloader = handle.clone();
    let reload_path = path.clone();
    tokio::spawn(async move {
        while hangups.recv().await.is_some() {
            let outcome = read(&reload_path)
                .and_then(|builder| reloader.replace_with(builder).map_err(Problem::Policy));
            match outcome {
                Ok(()) => println!("policy file {} reloaded", reload_path.display()),
                Err(problem) => eprintln!(
                    "policy file {} rejected, the running policy stays: {problem}",
                    reload_path.display()
                ),
            }
        }
    });

    let router = Router::new()
        .route("/api/items", get(|| async { ITEMS_JSON }))
        .layer(DynamicCorsLayer::new(handle));
    let addr = listen_addr(3003)?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!(
        "reload example listening on http://{addr}, policy {}; `kill -HUP {}` re-reads it",
        path.display(),
        std::process::id()
    );
    axum::serve(listener, router).await
}

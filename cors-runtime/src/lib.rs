//! Compile-time checked CORS policies with zero-cost matchers, for axum / any tower
//! stack, actix-web and hyper 1.x.
//!
//! Declare a policy with [`cors!`]: every mistake the CORS protocol can reveal from its
//! literals (a trailing slash, `*` with credentials, a forbidden header…) is a compile
//! error on the offending token, with the fix, all at once. The result is a zero-sized
//! value implementing [`CorsPolicy`] that decides a request without allocating; an
//! adapter applies it, with the same behaviour in every framework.
//!
//! # Adapters
//!
//! Each example runs: it builds a server's service and sends it a preflight.
//!
//! **axum**, or any tower stack (feature `axum` or `tower`): [`tower::CorsLayer`].
//!
//! ```
//! # #[cfg(feature = "axum")] {
//! use axum::{Router, body::Body, http::Request, routing::put};
//! use cors_runtime::{cors, tower::CorsLayer};
//! use tower::ServiceExt; // `oneshot`, to call the router here; `axum::serve` in a server
//!
//! let policy = cors! {
//!     origin: ["https://app.example.com", "https://*.example.org"],
//!     methods: [PUT, DELETE],
//!     allow_headers: ["content-type"],
//!     credentials: true,
//! };
//! // `Router::layer` (not `route_layer`): every route and the fallbacks get it.
//! let app: Router = Router::new()
//!     .route("/items/{id}", put(|| async { "stored" }))
//!     .layer(CorsLayer::new(policy));
//!
//! let preflight = Request::options("/items/7")
//!     .header("origin", "https://eu.example.org")
//!     .header("access-control-request-method", "PUT")
//!     .body(Body::empty())?;
//! let response = tokio::runtime::Runtime::new()?.block_on(app.oneshot(preflight))?;
//! assert_eq!(response.status(), 204);
//! assert_eq!(response.headers()["access-control-allow-origin"], "https://eu.example.org");
//! assert_eq!(response.headers()["access-control-allow-methods"], "PUT, DELETE");
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **actix-web** (feature `actix-web`): [`actix::Cors`], for `App::wrap` and
//! `Scope::wrap`.
//!
//! ```
//! # #[cfg(feature = "actix-web")] {
//! use actix_web::{App, test, web};
//! use cors_runtime::{actix::Cors, cors};
//!
//! cors! {
//!     pub struct ApiCors {
//!         origin: "https://app.example.com",
//!         methods: [PUT, DELETE],
//!         allow_headers: ["content-type"],
//!     }
//! }
//!
//! actix_web::rt::System::new().block_on(async {
//!     // Built once, outside the `HttpServer::new` closure: every worker shares it.
//!     let cors = Cors::new(ApiCors);
//!     let app = test::init_service(
//!         App::new().wrap(cors.clone()).route("/items/{id}", web::put().to(|| async { "stored" })),
//!     )
//!     .await;
//!     let preflight = test::TestRequest::default()
//!         .method(actix_web::http::Method::OPTIONS)
//!         .uri("/items/7")
//!         .insert_header(("origin", "https://app.example.com"))
//!         .insert_header(("access-control-request-method", "DELETE"))
//!         .to_request();
//!     let response = test::call_service(&app, preflight).await;
//!     assert_eq!(response.status(), 204);
//!     let allowed = response.headers().get("access-control-allow-origin");
//!     assert_eq!(allowed.and_then(|value| value.to_str().ok()), Some("https://app.example.com"));
//! });
//! # }
//! ```
//!
//! **hyper 1.x**, with no tower in between (feature `hyper`): [`hyper::Cors`] wraps a
//! hyper service.
//!
//! ```
//! # #[cfg(feature = "hyper")] {
//! use std::convert::Infallible;
//!
//! use bytes::Bytes;
//! use cors_runtime::{cors, hyper::Cors};
//! use http_body_util::Full;
//! use hyper::service::{Service, service_fn};
//! use hyper::{Request, Response};
//!
//! async fn handle<B>(_: Request<B>) -> Result<Response<Full<Bytes>>, Infallible> {
//!     Ok(Response::new(Full::from("[]")))
//! }
//!
//! let policy = cors! { origin: ["https://*.example.com", "http://localhost:*"], methods: [PUT] };
//! // In a server: `http1::Builder::new().serve_connection(io, service.clone())` per connection.
//! let service = Cors::new(policy, service_fn(handle));
//!
//! let preflight = Request::options("/items")
//!     .header("origin", "http://localhost:5173")
//!     .header("access-control-request-method", "PUT")
//!     .body(Full::<Bytes>::default())?;
//! let response = tokio::runtime::Runtime::new()?.block_on(service.call(preflight))?;
//! assert_eq!(response.status(), 204);
//! assert_eq!(response.headers()["access-control-allow-origin"], "http://localhost:5173");
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Any other framework: [`engine`] has the sans-IO engine the adapters are made of, and a
//! guide to writing an adapter over [`engine::decide`].
//!
//! # Policies from configuration
//!
//! Runtime policies get the same checks, at start-up instead, from the same code and
//! with the compile errors' words:
//! - [`Policy::builder`] builds a [`Policy`] from code, and with feature `serde` a
//!   `Policy` deserializes from TOML, JSON, YAML…; a [`PolicyError`] lists every problem
//!   with the place of the value (`origin[1]`, `max_age`).
//! - [`PolicyBuilder::origins_from_env`] reads a comma-separated origin list from an
//!   environment variable.
//! - [`WithOrigins`] keeps a `cors!` policy's checked settings and takes its origins
//!   from configuration.
//!
//! ```
//! use cors_runtime::{Policy, Rule};
//!
//! let policy = Policy::builder()
//!     .origins(["https://app.example.com"])
//!     .methods(["PUT"])
//!     .build()?;
//! // It prints itself in the policy language, as `cors!` types do.
//! assert_eq!(format!("{policy:?}"), r#"Policy { origin: ["https://app.example.com"], methods: [PUT] }"#);
//!
//! let error = Policy::builder().origin("https://app.example.com/").build().unwrap_err();
//! assert!(error.breaks(Rule::O4));
//! assert_eq!(
//!     error.to_string(),
//!     "invalid CORS policy (1 error)\n\
//!      origin[0]: origin `https://app.example.com/` ends with a slash; an origin has no path, \
//!      and browsers never send one [O4]\n  = help: write `https://app.example.com`"
//! );
//! # Ok::<(), cors_runtime::PolicyError>(())
//! ```
//!
//! # Why was a request refused?
//!
//! [`Probe`] asks any policy what it answers to a request, and why, with no server. With
//! feature `tracing`, every refused preflight, disallowed origin and
//! cross-origin-protection refusal is a `debug!` event naming the reason.
//!
//! ```
//! use cors_runtime::{Probe, cors};
//!
//! let policy = cors! { origin: "https://app.example.com", methods: [PUT] };
//! let answer = Probe::preflight("https://app.example.com", "DELETE").explain(&policy);
//! assert_eq!(answer.status(), Some(403));
//! assert_eq!(answer.reason(), "method `DELETE` is not allowed");
//! ```
//!
//! [`engine`]: crate::engine
// The adapters' links, which resolve only when their features are on (docs.rs turns
// them all on); without them they point at the examples above.
#![cfg_attr(
    feature = "tower",
    doc = "[`tower::CorsLayer`]: crate::tower::CorsLayer"
)]
#![cfg_attr(not(feature = "tower"), doc = "[`tower::CorsLayer`]: #adapters")]
#![cfg_attr(feature = "actix-web", doc = "[`actix::Cors`]: crate::actix::Cors")]
#![cfg_attr(not(feature = "actix-web"), doc = "[`actix::Cors`]: #adapters")]
#![cfg_attr(feature = "hyper", doc = "[`hyper::Cors`]: crate::hyper::Cors")]
#![cfg_attr(not(feature = "hyper"), doc = "[`hyper::Cors`]: #adapters")]
#![deny(missing_docs)]
// docs.rs (`--cfg docsrs`, nightly): "Available on crate feature …" on gated items.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use cors_policy_core::{CorsPolicy, Rule};

mod async_origins;
mod builder;
mod dynamic_origins;
pub mod engine;
mod error;
mod explain;
mod list;
mod location;
mod policy;
mod with_origins;

#[cfg(feature = "serde")]
mod config;

pub use async_origins::{AsyncOrigins, OriginLookup};
pub use builder::PolicyBuilder;
pub use dynamic_origins::DynamicOrigins;
pub use error::PolicyError;
pub use explain::{Explanation, Probe};
pub use location::Location;
pub use policy::Policy;
pub use with_origins::{OriginList, WithOrigins};

#[cfg(any(feature = "tower", feature = "hyper", feature = "actix-web"))]
mod adapter;
#[cfg(any(feature = "tower", feature = "hyper", feature = "actix-web"))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "tower", feature = "hyper", feature = "actix-web")))
)]
pub use adapter::InvalidPolicy;

#[cfg(any(feature = "tower", feature = "hyper"))]
mod tower_hyper;

#[cfg(any(feature = "tower", feature = "hyper", feature = "actix-web"))]
mod dynamic;
#[cfg(any(feature = "tower", feature = "hyper", feature = "actix-web"))]
pub use dynamic::DynamicPolicy;
#[cfg(feature = "actix-web")]
mod actix_dynamic;
#[cfg(any(feature = "tower", feature = "hyper"))]
mod dynamic_http;
#[cfg(feature = "hyper")]
mod hyper_dynamic;
#[cfg(feature = "tower")]
mod tower_dynamic;

#[cfg(all(
    feature = "reload",
    any(feature = "tower", feature = "hyper", feature = "actix-web")
))]
mod reload;
#[cfg(all(
    feature = "reload",
    any(feature = "tower", feature = "hyper", feature = "actix-web")
))]
#[cfg_attr(
    docsrs,
    doc(cfg(all(
        feature = "reload",
        any(feature = "tower", feature = "hyper", feature = "actix-web")
    )))
)]
pub use reload::ReloadablePolicy;

#[cfg(all(
    feature = "tracing",
    any(feature = "tower", feature = "hyper", feature = "actix-web")
))]
mod trace;

#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub mod tower;

#[cfg(feature = "hyper")]
#[cfg_attr(docsrs, doc(cfg(feature = "hyper")))]
pub mod hyper;

#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub mod actix;

#[doc = include_str!("cors_macro.md")]
#[macro_export]
macro_rules! cors {
    // `$crate` is this crate whatever the user's crate calls it (a renamed dependency,
    // a re-export): the compiler builds every path of the expansion from it.
    ($($policy:tt)*) => {
        $crate::__private::__cors! { $crate; $($policy)* }
    };
}

/// Items the `cors!` expansion refers to. Not a public API: no semver guarantee.
///
/// The expansion names nothing else (no prelude item, no `::core`), so that it compiles
/// in any edition and under `#![no_implicit_prelude]`.
#[doc(hidden)]
pub mod __private {
    pub use core::clone::Clone;
    pub use core::cmp::{Eq, PartialEq};
    /// The policy's errors: `::core::compile_error!` does not resolve in edition 2015.
    pub use core::compile_error;
    pub use core::default::Default;
    pub use core::fmt;
    pub use core::hash::Hash;
    pub use core::marker::Copy;
    pub use core::option::Option;
    /// `u8`, `bool` by path: a user's `struct u8` shadows the bare names.
    pub use core::primitive;
    pub use cors_macro::__cors;
    pub use cors_policy_core::syntax::is_token;
    pub use cors_policy_core::{CorsPolicy, HostPattern, OriginPattern, PortPattern, Settings};
}

//! The tower adapter: a [`Layer`] for axum's `Router::layer` and any tower stack.
//!
//! [`CorsLayer`] wraps a service of `http::Request<B>` to `http::Response<ResBody>` whose
//! body is `Default` (the layer's own preflight and refusal answers are empty). It runs
//! the [`decide`](crate::engine::decide) engine on each request: preflights are answered without
//! reaching the inner service (unless the policy passes them on), any other request
//! reaches it and its response gets the CORS headers and `Vary`, whatever its status.
//! The inner service's error type is kept.
//!
//! # Errors become responses inside the layer
//!
//! An inner service's `Err` (a timeout, load shedding) is not a response: the layer has
//! nothing to add headers to, and a response made of it outside the layer has no CORS
//! headers and no `Vary`, so the page cannot read it. Turn errors into responses below
//! the CORS layer:
//!
//! ```
//! use axum::error_handling::HandleErrorLayer;
//! use axum::http::StatusCode;
//! use cors_runtime::{cors, tower::CorsLayer};
//! use http::{Request, Response};
//! use tower::{BoxError, ServiceBuilder, ServiceExt, service_fn};
//!
//! let service = ServiceBuilder::new()
//!     .layer(CorsLayer::new(cors! { origin: "https://app.example.com" }))
//!     .layer(HandleErrorLayer::new(|_: BoxError| async { StatusCode::SERVICE_UNAVAILABLE }))
//!     .service(service_fn(|_: Request<axum::body::Body>| async {
//!         Err::<Response<axum::body::Body>, BoxError>("overloaded".into())
//!     }));
//! let request = Request::get("/items").header("origin", "https://app.example.com").body(axum::body::Body::empty())?;
//! let response = tokio::runtime::Runtime::new()?.block_on(service.oneshot(request))?;
//! assert_eq!(response.status(), 503);
//! assert_eq!(response.headers()["access-control-allow-origin"], "https://app.example.com");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Example
//!
//! Any tower service of `http` requests, here a `service_fn` behind a `ServiceBuilder`
//! (with axum, `Router::layer(CorsLayer::new(policy))`):
//!
//! ```
//! use std::convert::Infallible;
//!
//! use cors_runtime::{cors, tower::CorsLayer};
//! use http::{Request, Response};
//! use tower::{ServiceBuilder, ServiceExt, service_fn};
//!
//! let service = ServiceBuilder::new()
//!     .layer(CorsLayer::new(cors! { origin: "https://app.example.com", expose_headers: ["x-total-count"] }))
//!     .service(service_fn(|_: Request<String>| async {
//!         Ok::<_, Infallible>(Response::builder().header("x-total-count", "3").body(String::from("[]")).unwrap())
//!     }));
//! let request = Request::get("/items").header("origin", "https://app.example.com").body(String::new())?;
//! let response = tokio::runtime::Runtime::new()?.block_on(service.oneshot(request))?;
//! assert_eq!(response.headers()["access-control-allow-origin"], "https://app.example.com");
//! assert_eq!(response.headers()["access-control-expose-headers"], "x-total-count");
//! assert_eq!(response.headers()["vary"], "Origin");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;
use core::task::{Context, Poll};

use http::{Request, Response};
use tower_layer::Layer;
use tower_service::Service;

use crate::tower_hyper::{self, HttpState};
use crate::{CorsPolicy, InvalidPolicy};

pub use crate::dynamic_http::DynamicResponseFuture;
pub use crate::tower_dynamic::{DynamicCorsLayer, DynamicCorsService};
pub use crate::tower_hyper::ResponseFuture;

/// A tower [`Layer`] applying a CORS policy.
///
/// Cloning it is cheap: the policy's header values are built once, by
/// [`CorsLayer::new`], and shared by every service and request (for a `cors!` policy
/// a clone copies a pointer; for a runtime-built one it bumps a reference count).
///
/// # One type for development and production
///
/// Each `cors!` policy is its own type; box them to pick one at start-up.
/// `Box<dyn CorsPolicy>`, `Arc<dyn CorsPolicy>` and `&'static dyn CorsPolicy` are
/// policies: still no allocation per request, and no reference count touched for a boxed
/// `cors!` policy (its response headers are built once per program, as a bare one's are;
/// a runtime-built policy's are shared through one reference count, bumped once per
/// forwarded request).
///
/// ```
/// use axum::{Router, routing::get};
/// use cors_runtime::{CorsPolicy, cors, tower::CorsLayer};
///
/// let dev = std::env::var_os("DEV").is_some();
/// let policy: Box<dyn CorsPolicy> = if dev {
///     Box::new(cors! { origin: "http://localhost:*" })
/// } else {
///     Box::new(cors! { origin: "https://app.example.com", credentials: true })
/// };
/// let app: Router = Router::new()
///     .route("/items", get(|| async { "[]" }))
///     .layer(CorsLayer::new(policy));
/// # let _ = app;
/// ```
///
/// For a policy replaced while the server runs, or origins from an asynchronous lookup,
/// see [`DynamicCorsLayer`].
pub struct CorsLayer<P: 'static> {
    state: HttpState<P>,
}

impl<P: CorsPolicy> CorsLayer<P> {
    /// A layer applying `policy`.
    ///
    /// # Panics
    ///
    /// When a value of the policy's [`Settings`](crate::engine::Settings) is not a valid header
    /// value or its preflight status is not in 200..=299. `cors!` policies are checked at
    /// compile time and never panic here; a hand-written policy panics at start-up, never
    /// per request.
    ///
    /// # Example
    ///
    /// ```
    /// use axum::{Router, routing::put};
    /// use cors_runtime::tower::CorsLayer;
    ///
    /// cors_runtime::cors! {
    ///     struct AppPolicy {
    ///         origin: "https://app.example.com",
    ///         methods: [PUT],
    ///         allow_headers: ["content-type"],
    ///     }
    /// }
    ///
    /// let app: Router = Router::new()
    ///     .route("/items", put(|| async { "stored" }))
    ///     .layer(CorsLayer::new(AppPolicy));
    /// # let _ = app;
    /// ```
    pub fn new(policy: P) -> Self {
        CorsLayer {
            state: HttpState::new(policy),
        }
    }

    /// A layer applying `policy`, or why its settings cannot be sent (only a
    /// hand-written policy can fail; see [`InvalidPolicy`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cors_runtime::engine::Settings;
    /// use cors_runtime::{CorsPolicy, cors, tower::CorsLayer};
    ///
    /// struct Broken;
    /// impl CorsPolicy for Broken {
    ///     fn allows_origin(&self, _: &[u8]) -> bool { false }
    ///     fn allows_method(&self, _: &[u8]) -> bool { false }
    ///     fn allows_request_header(&self, _: &[u8]) -> bool { false }
    ///     fn settings(&self) -> Settings<'_> {
    ///         Settings { allow_methods: Some("PUT\r\nX-Injected: 1"), ..Settings::DEFAULT }
    ///     }
    /// }
    ///
    /// assert!(CorsLayer::try_new(cors! { origin: "https://app.example.com" }).is_ok());
    /// assert!(CorsLayer::try_new(Broken).is_err());
    /// ```
    pub fn try_new(policy: P) -> Result<Self, InvalidPolicy> {
        Ok(CorsLayer {
            state: HttpState::try_new(policy)?,
        })
    }
}

impl<P: 'static> Clone for CorsLayer<P> {
    fn clone(&self) -> Self {
        CorsLayer {
            state: self.state.clone(),
        }
    }
}

impl<P: CorsPolicy> fmt::Debug for CorsLayer<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CorsLayer").field(&*self.state).finish()
    }
}

impl<S, P: 'static> Layer<S> for CorsLayer<P> {
    type Service = CorsService<S, P>;

    fn layer(&self, inner: S) -> CorsService<S, P> {
        CorsService {
            inner,
            state: self.state.clone(),
        }
    }
}

/// The service made by [`CorsLayer`]: `S` with a CORS policy applied.
///
/// It is what `Layer::layer` returns; a tower stack builds it for you. It answers
/// preflights itself and passes every other request to `S`, keeping `S`'s error type.
///
/// # Example
///
/// ```
/// use std::convert::Infallible;
///
/// use cors_runtime::{cors, tower::{CorsLayer, CorsService}};
/// use http::{Request, Response};
/// use tower::{Layer, Service, ServiceExt, service_fn};
///
/// let policy = cors! { origin: "https://app.example.com", methods: [DELETE] };
/// let handler = service_fn(|_: Request<String>| async { Ok::<_, Infallible>(Response::new(String::from("deleted"))) });
/// let mut service: CorsService<_, _> = CorsLayer::new(policy).layer(handler);
///
/// let preflight = Request::options("/items/7")
///     .header("origin", "https://app.example.com")
///     .header("access-control-request-method", "DELETE")
///     .body(String::new())?;
/// let response = tokio::runtime::Runtime::new()?
///     .block_on(async { service.ready().await?.call(preflight).await })?;
/// assert_eq!(response.status(), 204);
/// assert_eq!(response.body(), ""); // answered by the layer: the handler did not run
/// assert_eq!(response.headers()["access-control-allow-methods"], "DELETE");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct CorsService<S, P: 'static> {
    inner: S,
    state: HttpState<P>,
}

impl<S: Clone, P: 'static> Clone for CorsService<S, P> {
    fn clone(&self) -> Self {
        CorsService {
            inner: self.inner.clone(),
            state: self.state.clone(),
        }
    }
}

impl<S: fmt::Debug, P: CorsPolicy> fmt::Debug for CorsService<S, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CorsService")
            .field("inner", &self.inner)
            .field("state", &*self.state)
            .finish()
    }
}

impl<S, P, ReqBody, ResBody> Service<Request<ReqBody>> for CorsService<S, P>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    P: CorsPolicy,
    ResBody: Default,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, ResBody>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    #[inline(always)]
    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        let inner = &mut self.inner;
        tower_hyper::call(&self.state, request, |request| inner.call(request))
    }
}

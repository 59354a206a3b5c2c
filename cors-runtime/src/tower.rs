//! The tower adapter: a [`Layer`] for axum's `Router::layer` and any tower stack.
//!
//! [`CorsLayer`] wraps a service of `http::Request<B>` to `http::Response<ResBody>` whose
//! body is `Default` (the layer's own preflight and refusal answers are empty). It runs
//! the [`decide`](crate::decide) engine on each request: preflights are answered without
//! reaching the inner service (unless the policy passes them on), any other request
//! reaches it and its response gets the CORS headers and `Vary`, whatever its status.
//! The inner service's error type is kept.

use core::fmt;
use core::task::{Context, Poll};
use std::sync::Arc;

use http::{Request, Response};
use tower_layer::Layer;
use tower_service::Service;

use crate::http1::{self, HttpRuntime};
use crate::{CorsPolicy, InvalidPolicy};

pub use crate::dynamic_http::DynamicResponseFuture;
pub use crate::http1::ResponseFuture;
pub use crate::tower_dynamic::{DynamicCorsLayer, DynamicCorsService};

/// A tower [`Layer`] applying a CORS policy.
///
/// Cloning it is cheap (a reference count): the policy's header values are built once,
/// by [`CorsLayer::new`], and shared by every service and request.
///
/// # One type for development and production
///
/// Each `cors!` policy is its own type; box them to pick one at start-up.
/// `Box<dyn CorsPolicy>`, `Arc<dyn CorsPolicy>` and `&'static dyn CorsPolicy` are
/// policies: still no allocation and no reference-count bump per request.
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
pub struct CorsLayer<P> {
    runtime: Arc<HttpRuntime<P>>,
}

impl<P: CorsPolicy> CorsLayer<P> {
    /// A layer applying `policy`.
    ///
    /// # Panics
    ///
    /// When a value of the policy's [`Settings`](crate::Settings) is not a valid header
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
            runtime: Arc::new(HttpRuntime::new(policy)),
        }
    }

    /// A layer applying `policy`, or why its settings cannot be sent (only a
    /// hand-written policy can fail; see [`InvalidPolicy`]).
    pub fn try_new(policy: P) -> Result<Self, InvalidPolicy> {
        Ok(CorsLayer {
            runtime: Arc::new(HttpRuntime::try_new(policy)?),
        })
    }
}

impl<P> Clone for CorsLayer<P> {
    fn clone(&self) -> Self {
        CorsLayer {
            runtime: Arc::clone(&self.runtime),
        }
    }
}

impl<P: CorsPolicy> fmt::Debug for CorsLayer<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CorsLayer").field(&self.runtime).finish()
    }
}

impl<S, P> Layer<S> for CorsLayer<P> {
    type Service = CorsService<S, P>;

    fn layer(&self, inner: S) -> CorsService<S, P> {
        CorsService {
            inner,
            runtime: Arc::clone(&self.runtime),
        }
    }
}

/// The service made by [`CorsLayer`]: `S` with a CORS policy applied.
pub struct CorsService<S, P> {
    inner: S,
    runtime: Arc<HttpRuntime<P>>,
}

impl<S: Clone, P> Clone for CorsService<S, P> {
    fn clone(&self) -> Self {
        CorsService {
            inner: self.inner.clone(),
            runtime: Arc::clone(&self.runtime),
        }
    }
}

impl<S: fmt::Debug, P: CorsPolicy> fmt::Debug for CorsService<S, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CorsService")
            .field("inner", &self.inner)
            .field("runtime", &self.runtime)
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

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        let inner = &mut self.inner;
        http1::call(&self.runtime, request, |request| inner.call(request))
    }
}

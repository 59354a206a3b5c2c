//! The tower adapter's dynamic layer: [`DynamicCorsLayer`] serves a
//! [`DynamicPolicy`](crate::DynamicPolicy) (a reloadable policy, or origins from an
//! asynchronous lookup).

use core::fmt;
use core::task::{Context, Poll};

use http::{Request, Response};
use tower_layer::Layer;
use tower_service::Service;

use crate::DynamicPolicy;
use crate::dynamic::Begin;
use crate::dynamic_http::{self, DynamicResponseFuture};

/// A tower [`Layer`] serving a [`DynamicPolicy`]: a
/// [`ReloadablePolicy`] or [`AsyncOrigins`](crate::AsyncOrigins).
/// Behaviour is [`CorsLayer`](crate::tower::CorsLayer)'s; only where the policy and the
/// origin's verdict come from differs.
///
/// The inner service must be `Clone` (as axum's are): a request that waits for an
/// origin lookup takes the readied service with it and leaves a clone behind, as
/// tower-http's async layers do. Requests that need no lookup call the service directly.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "reload")] {
/// use axum::{Router, routing::put};
/// use cors_runtime::{Policy, ReloadablePolicy, tower::DynamicCorsLayer};
///
/// let policy = ReloadablePolicy::new(Policy::builder().origin("https://app.example.com").build()?);
/// let app: Router = Router::new()
///     .route("/items", put(|| async { "stored" }))
///     .layer(DynamicCorsLayer::new(policy.clone()));
/// // Later, e.g. on SIGHUP: `policy.replace_with(builder)?`.
/// # let _ = app;
/// # }
/// # Ok::<(), cors_runtime::PolicyError>(())
/// ```
///
#[cfg_attr(
    feature = "reload",
    doc = "[`ReloadablePolicy`]: crate::ReloadablePolicy"
)]
#[cfg_attr(
    not(feature = "reload"),
    doc = "[`ReloadablePolicy`]: crate::DynamicPolicy"
)]
#[derive(Clone, Debug)]
pub struct DynamicCorsLayer {
    policy: DynamicPolicy,
}

impl DynamicCorsLayer {
    /// A layer serving `policy`: a `ReloadablePolicy` (the
    /// type's example), or origins from an [`AsyncOrigins`](crate::AsyncOrigins) lookup:
    ///
    /// ```
    /// use axum::{Router, routing::put};
    /// use cors_runtime::{AsyncOrigins, cors, tower::DynamicCorsLayer};
    ///
    /// let tenants = AsyncOrigins::new(
    ///     cors! { origin: "https://app.example.com", methods: [PUT] },
    ///     |origin: String| async move {
    ///         // A real lookup asks a (cached) tenant table: `examples/src/bin/tenants.rs`.
    ///         Ok::<_, std::convert::Infallible>(origin.ends_with(".tenants.example"))
    ///     },
    /// );
    /// let app: Router = Router::new()
    ///     .route("/items", put(|| async { "stored" }))
    ///     .layer(DynamicCorsLayer::new(tenants));
    /// # let _ = app;
    /// ```
    ///
    /// # Panics
    ///
    /// See [`DynamicPolicy`]'s `From` impls: only a hand-written policy whose settings
    /// cannot be sent panics, at start-up.
    pub fn new(policy: impl Into<DynamicPolicy>) -> Self {
        DynamicCorsLayer {
            policy: policy.into(),
        }
    }
}

impl<S> Layer<S> for DynamicCorsLayer {
    type Service = DynamicCorsService<S>;

    fn layer(&self, inner: S) -> DynamicCorsService<S> {
        DynamicCorsService {
            inner,
            policy: self.policy.clone(),
        }
    }
}

/// The service made by [`DynamicCorsLayer`].
///
/// It is what `Layer::layer` returns; a tower stack builds it for you. Its
/// [`call`](Service::call) returns a [`DynamicResponseFuture`].
///
/// # Example
///
/// ```
/// use std::convert::Infallible;
///
/// use cors_runtime::{AsyncOrigins, cors, tower::{DynamicCorsLayer, DynamicCorsService}};
/// use http::{Request, Response};
/// use tower::{Layer, Service, ServiceExt, service_fn};
///
/// let tenants = AsyncOrigins::new(cors! { origin: "https://app.example.com", methods: [DELETE] }, |origin: String| async move {
///     Ok::<_, Infallible>(origin == "https://acme.tenants.example")
/// });
/// let handler = service_fn(|_: Request<String>| async { Ok::<_, Infallible>(Response::new(String::new())) });
/// let mut service: DynamicCorsService<_> = DynamicCorsLayer::new(tenants).layer(handler);
/// let preflight = Request::options("/items/7")
///     .header("origin", "https://evil.example")
///     .header("access-control-request-method", "DELETE")
///     .body(String::new())?;
/// let response = tokio::runtime::Runtime::new()?
///     .block_on(async { service.ready().await?.call(preflight).await })?;
/// assert_eq!(response.status(), 403); // the lookup refused the origin
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct DynamicCorsService<S> {
    inner: S,
    policy: DynamicPolicy,
}

impl<S: fmt::Debug> fmt::Debug for DynamicCorsService<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DynamicCorsService")
            .field("inner", &self.inner)
            .field("policy", &self.policy)
            .finish()
    }
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for DynamicCorsService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>> + Clone + Send + 'static,
    ResBody: Default,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = DynamicResponseFuture<S::Future, ReqBody, ResBody>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        match dynamic_http::begin(&self.policy, &request) {
            Begin::Now(start, held) => {
                let inner = &mut self.inner;
                DynamicResponseFuture::now(start, held.prepared(), request, |request| {
                    inner.call(request)
                })
            }
            Begin::Wait(lookup, runtime) => {
                // The readied service goes with the request; `self.inner` becomes a
                // clone, readied by the next `poll_ready` (tower-http's async layers do
                // the same).
                let clone = self.inner.clone();
                let mut ready = core::mem::replace(&mut self.inner, clone);
                DynamicResponseFuture::waiting(
                    lookup,
                    runtime,
                    request,
                    Box::new(move |request| ready.call(request)),
                )
            }
        }
    }
}

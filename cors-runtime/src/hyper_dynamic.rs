//! The hyper adapter's dynamic service: [`DynamicCors`] serves a
//! [`DynamicPolicy`](crate::DynamicPolicy) (a reloadable policy, or origins from an
//! asynchronous lookup).

use core::fmt;

use http::{Request, Response};
use hyper::service::Service;

use crate::DynamicPolicy;
use crate::dynamic::Begin;
use crate::dynamic_http::{self, DynamicResponseFuture};

/// A hyper service serving a [`DynamicPolicy`] in front of another: a
/// [`ReloadablePolicy`] or [`AsyncOrigins`](crate::AsyncOrigins).
/// Behaviour is [`Cors`](crate::hyper::Cors)'s; only where the policy and the origin's
/// verdict come from differs.
///
/// The inner service must be `Clone`: a request that waits for an origin lookup takes a
/// clone with it.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "reload")] {
/// use std::convert::Infallible;
///
/// use bytes::Bytes;
/// use cors_runtime::{cors, ReloadablePolicy, hyper::DynamicCors};
/// use http_body_util::Full;
/// use hyper::{Request, Response, body::Incoming, service::service_fn};
///
/// async fn hello(_: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
///     Ok(Response::new(Full::from("hello")))
/// }
///
/// let policy = ReloadablePolicy::new(cors! { origin: "https://app.example.com" });
/// let service = DynamicCors::new(policy.clone(), service_fn(hello));
/// // Clone `service` per connection, as with `Cors`.
/// # let _ = service;
/// # }
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
#[derive(Clone)]
pub struct DynamicCors<S> {
    inner: S,
    policy: DynamicPolicy,
}

impl<S> DynamicCors<S> {
    /// Serves `policy` in front of `service`: a
    /// `ReloadablePolicy` (the type's example), or origins from
    /// an [`AsyncOrigins`](crate::AsyncOrigins) lookup:
    ///
    /// ```
    /// use std::convert::Infallible;
    ///
    /// use bytes::Bytes;
    /// use cors_runtime::{AsyncOrigins, cors, hyper::DynamicCors};
    /// use http_body_util::Full;
    /// use hyper::{Request, Response, body::Incoming, service::service_fn};
    ///
    /// async fn hello(_: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    ///     Ok(Response::new(Full::from("hello")))
    /// }
    ///
    /// let tenants = AsyncOrigins::new(
    ///     cors! { origin: "https://app.example.com", methods: [PUT] },
    ///     |origin: String| async move {
    ///         // A real lookup asks a (cached) tenant table: `examples/src/bin/tenants.rs`.
    ///         Ok::<_, std::convert::Infallible>(origin.ends_with(".tenants.example"))
    ///     },
    /// );
    /// let service = DynamicCors::new(tenants, service_fn(hello));
    /// # let _ = service;
    /// ```
    ///
    /// # Panics
    ///
    /// See [`DynamicPolicy`]'s `From` impls: only a hand-written policy whose settings
    /// cannot be sent panics, at start-up.
    pub fn new(policy: impl Into<DynamicPolicy>, service: S) -> Self {
        DynamicCors {
            inner: service,
            policy: policy.into(),
        }
    }
}

impl<S: fmt::Debug> fmt::Debug for DynamicCors<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DynamicCors")
            .field("inner", &self.inner)
            .field("policy", &self.policy)
            .finish()
    }
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for DynamicCors<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>> + Clone + Send + 'static,
    ResBody: Default,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = DynamicResponseFuture<S::Future, ReqBody, ResBody>;

    fn call(&self, request: Request<ReqBody>) -> Self::Future {
        match dynamic_http::begin(&self.policy, &request) {
            Begin::Now(start, held) => {
                DynamicResponseFuture::now(start, held.prepared(), request, |request| {
                    self.inner.call(request)
                })
            }
            Begin::Wait(lookup, runtime) => {
                let inner = self.inner.clone();
                DynamicResponseFuture::waiting(
                    lookup,
                    runtime,
                    request,
                    Box::new(move |request| inner.call(request)),
                )
            }
        }
    }
}

//! The hyper 1.x adapter: [`Cors`] wraps a [`hyper::service::Service`] directly, with no
//! tower in between, for `hyper::server::conn::http1::Builder::serve_connection` (and
//! the http2 builder alike).
//!
//! Behaviour is identical to the tower adapter's: preflights are answered without
//! reaching the inner service (unless the policy passes them on), any other request
//! reaches it and its response gets the CORS headers and `Vary`, whatever its status.
//!
//! # Example
//!
//! ```
//! use std::convert::Infallible;
//!
//! use bytes::Bytes;
//! use cors_runtime::{cors, hyper::Cors};
//! use http_body_util::Full;
//! use hyper::service::{Service, service_fn};
//! use hyper::{Request, Response};
//!
//! let policy = cors! { origin: "https://app.example.com", credentials: true };
//! let service = Cors::new(
//!     policy,
//!     service_fn(|_: Request<Full<Bytes>>| async { Ok::<_, Infallible>(Response::new(Full::<Bytes>::from("[]"))) }),
//! );
//! // In a server: `http1::Builder::new().serve_connection(io, service.clone())`.
//! let request = Request::get("/items")
//!     .header("origin", "https://app.example.com")
//!     .body(Full::<Bytes>::default())?;
//! let response = tokio::runtime::Runtime::new()?.block_on(service.call(request))?;
//! assert_eq!(response.headers()["access-control-allow-origin"], "https://app.example.com");
//! assert_eq!(response.headers()["access-control-allow-credentials"], "true");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

use http::{Request, Response};
use hyper::service::Service;

use crate::tower_hyper::{self, HttpState};
use crate::{CorsPolicy, InvalidPolicy};

pub use crate::dynamic_http::DynamicResponseFuture;
pub use crate::hyper_dynamic::DynamicCors;
pub use crate::tower_hyper::ResponseFuture;

/// A hyper service applying a CORS policy to another.
///
/// Clone it once per connection: a clone shares the policy's prepared header values
/// (a pointer copy for a `cors!` policy, a reference count otherwise), and clones the
/// inner service.
///
/// One type for development and production: `Box<dyn CorsPolicy>`,
/// `Arc<dyn CorsPolicy>` and `&'static dyn CorsPolicy` are policies
/// (`Cors::new(Box::new(policy) as Box<dyn CorsPolicy>, service)`), with no allocation
/// per request, and no reference count touched for a boxed `cors!` policy (its response
/// headers are built once per program; a runtime-built policy's are shared through one
/// reference count, bumped once per forwarded request). For a policy replaced while the server runs,
/// or origins from an asynchronous lookup, see [`DynamicCors`].
///
/// ```
/// use std::convert::Infallible;
/// use cors_runtime::{CorsPolicy, cors, hyper::Cors};
/// use hyper::{Request, Response, body::Incoming, service::service_fn};
///
/// let dev = std::env::var_os("DEV").is_some();
/// let policy: Box<dyn CorsPolicy> = if dev {
///     Box::new(cors! { origin: "http://localhost:*" })
/// } else {
///     Box::new(cors! { origin: "https://app.example.com" })
/// };
/// let service = service_fn(|_: Request<Incoming>| async {
///     Ok::<_, Infallible>(Response::new(http_body_util::Empty::<bytes::Bytes>::new()))
/// });
/// let cors = Cors::new(policy, service);
/// # let _ = cors;
/// ```
pub struct Cors<S, P: 'static> {
    inner: S,
    state: HttpState<P>,
}

impl<S, P: CorsPolicy> Cors<S, P> {
    /// Applies `policy` to `service`.
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
    /// ```no_run
    /// use std::convert::Infallible;
    ///
    /// use bytes::Bytes;
    /// use cors_runtime::hyper::Cors;
    /// use http_body_util::Full;
    /// use hyper::{Request, Response, body::Incoming, service::service_fn};
    /// use hyper_util::rt::TokioIo;
    ///
    /// cors_runtime::cors! {
    ///     struct AppPolicy {
    ///         origin: "https://app.example.com",
    ///         methods: [PUT],
    ///         allow_headers: ["content-type"],
    ///     }
    /// }
    ///
    /// async fn hello(_: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    ///     Ok(Response::new(Full::from("hello")))
    /// }
    ///
    /// # async fn serve() -> std::io::Result<()> {
    /// let cors = Cors::new(AppPolicy, service_fn(hello));
    /// let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    /// loop {
    ///     let (stream, _) = listener.accept().await?;
    ///     let service = cors.clone();
    ///     tokio::spawn(async move {
    ///         let io = TokioIo::new(stream);
    ///         let _ = hyper::server::conn::http1::Builder::new()
    ///             .serve_connection(io, service)
    ///             .await;
    ///     });
    /// }
    /// # }
    /// ```
    pub fn new(policy: P, service: S) -> Self {
        Cors {
            inner: service,
            state: HttpState::new(policy),
        }
    }

    /// Applies `policy` to `service`, or says why its settings cannot be sent (only a
    /// hand-written policy can fail; see [`InvalidPolicy`]).
    ///
    /// # Example
    ///
    /// ```
    /// use std::convert::Infallible;
    ///
    /// use cors_runtime::engine::Settings;
    /// use cors_runtime::{CorsPolicy, cors, hyper::Cors};
    /// use hyper::{Request, Response, service::service_fn};
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
    /// let handler = service_fn(|_: Request<String>| async { Ok::<_, Infallible>(Response::new(String::new())) });
    /// assert!(Cors::try_new(cors! { origin: "https://app.example.com" }, handler).is_ok());
    /// assert!(Cors::try_new(Broken, handler).is_err());
    /// ```
    pub fn try_new(policy: P, service: S) -> Result<Self, InvalidPolicy> {
        Ok(Cors {
            inner: service,
            state: HttpState::try_new(policy)?,
        })
    }
}

impl<S: Clone, P: 'static> Clone for Cors<S, P> {
    fn clone(&self) -> Self {
        Cors {
            inner: self.inner.clone(),
            state: self.state.clone(),
        }
    }
}

impl<S: fmt::Debug, P: CorsPolicy> fmt::Debug for Cors<S, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cors")
            .field("inner", &self.inner)
            .field("state", &*self.state)
            .finish()
    }
}

impl<S, P, ReqBody, ResBody> Service<Request<ReqBody>> for Cors<S, P>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    P: CorsPolicy,
    ResBody: Default,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, ResBody>;

    #[inline(always)]
    fn call(&self, request: Request<ReqBody>) -> Self::Future {
        tower_hyper::call(&self.state, request, |request| self.inner.call(request))
    }
}

//! The actix-web 4 adapter: [`Cors`] is a middleware [`Transform`] for `App::wrap` and
//! `Scope::wrap`.
//!
//! Behaviour is identical to the tower and hyper adapters'. Preflights are answered
//! without reaching the inner service (unless the policy passes them on); any other
//! request reaches it and its response gets the CORS headers and `Vary`, whatever its
//! status: handler errors (which actix turns into responses before they reach a
//! middleware), the default service's 404, and errors returned by inner middleware too.
//!
//! An inner middleware's `Err` is passed on as an `Err` whose
//! [`error_response`](actix_web::ResponseError::error_response) carries the CORS headers;
//! it wraps the original error, so `Error::as_error::<T>()` in an outer middleware no
//! longer sees `T`. Its status, `Display` and `Debug` are the original's.
//!
//! # Example
//!
//! ```
//! use actix_web::{App, HttpResponse, test, web};
//! use cors_runtime::{actix::Cors, cors};
//!
//! actix_web::rt::System::new().block_on(async {
//!     let cors = Cors::new(cors! { origin: "https://app.example.com" });
//!     let app = test::init_service(
//!         App::new()
//!             .wrap(cors.clone())
//!             .route("/fail", web::get().to(|| async { HttpResponse::InternalServerError().body("broke") })),
//!     )
//!     .await;
//!     let request = test::TestRequest::get()
//!         .uri("/fail")
//!         .insert_header(("origin", "https://app.example.com"))
//!         .to_request();
//!     let response = test::call_service(&app, request).await;
//!     // Errors get the CORS headers too, so the page can read them.
//!     assert_eq!(response.status(), 500);
//!     let allowed = response.headers().get("access-control-allow-origin");
//!     assert_eq!(allowed.and_then(|value| value.to_str().ok()), Some("https://app.example.com"));
//! });
//! ```

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::future::{Ready, ready};

use actix_web::body::{BoxBody, EitherBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{Error, HttpResponse, ResponseError};

use crate::adapter::prepared::PreparedHeaders;
use crate::adapter::{CorsState, Outcome, PendingHeaders, Reply, Shared, begin};
use crate::{CorsPolicy, InvalidPolicy};

pub use crate::actix_dynamic::{DynamicCors, DynamicCorsMiddleware, DynamicResponseFuture};

/// What the middleware holds: its policy and prepared headers.
pub(crate) type ActixState<P> = Shared<CorsState<P, header::HeaderMap>>;

/// An actix-web middleware applying a CORS policy.
///
/// Cloning it is cheap: the policy's header values are built once, by [`Cors::new`],
/// and shared by every worker and request (for a `cors!` policy a clone copies a
/// pointer; for a runtime-built one it bumps a reference count).
///
/// One type for development and production: `Box<dyn CorsPolicy>`,
/// `Arc<dyn CorsPolicy>` and `&'static dyn CorsPolicy` are policies, with no allocation
/// per request, and no reference count touched for a boxed `cors!` policy (its response
/// headers are built once per program; a runtime-built policy's are shared through one
/// reference count, bumped once per forwarded request). For a policy replaced while the server runs,
/// or origins from an asynchronous lookup, see [`DynamicCors`].
///
/// ```
/// use actix_web::{App, web};
/// use cors_runtime::{CorsPolicy, cors, actix::Cors};
///
/// let dev = std::env::var_os("DEV").is_some();
/// let policy: Box<dyn CorsPolicy> = if dev {
///     Box::new(cors! { origin: "http://localhost:*" })
/// } else {
///     Box::new(cors! { origin: "https://app.example.com" })
/// };
/// let cors = Cors::new(policy);
/// let app = App::new().wrap(cors.clone()).route("/items", web::get().to(|| async { "[]" }));
/// # let _ = app;
/// ```
pub struct Cors<P: 'static> {
    state: ActixState<P>,
}

impl<P: CorsPolicy> Cors<P> {
    /// A middleware applying `policy`.
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
    /// use actix_web::{App, web};
    /// use cors_runtime::actix::Cors;
    ///
    /// cors_runtime::cors! {
    ///     struct AppPolicy {
    ///         origin: "https://app.example.com",
    ///         methods: [PUT],
    ///         allow_headers: ["content-type"],
    ///     }
    /// }
    ///
    /// let cors = Cors::new(AppPolicy);
    /// // In `HttpServer::new(move || ...)`, once per worker:
    /// let app = App::new()
    ///     .wrap(cors.clone())
    ///     .route("/items", web::put().to(|| async { "stored" }));
    /// # let _ = app;
    /// ```
    pub fn new(policy: P) -> Self {
        Cors {
            state: ActixState::new(policy),
        }
    }

    /// The middleware applying `policy`, or why its settings cannot be sent (only a
    /// hand-written policy can fail; see [`InvalidPolicy`]).
    ///
    /// # Example
    ///
    /// ```
    /// use cors_runtime::engine::Settings;
    /// use cors_runtime::{CorsPolicy, actix::Cors, cors};
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
    /// assert!(Cors::try_new(cors! { origin: "https://app.example.com" }).is_ok());
    /// assert!(Cors::try_new(Broken).is_err());
    /// ```
    pub fn try_new(policy: P) -> Result<Self, InvalidPolicy> {
        Ok(Cors {
            state: ActixState::try_new(policy)?,
        })
    }
}

impl<P: 'static> Clone for Cors<P> {
    fn clone(&self) -> Self {
        Cors {
            state: self.state.clone(),
        }
    }
}

impl<P: CorsPolicy> fmt::Debug for Cors<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Cors").field(&*self.state).finish()
    }
}

impl<S, B, P> Transform<S, ServiceRequest> for Cors<P>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    P: CorsPolicy,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Transform = CorsMiddleware<S, P>;
    type InitError = ();
    type Future = Ready<Result<CorsMiddleware<S, P>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(CorsMiddleware {
            service,
            state: self.state.clone(),
        }))
    }
}

/// The middleware service made by [`Cors`]: `S` with a CORS policy applied.
///
/// `App::wrap(cors)` builds it for you (it is [`Cors`]'s `Transform`); it answers
/// preflights itself and passes every other request to `S`.
///
/// # Example
///
/// ```
/// use actix_web::dev::{Service, ServiceFactory, ServiceRequest, Transform, fn_service};
/// use actix_web::{HttpResponse, test};
/// use cors_runtime::{actix::Cors, cors};
///
/// actix_web::rt::System::new().block_on(async {
///     let handler = fn_service(|request: ServiceRequest| async {
///         Ok(request.into_response(HttpResponse::Ok().body("stored")))
///     })
///     .new_service(())
///     .await
///     .unwrap();
///     let cors = Cors::new(cors! { origin: "https://app.example.com", methods: [PUT] });
///     let middleware = cors.new_transform(handler).await.unwrap(); // a `CorsMiddleware`
///
///     let preflight = test::TestRequest::default()
///         .method(actix_web::http::Method::OPTIONS)
///         .insert_header(("origin", "https://app.example.com"))
///         .insert_header(("access-control-request-method", "PUT"))
///         .to_srv_request();
///     let response = middleware.call(preflight).await.unwrap();
///     assert_eq!(response.status(), 204);
/// });
/// ```
pub struct CorsMiddleware<S, P: 'static> {
    service: S,
    state: ActixState<P>,
}

impl<S, P: CorsPolicy> fmt::Debug for CorsMiddleware<S, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CorsMiddleware")
            .field("state", &*self.state)
            .finish_non_exhaustive()
    }
}

/// The authority of a request's URI (HTTP/2's `:authority`, an absolute-form target):
/// what cross-origin protection compares an `Origin` with, before `Host`.
pub(crate) fn authority_of(request: &ServiceRequest) -> Option<&[u8]> {
    request
        .uri()
        .authority()
        .map(|authority| authority.as_str().as_bytes())
}

impl<S, B, P> Service<ServiceRequest> for CorsMiddleware<S, P>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    P: CorsPolicy,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = ResponseFuture<S::Future, B>;

    forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let outcome = begin(
            &self.state,
            request.method().as_str().as_bytes(),
            authority_of(&request),
            request.headers(),
        );
        reply(outcome, &self.state.prepared, request, |request| {
            self.service.call(request)
        })
    }
}

/// Carries out a decision already made (by [`CorsMiddleware`], or by a dynamic policy's
/// snapshot or after an origin lookup): answers at once, or calls `inner`.
pub(crate) fn reply<F, B>(
    outcome: Outcome<header::HeaderMap>,
    prepared: &PreparedHeaders<header::HeaderMap>,
    request: ServiceRequest,
    inner: impl FnOnce(ServiceRequest) -> F,
) -> ResponseFuture<F, B>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
{
    let reply = match outcome {
        Outcome::Answer(answer) => {
            // The engine only answers 403 or the policy's status, checked in 200..=299
            // when the layer was built.
            let mut response = HttpResponse::new(
                StatusCode::from_u16(answer.status).unwrap_or(StatusCode::FORBIDDEN),
            );
            // actix's response heads come from a per-thread pool whose header maps keep
            // their capacity: the answer's headers fit without allocating.
            answer.write(prepared, response.headers_mut());
            Reply::Now {
                response: Some(request.into_response(response).map_into_right_body()),
            }
        }
        Outcome::Forward(pending) => Reply::Later {
            inner: inner(request),
            pending: Some(pending),
        },
    };
    ResponseFuture { reply }
}

pin_project_lite::pin_project! {
    /// The response future of [`CorsMiddleware`]: the layer's own answer, or the inner
    /// service's response completed with CORS headers. Never boxed.
    ///
    /// Returned by `CorsMiddleware::call`.
    ///
    /// # Example
    ///
    /// ```
    /// use actix_web::dev::{Service, ServiceFactory, ServiceRequest, Transform, fn_service};
    /// use actix_web::{HttpResponse, test};
    /// use cors_runtime::{actix::{Cors, ResponseFuture}, cors};
    ///
    /// actix_web::rt::System::new().block_on(async {
    ///     let handler = fn_service(|request: ServiceRequest| async { Ok(request.into_response(HttpResponse::Ok().finish())) });
    ///     let cors = Cors::new(cors! { origin: "https://app.example.com" });
    ///     let middleware = cors.new_transform(handler.new_service(()).await.unwrap()).await.unwrap();
    ///     let request = test::TestRequest::get().insert_header(("origin", "https://app.example.com")).to_srv_request();
    ///     let future: ResponseFuture<_, _> = middleware.call(request);
    ///     let response = future.await.unwrap();
    ///     assert_eq!(response.headers().get("access-control-allow-origin").unwrap(), "https://app.example.com");
    /// });
    /// ```
    pub struct ResponseFuture<F, B> {
        #[pin]
        reply: Reply<F, ServiceResponse<EitherBody<B>>, header::HeaderMap>,
    }
}

impl<F, B> Future for ResponseFuture<F, B>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
{
    type Output = Result<ServiceResponse<EitherBody<B>>, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.project().reply.poll_with(
            cx,
            |output, pending: &mut PendingHeaders<header::HeaderMap>| match output {
                Ok(mut response) => {
                    pending.complete(response.headers_mut());
                    Ok(response.map_into_left_body())
                }
                Err(error) => Err(CorsError {
                    error,
                    pending: pending.clone(),
                }
                .into()),
            },
        )
    }
}

impl<F, B> fmt::Debug for ResponseFuture<F, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

/// An inner service's error, whose response gets the CORS headers its request earned.
///
/// The request is gone by then (actix forbids holding on to it while routing), so the
/// error cannot become a `ServiceResponse` here; actix builds its response later, from
/// [`ResponseError::error_response`].
struct CorsError {
    error: Error,
    pending: PendingHeaders<header::HeaderMap>,
}

impl fmt::Debug for CorsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.error, f)
    }
}

impl fmt::Display for CorsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

impl ResponseError for CorsError {
    fn status_code(&self) -> StatusCode {
        self.error.as_response_error().status_code()
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        let mut response = self.error.error_response();
        self.pending.clone().complete(response.headers_mut());
        response
    }
}

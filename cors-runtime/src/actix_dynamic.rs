//! The actix-web adapter's dynamic middleware: [`DynamicCors`] serves a
//! [`DynamicPolicy`](crate::DynamicPolicy) (a reloadable policy, or origins from an
//! asynchronous lookup).

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};
use std::future::{Ready, ready as ready_now};
use std::rc::Rc;
use std::sync::Arc;

use actix_web::Error;
use actix_web::body::EitherBody;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};

use cors_policy_core::CorsPolicy;

use crate::DynamicPolicy;
use crate::actix::{ActixState, ResponseFuture, reply};
use crate::async_origins::Lookup;
use crate::dynamic::{Begin, Snapshot};

type SnapshotRuntime = ActixState<Arc<dyn CorsPolicy>>;

/// The actix runtime of a snapshot.
fn pick(snapshot: &Snapshot) -> &SnapshotRuntime {
    &snapshot.actix
}

/// An actix-web middleware serving a [`DynamicPolicy`]: a
/// [`ReloadablePolicy`] or [`AsyncOrigins`](crate::AsyncOrigins).
/// Behaviour is [`Cors`](crate::actix::Cors)'s; only where the policy and the origin's
/// verdict come from differs.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "reload")] {
/// use actix_web::{App, web};
/// use cors_runtime::{cors, ReloadablePolicy, actix::DynamicCors};
///
/// let policy = ReloadablePolicy::new(cors! { origin: "https://app.example.com" });
/// let cors = DynamicCors::new(policy.clone());
/// // In `HttpServer::new(move || ...)`, once per worker:
/// let app = App::new()
///     .wrap(cors.clone())
///     .route("/items", web::put().to(|| async { "stored" }));
/// # let _ = app;
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
#[derive(Clone, Debug)]
pub struct DynamicCors {
    policy: DynamicPolicy,
}

impl DynamicCors {
    /// A middleware serving `policy`: a `ReloadablePolicy`
    /// (the type's example), or origins from an [`AsyncOrigins`](crate::AsyncOrigins)
    /// lookup:
    ///
    /// ```
    /// use actix_web::{App, web};
    /// use cors_runtime::{AsyncOrigins, actix::DynamicCors, cors};
    ///
    /// let tenants = AsyncOrigins::new(
    ///     cors! { origin: "https://app.example.com", methods: [PUT] },
    ///     |origin: String| async move {
    ///         // A real lookup asks a (cached) tenant table: `examples/src/bin/tenants.rs`.
    ///         Ok::<_, std::convert::Infallible>(origin.ends_with(".tenants.example"))
    ///     },
    /// );
    /// let cors = DynamicCors::new(tenants);
    /// let app = App::new()
    ///     .wrap(cors.clone())
    ///     .route("/items", web::put().to(|| async { "stored" }));
    /// # let _ = app;
    /// ```
    ///
    /// # Panics
    ///
    /// See [`DynamicPolicy`]'s `From` impls: only a hand-written policy whose settings
    /// cannot be sent panics, at start-up.
    pub fn new(policy: impl Into<DynamicPolicy>) -> Self {
        DynamicCors {
            policy: policy.into(),
        }
    }
}

impl<S, B> Transform<S, ServiceRequest> for DynamicCors
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Transform = DynamicCorsMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<DynamicCorsMiddleware<S>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready_now(Ok(DynamicCorsMiddleware {
            service: Rc::new(service),
            policy: self.policy.clone(),
        }))
    }
}

/// The middleware service made by [`DynamicCors`].
///
/// `App::wrap(cors)` builds it for you (it is [`DynamicCors`]'s `Transform`); its
/// [`call`](Service::call) returns a [`DynamicResponseFuture`].
///
/// # Example
///
/// ```
/// use actix_web::dev::{Service, ServiceFactory, ServiceRequest, Transform, fn_service};
/// use actix_web::{HttpResponse, test};
/// use cors_runtime::{AsyncOrigins, actix::DynamicCors, cors};
///
/// actix_web::rt::System::new().block_on(async {
///     let tenants = AsyncOrigins::new(cors! { origin: "https://app.example.com", methods: [PUT] }, |origin: String| async move {
///         Ok::<_, std::convert::Infallible>(origin == "https://acme.tenants.example")
///     });
///     let handler = fn_service(|request: ServiceRequest| async { Ok(request.into_response(HttpResponse::Ok().finish())) });
///     let handler = handler.new_service(()).await.unwrap();
///     let middleware = DynamicCors::new(tenants).new_transform(handler).await.unwrap(); // a `DynamicCorsMiddleware`
///     let preflight = test::TestRequest::default()
///         .method(actix_web::http::Method::OPTIONS)
///         .insert_header(("origin", "https://acme.tenants.example"))
///         .insert_header(("access-control-request-method", "PUT"))
///         .to_srv_request();
///     assert_eq!(middleware.call(preflight).await.unwrap().status(), 204);
/// });
/// ```
pub struct DynamicCorsMiddleware<S> {
    service: Rc<S>,
    policy: DynamicPolicy,
}

impl<S> fmt::Debug for DynamicCorsMiddleware<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DynamicCorsMiddleware")
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl<S, B> Service<ServiceRequest> for DynamicCorsMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = DynamicResponseFuture<S, B>;

    forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let begin = self.policy.begin(
            pick,
            request.method().as_str().as_bytes(),
            crate::actix::authority_of(&request),
            request.headers(),
        );
        let state = match begin {
            Begin::Now(start, held) => State::Replying {
                reply: reply(start, held.prepared(), request, |request| {
                    self.service.call(request)
                }),
            },
            Begin::Wait(lookup, runtime) => State::Waiting {
                lookup,
                waiter: Some((request, Rc::clone(&self.service), runtime)),
            },
        };
        DynamicResponseFuture { state }
    }
}

pin_project_lite::pin_project! {
    #[project = StateProj]
    enum State<S: Service<ServiceRequest>, B> {
        Waiting { lookup: Lookup, waiter: Option<(ServiceRequest, Rc<S>, SnapshotRuntime)> },
        Replying { #[pin] reply: ResponseFuture<S::Future, B> },
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`DynamicCorsMiddleware`]: the static path's future, after
    /// waiting for the origin lookup when there is one.
    ///
    /// Returned by `DynamicCorsMiddleware::call`.
    ///
    /// # Example
    ///
    /// ```
    /// use actix_web::dev::{Service, ServiceFactory, ServiceRequest, Transform, fn_service};
    /// use actix_web::{HttpResponse, test};
    /// use cors_runtime::{AsyncOrigins, actix::{DynamicCors, DynamicResponseFuture}, cors};
    ///
    /// actix_web::rt::System::new().block_on(async {
    ///     let tenants = AsyncOrigins::new(cors! { origin: "https://app.example.com" }, |origin: String| async move {
    ///         Ok::<_, std::convert::Infallible>(origin.ends_with(".tenants.example"))
    ///     });
    ///     let handler = fn_service(|request: ServiceRequest| async { Ok(request.into_response(HttpResponse::Ok().finish())) });
    ///     let middleware = DynamicCors::new(tenants).new_transform(handler.new_service(()).await.unwrap()).await.unwrap();
    ///     let request = test::TestRequest::get().insert_header(("origin", "https://a.tenants.example")).to_srv_request();
    ///     let future: DynamicResponseFuture<_, _> = middleware.call(request); // waits for the lookup
    ///     let response = future.await.unwrap();
    ///     assert_eq!(response.headers().get("access-control-allow-origin").unwrap(), "https://a.tenants.example");
    /// });
    /// ```
    pub struct DynamicResponseFuture<S: Service<ServiceRequest>, B> {
        #[pin]
        state: State<S, B>,
    }
}

impl<S, B> Future for DynamicResponseFuture<S, B>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
{
    type Output = Result<ServiceResponse<EitherBody<B>>, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut state = self.project().state;
        loop {
            let next = match state.as_mut().project() {
                StateProj::Replying { reply } => return reply.poll(cx),
                StateProj::Waiting { lookup, waiter } => {
                    let verdict = ready!(lookup.as_mut().poll(cx));
                    // Empty only if the service's `call` panicked in the poll that took
                    // it (see the tower future).
                    let (request, service, runtime) =
                        waiter.take().expect(crate::dynamic::AFTER_PANIC);
                    let start = runtime.start_judged(
                        request.method().as_str().as_bytes(),
                        crate::actix::authority_of(&request),
                        request.headers(),
                        Some(verdict),
                    );
                    reply(start, &runtime.prepared, request, |request| {
                        service.call(request)
                    })
                }
            };
            state.set(State::Replying { reply: next });
        }
    }
}

impl<S: Service<ServiceRequest>, B> fmt::Debug for DynamicResponseFuture<S, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DynamicResponseFuture")
            .finish_non_exhaustive()
    }
}

//! The `http` 1.x side of the dynamic layers (tower and hyper): the response future that
//! waits for an origin lookup, then decides and answers or forwards as the static path
//! does.

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};
use std::sync::Arc;

use http::{Request, Response};

use cors_policy_core::CorsPolicy;

use crate::adapter::prepared::PreparedHeaders;
use crate::async_origins::Lookup;
use crate::dynamic::{Begin, DynamicPolicy, Snapshot};
use crate::tower_hyper::{self, HttpState, ResponseFuture};

pub(crate) type SnapshotRuntime = HttpState<Arc<dyn CorsPolicy>>;

/// The `http` runtime of a snapshot.
fn pick(snapshot: &Snapshot) -> &SnapshotRuntime {
    &snapshot.http
}

/// How the inner service is called once the lookup has answered.
pub(crate) type CallLater<ReqBody, F> = Box<dyn FnOnce(Request<ReqBody>) -> F + Send>;

/// What a request waiting for its origin lookup holds.
struct Waiter<ReqBody, F> {
    request: Request<ReqBody>,
    call: CallLater<ReqBody, F>,
    runtime: SnapshotRuntime,
}

pin_project_lite::pin_project! {
    #[project = StateProj]
    enum State<F, ReqBody, ResBody> {
        Waiting { lookup: Lookup, waiter: Option<Waiter<ReqBody, F>> },
        Replying { #[pin] reply: ResponseFuture<F, ResBody> },
    }
}

pin_project_lite::pin_project! {
    /// The response future of the tower and hyper dynamic layers: the static path's
    /// future, after waiting for the origin lookup when there is one.
    ///
    /// Returned by `tower::DynamicCorsService::call` and `hyper::DynamicCors::call`.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "tower")] {
    /// use std::convert::Infallible;
    ///
    /// use cors_runtime::{AsyncOrigins, cors, tower::{DynamicCorsLayer, DynamicResponseFuture}};
    /// use http::{Request, Response};
    /// use tower::{Layer, Service, service_fn};
    ///
    /// let tenants = AsyncOrigins::new(cors! { origin: "https://app.example.com" }, |origin: String| async move {
    ///     Ok::<_, Infallible>(origin.ends_with(".tenants.example"))
    /// });
    /// let handler = service_fn(|_: Request<String>| async { Ok::<_, Infallible>(Response::new(String::new())) });
    /// let mut service = DynamicCorsLayer::new(tenants).layer(handler);
    /// let request = Request::get("/items").header("origin", "https://a.tenants.example").body(String::new()).unwrap();
    /// let future: DynamicResponseFuture<_, _, String> = service.call(request); // waits for the lookup
    /// let response = tokio::runtime::Runtime::new().unwrap().block_on(future).unwrap();
    /// assert_eq!(response.headers()["access-control-allow-origin"], "https://a.tenants.example");
    /// # }
    /// ```
    ///
    /// With hyper:
    ///
    /// ```
    /// # #[cfg(feature = "hyper")] {
    /// use std::convert::Infallible;
    ///
    /// use cors_runtime::{AsyncOrigins, cors, hyper::{DynamicCors, DynamicResponseFuture}};
    /// use hyper::{Request, Response, service::{Service, service_fn}};
    ///
    /// let tenants = AsyncOrigins::new(cors! { origin: "https://app.example.com" }, |origin: String| async move {
    ///     Ok::<_, Infallible>(origin.ends_with(".tenants.example"))
    /// });
    /// let handler = service_fn(|_: Request<String>| async { Ok::<_, Infallible>(Response::new(String::new())) });
    /// let service = DynamicCors::new(tenants, handler);
    /// let request = Request::get("/items").header("origin", "https://evil.example").body(String::new()).unwrap();
    /// let future: DynamicResponseFuture<_, _, String> = service.call(request);
    /// let response = tokio::runtime::Runtime::new().unwrap().block_on(future).unwrap();
    /// assert!(!response.headers().contains_key("access-control-allow-origin")); // refused by the lookup
    /// # }
    /// ```
    pub struct DynamicResponseFuture<F, ReqBody, ResBody> {
        #[pin]
        state: State<F, ReqBody, ResBody>,
    }
}

/// Starts `request` under `policy`: decided now, or after an origin lookup.
pub(crate) fn begin<'p, ReqBody>(
    policy: &'p DynamicPolicy,
    request: &Request<ReqBody>,
) -> Begin<'p, http::HeaderMap> {
    policy.begin(
        pick,
        request.method().as_str().as_bytes(),
        tower_hyper::authority_of(request),
        request.headers(),
    )
}

impl<F, E, ReqBody, ResBody> DynamicResponseFuture<F, ReqBody, ResBody>
where
    F: Future<Output = Result<Response<ResBody>, E>>,
    ResBody: Default,
{
    /// Carries out a decision made now: the static path.
    pub(crate) fn now(
        start: crate::adapter::Outcome<http::HeaderMap>,
        prepared: &PreparedHeaders<http::HeaderMap>,
        request: Request<ReqBody>,
        inner: impl FnOnce(Request<ReqBody>) -> F,
    ) -> Self {
        DynamicResponseFuture {
            state: State::Replying {
                reply: tower_hyper::reply(start, prepared, request, inner),
            },
        }
    }

    /// Waits for `lookup`, then decides under `runtime` and calls `call` if the request
    /// goes on.
    pub(crate) fn waiting(
        lookup: Lookup,
        runtime: SnapshotRuntime,
        request: Request<ReqBody>,
        call: CallLater<ReqBody, F>,
    ) -> Self {
        DynamicResponseFuture {
            state: State::Waiting {
                lookup,
                waiter: Some(Waiter {
                    request,
                    call,
                    runtime,
                }),
            },
        }
    }
}

impl<F, E, ReqBody, ResBody> Future for DynamicResponseFuture<F, ReqBody, ResBody>
where
    F: Future<Output = Result<Response<ResBody>, E>>,
    ResBody: Default,
{
    type Output = Result<Response<ResBody>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut state = self.project().state;
        loop {
            let reply = match state.as_mut().project() {
                StateProj::Replying { reply } => return reply.poll(cx),
                StateProj::Waiting { lookup, waiter } => {
                    let verdict = ready!(lookup.as_mut().poll(cx));
                    // Empty only if the handler's `call` panicked in the poll that took
                    // it; polled again, the finished lookup panics first (an async block
                    // resumed after completion). Should it ever not, this panics too:
                    // `Pending` with no waker would leave the connection hanging.
                    let waiter = waiter.take().expect(crate::dynamic::AFTER_PANIC);
                    let Waiter {
                        request,
                        call,
                        runtime,
                    } = waiter;
                    let start = runtime.start_judged(
                        request.method().as_str().as_bytes(),
                        tower_hyper::authority_of(&request),
                        request.headers(),
                        Some(verdict),
                    );
                    tower_hyper::reply(start, &runtime.prepared, request, call)
                }
            };
            state.set(State::Replying { reply });
        }
    }
}

impl<F, ReqBody, ResBody> fmt::Debug for DynamicResponseFuture<F, ReqBody, ResBody> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DynamicResponseFuture")
            .finish_non_exhaustive()
    }
}

//! What the tower and hyper adapters share (both speak `http` 1.x requests and
//! responses): the call itself (decide, answer or forward) and the response future.

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use http::{Request, Response, StatusCode};

use crate::adapter::prepared::PreparedHeaders;
use crate::adapter::request::{Answer, Decided, decide_request};
use crate::adapter::{CorsState, Outcome, PendingHeaders, Reply, Shared};

/// What a tower or hyper CORS service holds: its policy and prepared headers.
pub(crate) type HttpState<P> = Shared<CorsState<P, http::HeaderMap>>;

/// The authority of a request's URI (HTTP/2's `:authority`, an absolute-form target):
/// what cross-origin protection compares an `Origin` with, before `Host`.
pub(crate) fn authority_of<B>(request: &Request<B>) -> Option<&[u8]> {
    request
        .uri()
        .authority()
        .map(|authority| authority.as_str().as_bytes())
}

/// Runs one request through CORS: answers it at once, or hands it to `inner` and
/// completes the response when it comes.
///
/// One out-of-line function, the decision inlined in it: the request arrives by
/// pointer, the response future is built in the return slot, and a forwarded
/// request's decision is a few scalars ([`Decided::Forward`]).
/// Measured against this function inlined whole into the service's `call`, in the
/// axum server of `scripts/bench-e2e-callgrind.sh` (server instructions per request):
/// 81 less on each actual request, 92 less on each preflight. The single-request
/// harness of BENCHMARKS.md's tables, which builds each request where it calls the
/// service, counts the inlined shape about 20 cheaper (the request's copy to the
/// handler disappears there); a real server's request arrives from elsewhere, and its
/// figure decides.
#[inline(never)]
pub(crate) fn call<P, B, ResBody, F, E>(
    state: &HttpState<P>,
    request: Request<B>,
    inner: impl FnOnce(Request<B>) -> F,
) -> ResponseFuture<F, ResBody>
where
    P: cors_policy_core::CorsPolicy,
    F: Future<Output = Result<Response<ResBody>, E>>,
    ResBody: Default,
{
    let decided = if request.method() == http::Method::OPTIONS {
        decide::<true, _, _>(state, &request)
    } else {
        decide::<false, _, _>(state, &request)
    };
    match decided {
        Decided::Forward(forward) => match forward.detach() {
            Ok(detached) => {
                let inner = inner(request);
                ResponseFuture::later(inner, detached.pending(state.prepared_ref()))
            }
            Err(forward) => {
                let pending = forward.pending(state.prepared_ref(), request.headers());
                forward_echoing(pending, request, inner)
            }
        },
        Decided::Answer(answer) => answer_now(answer, &state.prepared, request),
    }
}

/// The future of a forwarded request whose response echoes its method or headers too
/// (a wildcard policy's preflight passed on): built cold and out of line, so that the
/// usual forwarding arm builds its future alone, its empty echo slots written as
/// constants. Measured against both arms building theirs inline: 8 to 10 instructions
/// less on each preflight with a `cors!` policy (5 to 19 with a builder policy), actual
/// requests unchanged.
#[cold]
#[inline(never)]
fn forward_echoing<B, ResBody, F, E>(
    pending: PendingHeaders<http::HeaderMap>,
    request: Request<B>,
    inner: impl FnOnce(Request<B>) -> F,
) -> ResponseFuture<F, ResBody>
where
    F: Future<Output = Result<Response<ResBody>, E>>,
{
    ResponseFuture::later(inner(request), pending)
}

/// The engine's decision on `request`, in two copies: `OPTIONS` is whether the method
/// is `OPTIONS`. The copy for any other method looks up no preflight header and has no
/// code for them, so an actual request runs the smaller one. Measured against one copy
/// for both: 32 to 43 instructions less on each actual request with a `cors!` policy
/// (48 to 53 with a builder policy), 33 to 34 less on a preflight too.
#[inline(always)]
fn decide<'r, const OPTIONS: bool, P: cors_policy_core::CorsPolicy, B>(
    state: &HttpState<P>,
    request: &'r Request<B>,
) -> Decided<'r, http::HeaderMap> {
    decide_request(
        state,
        OPTIONS,
        request.method().as_str().as_bytes(),
        authority_of(request),
        request.headers(),
        None,
    )
}

/// Carries out a decision already made (by a dynamic policy's snapshot, or after an
/// origin lookup): answers at once, or hands the request to `inner`.
pub(crate) fn reply<B, ResBody, F, E>(
    outcome: Outcome<http::HeaderMap>,
    prepared: &PreparedHeaders<http::HeaderMap>,
    request: Request<B>,
    inner: impl FnOnce(Request<B>) -> F,
) -> ResponseFuture<F, ResBody>
where
    F: Future<Output = Result<Response<ResBody>, E>>,
    ResBody: Default,
{
    match outcome {
        Outcome::Answer(answer) => answer_now(answer, prepared, request),
        Outcome::Forward(pending) => ResponseFuture::later(inner(request), pending),
    }
}

/// The layer's own answer, built in the request's header map: it has the capacity the
/// request's headers needed, and the answer's few fit in it, so answering allocates
/// nothing (a fresh map would allocate as it grows).
#[inline(always)]
fn answer_now<B, ResBody: Default, F>(
    answer: Answer<http::HeaderMap>,
    prepared: &PreparedHeaders<http::HeaderMap>,
    request: Request<B>,
) -> ResponseFuture<F, ResBody> {
    let mut headers = request.into_parts().0.headers;
    let mut response = Response::new(ResBody::default());
    // The engine only answers 403 or the policy's status, checked in 200..=299 when
    // the layer was built.
    *response.status_mut() = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::FORBIDDEN);
    answer.write_into_request_map(prepared, &mut headers);
    *response.headers_mut() = headers;
    ResponseFuture {
        reply: Reply::Now {
            response: Some(response),
        },
    }
}

pin_project_lite::pin_project! {
    /// The response future of the tower and hyper CORS services: the layer's own answer,
    /// or the inner service's response completed with CORS headers. Never boxed.
    ///
    /// Returned by `tower::CorsService::call` and `hyper::Cors::call`.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "tower")] {
    /// use std::convert::Infallible;
    ///
    /// use cors_runtime::{cors, tower::{CorsLayer, ResponseFuture}};
    /// use http::{Request, Response};
    /// use tower::{Layer, Service, service_fn};
    ///
    /// let handler = service_fn(|_: Request<String>| async { Ok::<_, Infallible>(Response::new(String::from("[]"))) });
    /// let mut service = CorsLayer::new(cors! { origin: "https://app.example.com" }).layer(handler);
    /// let request = Request::get("/items").header("origin", "https://app.example.com").body(String::new()).unwrap();
    /// let future: ResponseFuture<_, String> = service.call(request);
    /// let response = tokio::runtime::Runtime::new().unwrap().block_on(future).unwrap();
    /// assert_eq!(response.headers()["access-control-allow-origin"], "https://app.example.com");
    /// # }
    /// ```
    ///
    /// With hyper:
    ///
    /// ```
    /// # #[cfg(feature = "hyper")] {
    /// use std::convert::Infallible;
    ///
    /// use cors_runtime::{cors, hyper::{Cors, ResponseFuture}};
    /// use hyper::{Request, Response, service::{Service, service_fn}};
    ///
    /// let handler = service_fn(|_: Request<String>| async { Ok::<_, Infallible>(Response::new(String::from("[]"))) });
    /// let service = Cors::new(cors! { origin: "https://app.example.com" }, handler);
    /// let request = Request::get("/items").header("origin", "https://evil.example").body(String::new()).unwrap();
    /// let future: ResponseFuture<_, String> = service.call(request);
    /// let response = tokio::runtime::Runtime::new().unwrap().block_on(future).unwrap();
    /// assert!(!response.headers().contains_key("access-control-allow-origin")); // not allowed
    /// # }
    /// ```
    pub struct ResponseFuture<F, ResBody> {
        #[pin]
        reply: Reply<F, Response<ResBody>, http::HeaderMap>,
    }
}

impl<F, ResBody> ResponseFuture<F, ResBody> {
    /// The future of a forwarded request: `inner`'s, completed with `pending`.
    #[inline(always)]
    fn later(inner: F, pending: PendingHeaders<http::HeaderMap>) -> Self {
        ResponseFuture {
            reply: Reply::Later {
                inner,
                pending: Some(pending),
            },
        }
    }
}

impl<F, ResBody, E> Future for ResponseFuture<F, ResBody>
where
    F: Future<Output = Result<Response<ResBody>, E>>,
{
    type Output = Result<Response<ResBody>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.project().reply.poll_in_place(
            cx,
            |response: &mut Response<ResBody>, pending: &mut PendingHeaders<http::HeaderMap>| {
                pending.complete(response.headers_mut());
            },
        )
    }
}

impl<F, ResBody> fmt::Debug for ResponseFuture<F, ResBody> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

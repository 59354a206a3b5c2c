//! The `http` 1.x side shared by the tower and hyper adapters: the header map glue, the
//! call itself (decide, answer or forward) and the response future.

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use http::{Request, Response, StatusCode};

use cors_core::HeaderField;

use crate::apply::{Finish, HeaderMap, Reply, Runtime, Start};

type ValueBytes<'a> = fn(&'a HeaderValue) -> &'a [u8];

impl HeaderMap for http::HeaderMap {
    type Name = HeaderName;
    type Value = HeaderValue;
    type Values<'a> = core::iter::Map<http::header::ValueIter<'a, HeaderValue>, ValueBytes<'a>>;

    fn name(name: &'static str) -> HeaderName {
        HeaderName::from_static(name)
    }

    fn static_value(value: &'static str) -> HeaderValue {
        HeaderValue::from_static(value)
    }

    fn checked_static_value(text: &'static str) -> Option<HeaderValue> {
        // `from_static` panics on invalid text: check first.
        HeaderValue::from_str(text)
            .ok()
            .map(|_| HeaderValue::from_static(text))
    }

    fn shared_value(text: &str) -> Option<HeaderValue> {
        // `Bytes::from(Vec)` would allocate again on its first clone; an owner-backed
        // `Bytes` is reference counted from the start.
        HeaderValue::from_maybe_shared(Bytes::from_owner(text.to_owned())).ok()
    }

    fn values<'a>(&'a self, name: &HeaderName) -> Self::Values<'a> {
        self.get_all(name).iter().map(HeaderValue::as_bytes)
    }

    fn field_and_first(&self, name: &HeaderName) -> (HeaderField<'_>, Option<&HeaderValue>) {
        let all = self.get_all(name);
        let field = HeaderField::from_values(all.iter().map(HeaderValue::as_bytes));
        (field, all.iter().next())
    }

    fn replace(&mut self, name: &HeaderName, value: HeaderValue) {
        self.insert(name, value);
    }

    fn append(&mut self, name: &HeaderName, value: HeaderValue) {
        http::HeaderMap::append(self, name, value);
    }

    fn remove_all(&mut self, name: &HeaderName) {
        http::HeaderMap::remove(self, name);
    }

    fn has_cors_header(&self) -> bool {
        self.keys()
            .any(|name| name.as_str().starts_with("access-control-"))
    }
}

/// The authority of a request's URI (HTTP/2's `:authority`, an absolute-form target):
/// what cross-origin protection compares an `Origin` with, before `Host`.
pub(crate) fn authority_of<B>(request: &Request<B>) -> Option<&[u8]> {
    request
        .uri()
        .authority()
        .map(|authority| authority.as_str().as_bytes())
}

/// The shared state of a tower or hyper CORS service.
pub(crate) type HttpRuntime<P> = Runtime<P, http::HeaderMap>;

/// Runs one request through CORS: answers it at once, or hands it to `inner` and
/// completes the response when it comes.
pub(crate) fn call<P, B, ResBody, F, E>(
    runtime: &HttpRuntime<P>,
    request: Request<B>,
    inner: impl FnOnce(Request<B>) -> F,
) -> ResponseFuture<F, ResBody>
where
    P: cors_core::CorsPolicy,
    F: Future<Output = Result<Response<ResBody>, E>>,
    ResBody: Default,
{
    let start = runtime.start(
        request.method().as_str().as_bytes(),
        authority_of(&request),
        request.headers(),
    );
    reply(start, request, inner)
}

/// Carries out a decision already made (by [`call`], or by a dynamic policy's snapshot
/// or after an origin lookup): answers at once, or hands the request to `inner`.
pub(crate) fn reply<B, ResBody, F, E>(
    start: Start<http::HeaderMap>,
    request: Request<B>,
    inner: impl FnOnce(Request<B>) -> F,
) -> ResponseFuture<F, ResBody>
where
    F: Future<Output = Result<Response<ResBody>, E>>,
    ResBody: Default,
{
    let reply = match start {
        Start::Respond(status, finish) => {
            let mut response = Response::new(ResBody::default());
            // The engine only answers 403 or the policy's status, checked in 200..=299
            // when the runtime was built.
            *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::FORBIDDEN);
            finish.own_response(response.headers_mut());
            Reply::Now {
                response: Some(response),
            }
        }
        Start::Forward(finish) => Reply::Later {
            inner: inner(request),
            finish: Some(finish),
        },
    };
    ResponseFuture { reply }
}

pin_project_lite::pin_project! {
    /// The response future of the tower and hyper CORS services: the layer's own answer,
    /// or the inner service's response completed with CORS headers. Never boxed.
    pub struct ResponseFuture<F, ResBody> {
        #[pin]
        reply: Reply<F, Response<ResBody>, http::HeaderMap>,
    }
}

impl<F, ResBody, E> Future for ResponseFuture<F, ResBody>
where
    F: Future<Output = Result<Response<ResBody>, E>>,
{
    type Output = Result<Response<ResBody>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.project()
            .reply
            .poll_with(cx, |output, finish: Finish<http::HeaderMap>| {
                let mut response = output?;
                finish.handler_response(response.headers_mut());
                Ok(response)
            })
    }
}

impl<F, ResBody> fmt::Debug for ResponseFuture<F, ResBody> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

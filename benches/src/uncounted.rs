//! Wrappers that run an inner service (its `call` and every poll of its future) with
//! allocation counting paused, so that a layer's count is the strict one: what the layer
//! allocates while the inner service is not running. A layer that answers a preflight
//! itself gets no credit for the handler it skipped, and one that forwards is not
//! charged for the handler's allocations.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Runs `f` with allocation counting paused (`allocation_counter::opt_out`), returning
/// its value.
pub fn uncounted<T>(f: impl FnOnce() -> T) -> T {
    let mut out = None;
    allocation_counter::opt_out(|| out = Some(f()));
    out.expect("opt_out runs its closure")
}

/// A tower or hyper service whose work is not counted.
#[derive(Clone, Copy, Debug, Default)]
pub struct Uncounted<S>(pub S);

/// The future of [`Uncounted`]: polled with counting paused.
pub struct UncountedFuture<F>(F);

impl<F: Future + Unpin> Future for UncountedFuture<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let inner = &mut self.get_mut().0;
        uncounted(|| Pin::new(inner).poll(cx))
    }
}

impl<S, R> tower_service::Service<R> for Uncounted<S>
where
    S: tower_service::Service<R>,
    S::Future: Unpin,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = UncountedFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        uncounted(|| self.0.poll_ready(cx))
    }

    fn call(&mut self, request: R) -> Self::Future {
        UncountedFuture(uncounted(|| self.0.call(request)))
    }
}

impl<S, R> hyper::service::Service<R> for Uncounted<S>
where
    S: hyper::service::Service<R>,
    S::Future: Unpin,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = UncountedFuture<S::Future>;

    fn call(&self, request: R) -> Self::Future {
        UncountedFuture(uncounted(|| self.0.call(request)))
    }
}

/// An actix middleware whose inner service (routing, the handler, actix's response
/// building) is not counted: `App::new().wrap(UncountedActix).wrap(layer)` puts it
/// inside `layer`.
#[derive(Clone, Copy, Debug, Default)]
pub struct UncountedActix;

/// The service of [`UncountedActix`].
pub struct UncountedActixService<S>(S);

/// Its future, polled with counting paused.
pub struct UncountedActixFuture<F>(Pin<Box<F>>);

impl<F: Future> Future for UncountedActixFuture<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let inner = self.0.as_mut();
        uncounted(|| inner.poll(cx))
    }
}

impl<S, B> actix_web::dev::Transform<S, actix_web::dev::ServiceRequest> for UncountedActix
where
    S: actix_web::dev::Service<
            actix_web::dev::ServiceRequest,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
{
    type Response = actix_web::dev::ServiceResponse<B>;
    type Error = actix_web::Error;
    type Transform = UncountedActixService<S>;
    type InitError = ();
    type Future = std::future::Ready<Result<UncountedActixService<S>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        std::future::ready(Ok(UncountedActixService(service)))
    }
}

impl<S, B> actix_web::dev::Service<actix_web::dev::ServiceRequest> for UncountedActixService<S>
where
    S: actix_web::dev::Service<
            actix_web::dev::ServiceRequest,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
{
    type Response = actix_web::dev::ServiceResponse<B>;
    type Error = actix_web::Error;
    type Future = UncountedActixFuture<S::Future>;

    fn poll_ready(&self, cx: &mut Context<'_>) -> Poll<Result<(), actix_web::Error>> {
        uncounted(|| self.0.poll_ready(cx))
    }

    fn call(&self, request: actix_web::dev::ServiceRequest) -> Self::Future {
        // The box is the inner service's cost, made while not counting.
        UncountedActixFuture(uncounted(|| Box::pin(self.0.call(request))))
    }
}

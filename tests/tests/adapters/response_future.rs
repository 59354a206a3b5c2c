//! The tower and hyper response future polled by hand: a handler's error comes back as it
//! is, a handler that waits still gets each CORS header once (the response is completed
//! where the handler's output is), and a finished future panics with one message,
//! whichever way it finished.

use std::convert::Infallible;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use cors_runtime::cors;
use http::{HeaderValue, Request, Response};
use tower::{Layer, Service};

const DONE: &str = "CORS response future polled after completion";

fn poll_once<F: Future>(future: Pin<&mut F>) -> Poll<F::Output> {
    future.poll(&mut Context::from_waker(Waker::noop()))
}

/// The panic message of polling `future` again.
fn poll_again<F: Future>(future: Pin<&mut F>) -> Option<String> {
    let payload = catch_unwind(AssertUnwindSafe(|| poll_once(future))).err()?;
    payload
        .downcast_ref::<&str>()
        .map(|text| text.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
}

fn lines(response: &Response<String>, name: &str) -> Vec<String> {
    let values = response.headers().get_all(name).iter();
    values
        .map(|value| value.to_str().unwrap().to_owned())
        .collect()
}

fn get() -> Request<String> {
    let request = Request::get("/").header("origin", "https://app.test");
    request.body(String::new()).unwrap()
}

#[test]
fn a_handlers_error_is_returned_as_it_is() {
    let handler =
        tower::service_fn(|_: Request<String>| async { Err::<Response<String>, _>("boom") });
    let policy = cors! { origin: "https://app.test", credentials: true };
    let mut service = cors_runtime::tower::CorsLayer::new(policy).layer(handler);
    let mut future = Box::pin(service.call(get()));
    assert!(matches!(
        poll_once(future.as_mut()),
        Poll::Ready(Err("boom"))
    ));
    assert_eq!(poll_again(future.as_mut()).as_deref(), Some(DONE));
}

/// A handler's future that is pending once, then answers with `headers`.
struct PendingOnce(bool, Vec<(&'static str, &'static str)>);

impl Future for PendingOnce {
    type Output = Result<Response<String>, Infallible>;

    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Self::Output> {
        if !std::mem::replace(&mut self.0, true) {
            return Poll::Pending;
        }
        let mut response = Response::new(String::new());
        for &(name, value) in &self.1 {
            response
                .headers_mut()
                .append(name, HeaderValue::from_static(value));
        }
        Poll::Ready(Ok(response))
    }
}

fn after_a_wait<P: cors_runtime::CorsPolicy + Clone + Send + Sync + 'static>(
    policy: P,
    headers: Vec<(&'static str, &'static str)>,
) -> Response<String> {
    let handler = tower::service_fn(move |_: Request<String>| PendingOnce(false, headers.clone()));
    let mut service = cors_runtime::tower::CorsLayer::new(policy).layer(handler);
    let mut future = Box::pin(service.call(get()));
    assert!(poll_once(future.as_mut()).is_pending());
    let Poll::Ready(Ok(response)) = poll_once(future.as_mut()) else {
        panic!("the handler answers on its second poll");
    };
    assert_eq!(poll_again(future.as_mut()).as_deref(), Some(DONE));
    response
}

#[test]
fn a_handler_that_waits_gets_each_cors_header_once() {
    // `true` is sent as a constant of the map's type, `x-total` from the policy's values.
    let built = cors_runtime::Policy::builder()
        .origin("https://app.test")
        .credentials(true)
        .expose_headers(["x-total"])
        .build()
        .unwrap();
    let generated =
        cors! { origin: "https://app.test", credentials: true, expose_headers: ["x-total"] };
    let cases = [
        ("cors!", after_a_wait(generated, vec![]), vec!["Origin"]),
        (
            "builder",
            after_a_wait(built.clone(), vec![]),
            vec!["Origin"],
        ),
        (
            "cors!, the handler's Vary",
            after_a_wait(generated, vec![("vary", "accept-encoding")]),
            vec!["accept-encoding", "Origin"],
        ),
        (
            "builder, the handler's own credentials header",
            after_a_wait(built, vec![("access-control-allow-credentials", "false")]),
            vec!["Origin"],
        ),
    ];
    for (case, response, vary) in cases {
        assert_eq!(
            lines(&response, "access-control-allow-origin"),
            ["https://app.test"],
            "{case}"
        );
        assert_eq!(
            lines(&response, "access-control-allow-credentials"),
            ["true"],
            "{case}"
        );
        assert_eq!(
            lines(&response, "access-control-expose-headers"),
            ["x-total"],
            "{case}"
        );
        assert_eq!(lines(&response, "vary"), vary, "{case}");
    }
}

#[test]
fn the_layers_own_answer_panics_once_taken() {
    let handler = tower::service_fn(|_: Request<String>| async {
        Ok::<_, Infallible>(Response::new(String::new()))
    });
    let policy = cors! { origin: "https://app.test", methods: [PUT], private_network: true, credentials: true };
    let mut service = cors_runtime::tower::CorsLayer::new(policy).layer(handler);
    let request = Request::options("/")
        .header("origin", "https://app.test")
        .header("access-control-request-method", "PUT")
        .header("access-control-request-private-network", "true")
        .body(String::new())
        .unwrap();
    let mut future = Box::pin(service.call(request));
    let Poll::Ready(Ok(response)) = poll_once(future.as_mut()) else {
        panic!("the layer answers a preflight at once");
    };
    assert_eq!(
        lines(&response, "access-control-allow-private-network"),
        ["true"]
    );
    assert_eq!(
        lines(&response, "access-control-allow-credentials"),
        ["true"]
    );
    assert_eq!(lines(&response, "vary").len(), 1);
    assert_eq!(poll_again(future.as_mut()).as_deref(), Some(DONE));
}

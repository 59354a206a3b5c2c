//! Shared by the benchmarks: one policy expressed in every library, the scenarios'
//! requests, the services under test, and a tiny executor for always-ready futures.
#![allow(dead_code, unreachable_pub, missing_debug_implementations)]

pub mod origins_10;
pub mod origins_100;
pub mod origins_1000;

use std::convert::Infallible;
use std::future::{Future, Ready, ready};
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

use bytes::Bytes;
use http::header::{self, HeaderValue};
use http::{Method, Request, Response};
use http_body_util::Empty;

pub type Body = Empty<Bytes>;

pub const APP: &str = "https://app.example.com";
pub const EVIL: &str = "https://evil.example.net";
pub const ONE_HEADER: &str = "content-type";
pub const FIVE_HEADERS: &str = "content-type,x-api-key,x-b3-traceid,x-request-id,x-tenant";
pub const ALLOWED_HEADERS: [&str; 5] = [
    "content-type",
    "x-api-key",
    "x-request-id",
    "x-b3-traceid",
    "x-tenant",
];

cors_runtime::cors! {
    /// The benchmarked policy, in our language.
    pub struct Ours {
        origin: ["https://app.example.com", "https://*.example.org"],
        methods: [GET, PUT, DELETE],
        allow_headers: ["content-type", "x-api-key", "x-request-id", "x-b3-traceid", "x-tenant"],
        expose_headers: ["x-total-count"],
        credentials: true,
        max_age: 600,
    }
}

/// How a user of the other libraries writes `https://*.example.org`: a predicate.
pub fn peer_pattern(origin: &[u8]) -> bool {
    origin
        .strip_prefix(b"https://")
        .and_then(|rest| rest.strip_suffix(b".example.org"))
        .is_some_and(|labels| !labels.is_empty())
}

/// The same policy in tower-http, for a given exact origin list.
pub fn tower_http_layer(exact: &'static [&'static str]) -> tower_http::cors::CorsLayer {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin: &HeaderValue, _| {
            exact
                .iter()
                .any(|allowed| allowed.as_bytes() == origin.as_bytes())
                || peer_pattern(origin.as_bytes())
        }))
        .allow_methods([Method::GET, Method::PUT, Method::DELETE])
        .allow_headers(ALLOWED_HEADERS.map(header::HeaderName::from_static))
        .expose_headers([header::HeaderName::from_static("x-total-count")])
        .allow_credentials(true)
        .max_age(std::time::Duration::from_secs(600))
}

/// The same policy in actix-cors, for a given exact origin list.
pub fn actix_cors(exact: &[&str]) -> actix_cors::Cors {
    let mut cors = actix_cors::Cors::default();
    for origin in exact {
        cors = cors.allowed_origin(origin);
    }
    cors.allowed_origin_fn(|origin, _| peer_pattern(origin.as_bytes()))
        .allowed_methods(["GET", "PUT", "DELETE"])
        .allowed_headers(ALLOWED_HEADERS)
        .expose_headers(["x-total-count"])
        .supports_credentials()
        .max_age(600)
}

/// A request shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scenario {
    ActualAllowed,
    ActualDisallowed,
    NoOrigin,
    PreflightOneHeader,
    PreflightFiveHeaders,
    PreflightRejected,
    /// 64 KiB of commas and spaces in `Access-Control-Request-Headers`.
    PreflightAdversarial,
}

impl Scenario {
    pub const ALL: [Scenario; 7] = [
        Scenario::ActualAllowed,
        Scenario::ActualDisallowed,
        Scenario::NoOrigin,
        Scenario::PreflightOneHeader,
        Scenario::PreflightFiveHeaders,
        Scenario::PreflightRejected,
        Scenario::PreflightAdversarial,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Scenario::ActualAllowed => "actual_allowed",
            Scenario::ActualDisallowed => "actual_disallowed",
            Scenario::NoOrigin => "no_origin",
            Scenario::PreflightOneHeader => "preflight_1_header",
            Scenario::PreflightFiveHeaders => "preflight_5_headers",
            Scenario::PreflightRejected => "preflight_rejected",
            Scenario::PreflightAdversarial => "preflight_64k_commas",
        }
    }

    /// `(method, origin, ACRM, ACRH)`.
    pub fn parts(
        self,
    ) -> (
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        Option<String>,
    ) {
        match self {
            Scenario::ActualAllowed => ("GET", Some(APP), None, None),
            Scenario::ActualDisallowed => ("GET", Some(EVIL), None, None),
            Scenario::NoOrigin => ("GET", None, None, None),
            Scenario::PreflightOneHeader => {
                ("OPTIONS", Some(APP), Some("PUT"), Some(ONE_HEADER.into()))
            }
            Scenario::PreflightFiveHeaders => {
                ("OPTIONS", Some(APP), Some("PUT"), Some(FIVE_HEADERS.into()))
            }
            Scenario::PreflightRejected => ("OPTIONS", Some(APP), Some("PATCH"), None),
            Scenario::PreflightAdversarial => (
                "OPTIONS",
                Some(APP),
                Some("PUT"),
                Some(", ".repeat(32 * 1024)),
            ),
        }
    }

    pub fn http_request(self) -> Request<Body> {
        request(self.parts())
    }

    pub fn actix_request(self) -> actix_web::test::TestRequest {
        let (method, origin, acrm, acrh) = self.parts();
        let mut request = actix_web::test::TestRequest::default()
            .method(actix_web::http::Method::from_bytes(method.as_bytes()).expect("method"))
            .uri("/items");
        for (name, value) in [
            ("origin", origin.map(String::from)),
            ("access-control-request-method", acrm.map(String::from)),
            ("access-control-request-headers", acrh),
        ] {
            if let Some(value) = value {
                request = request.insert_header((name, value));
            }
        }
        request
    }
}

/// An actix app with `$middleware` around a handler answering 200 with a content type,
/// initialized on `$runner`.
#[macro_export]
macro_rules! actix_app {
    ($runner:expr, $middleware:expr) => {
        $runner.block_on(actix_web::test::init_service(
            actix_web::App::new()
                .wrap($middleware)
                .default_service(actix_web::web::to(|| async {
                    actix_web::HttpResponse::Ok()
                        .content_type("text/plain")
                        .finish()
                })),
        ))
    };
}

/// A request with an explicit origin (for the origin-set benchmarks).
pub fn actual_from(origin: &'static str) -> Request<Body> {
    let mut request = Request::new(Body::new());
    request
        .headers_mut()
        .insert(header::ORIGIN, HeaderValue::from_static(origin));
    *request.uri_mut() = "/items".parse().expect("uri");
    request
}

/// Header values are built as a server's are: shared, never copied on clone (hyper's
/// are slices of its read buffer). A value copied into a fresh buffer would make the
/// first clone allocate, which no real request does.
fn request(
    (method, origin, acrm, acrh): (
        &str,
        Option<&'static str>,
        Option<&'static str>,
        Option<String>,
    ),
) -> Request<Body> {
    let mut request = Request::new(Body::new());
    *request.method_mut() = Method::from_bytes(method.as_bytes()).expect("method");
    *request.uri_mut() = "/items".parse().expect("uri");
    let headers = request.headers_mut();
    if let Some(origin) = origin {
        headers.insert(header::ORIGIN, HeaderValue::from_static(origin));
    }
    if let Some(acrm) = acrm {
        headers.insert(
            header::ACCESS_CONTROL_REQUEST_METHOD,
            HeaderValue::from_static(acrm),
        );
    }
    if let Some(acrh) = acrh {
        let shared = Bytes::from(acrh);
        headers.insert(
            header::ACCESS_CONTROL_REQUEST_HEADERS,
            HeaderValue::from_maybe_shared(shared).expect("header value"),
        );
    }
    request
}

/// The handler every library wraps: 200 with a content type, like a real one.
#[derive(Clone, Copy, Debug, Default)]
pub struct Hello;

fn hello() -> Response<Body> {
    let mut response = Response::new(Body::new());
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    response
}

impl<B> tower_service::Service<Request<B>> for Hello {
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = Ready<Result<Response<Body>, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: Request<B>) -> Self::Future {
        ready(Ok(hello()))
    }
}

impl<B> hyper::service::Service<Request<B>> for Hello {
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = Ready<Result<Response<Body>, Infallible>>;

    fn call(&self, _: Request<B>) -> Self::Future {
        ready(Ok(hello()))
    }
}

/// Polls a future that the services under test complete at once.
pub fn now<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("benchmarked services complete without waiting"),
    }
}

/// The floor: the fewest instructions that implement this fixed policy by hand —
/// literal byte comparisons and static header inserts, no generality at all.
#[derive(Clone, Copy, Debug, Default)]
pub struct Floor<S>(pub S);

pub enum FloorFuture<F> {
    Now(Option<Response<Body>>),
    Later(F, bool),
}

impl<F: Future<Output = Result<Response<Body>, Infallible>> + Unpin> Future for FloorFuture<F> {
    type Output = Result<Response<Body>, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            FloorFuture::Now(response) => Poll::Ready(Ok(response.take().expect("polled once"))),
            FloorFuture::Later(inner, allowed) => {
                let mut response = std::task::ready!(Pin::new(inner).poll(cx))?;
                let headers = response.headers_mut();
                headers.append(header::VARY, HeaderValue::from_static("Origin"));
                if *allowed {
                    headers.insert(
                        header::ACCESS_CONTROL_ALLOW_ORIGIN,
                        HeaderValue::from_static(APP),
                    );
                    headers.insert(
                        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
                        HeaderValue::from_static("true"),
                    );
                    headers.insert(
                        header::ACCESS_CONTROL_EXPOSE_HEADERS,
                        HeaderValue::from_static("x-total-count"),
                    );
                }
                Poll::Ready(Ok(response))
            }
        }
    }
}

impl<S, B> tower_service::Service<Request<B>> for Floor<S>
where
    S: tower_service::Service<Request<B>, Response = Response<Body>, Error = Infallible>,
    S::Future: Unpin,
{
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = FloorFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let headers = request.headers();
        let allowed = headers
            .get(header::ORIGIN)
            .is_some_and(|origin| origin.as_bytes() == APP.as_bytes());
        let acrm = headers.get(header::ACCESS_CONTROL_REQUEST_METHOD);
        if request.method() == Method::OPTIONS && allowed && acrm.is_some() {
            let method_ok = acrm.is_some_and(|m| {
                matches!(
                    m.as_bytes(),
                    b"GET" | b"HEAD" | b"POST" | b"PUT" | b"DELETE"
                )
            });
            let headers_ok = headers
                .get_all(header::ACCESS_CONTROL_REQUEST_HEADERS)
                .iter()
                .all(|line| {
                    line.len() <= 8192
                        && line.as_bytes().split(|&b| b == b',').all(|name| {
                            matches!(
                                name,
                                b"content-type"
                                    | b"x-api-key"
                                    | b"x-request-id"
                                    | b"x-b3-traceid"
                                    | b"x-tenant"
                                    | b""
                            )
                        })
                });
            let mut response = Response::new(Body::new());
            if method_ok && headers_ok {
                *response.status_mut() = http::StatusCode::NO_CONTENT;
                let out = response.headers_mut();
                out.insert(
                    header::ACCESS_CONTROL_ALLOW_ORIGIN,
                    HeaderValue::from_static(APP),
                );
                out.insert(
                    header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
                    HeaderValue::from_static("true"),
                );
                out.insert(
                    header::ACCESS_CONTROL_ALLOW_METHODS,
                    HeaderValue::from_static("GET, PUT, DELETE"),
                );
                out.insert(
                    header::ACCESS_CONTROL_ALLOW_HEADERS,
                    HeaderValue::from_static(
                        "content-type, x-api-key, x-request-id, x-b3-traceid, x-tenant",
                    ),
                );
                out.insert(
                    header::ACCESS_CONTROL_MAX_AGE,
                    HeaderValue::from_static("600"),
                );
            } else {
                *response.status_mut() = http::StatusCode::FORBIDDEN;
            }
            response.headers_mut().insert(
                header::VARY,
                HeaderValue::from_static(
                    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
                ),
            );
            return FloorFuture::Now(Some(response));
        }
        FloorFuture::Later(self.0.call(request), allowed)
    }
}

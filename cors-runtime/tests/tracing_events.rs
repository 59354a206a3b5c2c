//! Feature `tracing`: every refused preflight and disallowed origin is one `debug!` event
//! naming the reason, with the request's method and origin; granted requests and
//! requests without `Origin` emit nothing. Driven through a real axum `Router`. Request
//! values are shown bounded and escaped: a client can neither flood nor forge log lines.
#![cfg(all(feature = "tracing", feature = "axum"))]

use axum::Router;
use axum::body::Body;
use axum::routing::any;
use cors_runtime::tower::CorsLayer;
use cors_runtime::{Policy, cors};
use http::Request;

mod recorder;

cors_runtime::cors! {
    struct Api {
        origin: "https://app.example.com",
        methods: [PUT],
        allow_headers: ["content-type"],
    }
}

/// The events one request emits.
fn events<P: cors_runtime::CorsPolicy>(policy: P, request: Request<Body>) -> Vec<String> {
    let app: Router = Router::new()
        .route("/items", any(|| async { "ok" }))
        .layer(CorsLayer::new(policy));
    recorder::logged(app, request).1
}

fn request(method: &str, headers: &[(&str, &[u8])]) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri("/items");
    for &(name, value) in headers {
        builder = builder.header(name, value);
    }
    builder.body(Body::empty()).expect("a valid request")
}

const APP: &[u8] = b"https://app.example.com";
const ACRM: &str = "access-control-request-method";
const ACRH: &str = "access-control-request-headers";

#[test]
fn each_refusal_is_one_debug_event_naming_the_reason() {
    let cases: [(Request<Body>, &str); 5] = [
        (
            request(
                "OPTIONS",
                &[
                    ("origin", APP),
                    (ACRM, b"PUT"),
                    (ACRH, b"content-type,x-foo"),
                ],
            ),
            "DEBUG cors_runtime: CORS preflight refused: request header `x-foo` is not allowed \
             method=OPTIONS origin=https://app.example.com",
        ),
        (
            request("OPTIONS", &[("origin", APP), (ACRM, b"DELETE")]),
            "DEBUG cors_runtime: CORS preflight refused: method `DELETE` is not allowed \
             method=OPTIONS origin=https://app.example.com",
        ),
        (
            request(
                "OPTIONS",
                &[("origin", b"https://evil.example"), (ACRM, b"PUT")],
            ),
            "DEBUG cors_runtime: CORS preflight refused: origin not allowed method=OPTIONS \
             origin=https://evil.example",
        ),
        (
            request("GET", &[("origin", b"https://evil.example")]),
            "DEBUG cors_runtime: CORS headers withheld: origin not allowed method=GET \
             origin=https://evil.example",
        ),
        (
            request(
                "POST",
                &[("origin", APP), ("origin", b"https://evil.example")],
            ),
            "DEBUG cors_runtime: CORS headers withheld: several Origin headers: never allowed \
             method=POST origin=(several Origin headers)",
        ),
    ];
    for (request, expected) in cases {
        assert_eq!(events(Api, request), [expected]);
    }
}

#[test]
fn granted_and_origin_less_requests_emit_nothing() {
    for request in [
        request(
            "OPTIONS",
            &[("origin", APP), (ACRM, b"PUT"), (ACRH, b"content-type")],
        ),
        request("GET", &[("origin", APP)]),
        request("GET", &[]),
        request("OPTIONS", &[("origin", APP)]),
    ] {
        assert_eq!(events(Api, request), Vec::<String>::new());
    }
    let public = cors! { origin: * };
    assert!(
        events(
            public,
            request("GET", &[("origin", b"https://any.example")])
        )
        .is_empty()
    );
}

#[test]
fn a_built_policy_and_odd_bytes_are_traced_too() {
    let policy = Policy::builder()
        .origin("https://app.example.com")
        .build()
        .expect("valid");
    let odd = request("GET", &[("origin", b"https://\xffvil.example")]);
    assert_eq!(
        events(policy, odd),
        [
            "DEBUG cors_runtime: CORS headers withheld: origin not allowed method=GET \
             origin=https://\\xffvil.example"
        ]
    );
}

/// A hostile `Origin` (64 KiB, with a tab and obs-text bytes: a bidi override that a
/// lossy decoder would show as text, and invalid UTF-8; control bytes other than tab are
/// refused by the HTTP parser before any layer) is one event whose origin appears
/// once, cut to 128 bytes plus its length, every non-printable byte escaped; the same
/// for a refused request header name.
#[test]
fn hostile_values_are_logged_once_bounded_and_escaped() {
    let mut origin = b"https://\xe2\x80\xaefake\tline\xff".to_vec();
    origin.resize(64 * 1024, b'a');
    let logged = events(Api, request("GET", &[("origin", &origin)]));
    let shown = format!(
        "https://\\xe2\\x80\\xaefake\\x09line\\xff{}… (65536 bytes)",
        "a".repeat(128 - 21)
    );
    assert_eq!(
        logged,
        [format!(
            "DEBUG cors_runtime: CORS headers withheld: origin not allowed method=GET origin={shown}"
        )]
    );
    assert!(logged[0].len() < 400, "{} bytes logged", logged[0].len());

    let mut name = b"x-".to_vec();
    name.resize(7000, b'y');
    let preflight = request("OPTIONS", &[("origin", APP), (ACRM, b"PUT"), (ACRH, &name)]);
    let logged = events(Api, preflight);
    assert_eq!(logged.len(), 1);
    assert!(
        logged[0].contains(&format!("x-{}… (7000 bytes)", "y".repeat(126))),
        "{}",
        logged[0]
    );
    assert!(logged[0].len() < 400, "{} bytes logged", logged[0].len());
}

#[test]
fn a_cross_origin_protection_refusal_is_one_debug_event_naming_the_reason() {
    let policy = cors! { origin: "https://app.example.com", cross_origin_protection: true };
    let form_post = request(
        "POST",
        &[
            ("origin", b"https://evil.example"),
            ("sec-fetch-site", b"cross-site"),
        ],
    );
    assert_eq!(
        events(policy, form_post),
        [
            "DEBUG cors_runtime: cross-origin `POST` refused (cross_origin_protection): \
          Sec-Fetch-Site `cross-site`, and origin not allowed \
          method=POST origin=https://evil.example"
        ]
    );
    let handshake = request(
        "GET",
        &[
            ("origin", b"https://evil.example"),
            ("upgrade", b"websocket"),
            ("host", b"api.example"),
        ],
    );
    assert_eq!(
        events(policy, handshake),
        [
            "DEBUG cors_runtime: cross-origin WebSocket handshake refused (cross_origin_protection): \
          origin not allowed and not this server's (Host `api.example`), \
          and no Sec-Fetch-Site method=GET origin=https://evil.example"
        ]
    );
    // A request protection lets through, without Origin: nothing to say.
    assert!(events(policy, request("POST", &[("host", b"api.example")])).is_empty());
    // The client's values in a protection refusal are bounded and escaped too, and the
    // origin is in its field only.
    let mut host = b"api\xff".to_vec();
    host.resize(5000, b'h');
    let handshake = request(
        "GET",
        &[
            ("origin", b"https://evil.example"),
            ("upgrade", b"websocket"),
            ("host", &host),
        ],
    );
    let logged = events(policy, handshake);
    assert_eq!(logged.len(), 1);
    assert!(
        logged[0].contains(&format!(
            "(Host `api\\xff{}… (5000 bytes)`)",
            "h".repeat(124)
        )),
        "{}",
        logged[0]
    );
    assert_eq!(
        logged[0].matches("https://evil.example").count(),
        1,
        "{}",
        logged[0]
    );
    assert!(logged[0].len() < 500, "{} bytes logged", logged[0].len());
}

/// A field's value is not quoted, so a space in the client's `Origin` is escaped: it
/// cannot append what reads as the layer's own fields (`origin=https://app.example.com`
/// after the real one).
#[test]
fn an_origin_cannot_forge_a_field() {
    let forged = request(
        "GET",
        &[(
            "origin",
            b"https://evil.example method=GET origin=https://app.example.com",
        )],
    );
    let logged = events(Api, forged);
    assert_eq!(logged.len(), 1);
    assert_eq!(
        logged[0].matches(" origin=").count(),
        1,
        "a second origin field: {}",
        logged[0]
    );
    assert!(
        logged[0].contains("origin=https://evil.example\\x20method=GET\\x20origin="),
        "{}",
        logged[0]
    );
}

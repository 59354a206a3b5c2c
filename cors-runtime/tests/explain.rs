//! `Probe::explain`: what any policy answers, and why, without a framework.

use cors_runtime::engine::Action;
use cors_runtime::{Policy, Probe, cors};

cors_runtime::cors! {
    struct Api {
        origin: ["https://app.example.com", "https://*.example.org"],
        methods: [PUT],
        allow_headers: ["content-type"],
        expose_headers: ["x-total-count"],
        credentials: true,
        max_age: 600,
    }
}

#[test]
fn an_accepted_preflight_lists_every_header_with_its_value() {
    let answer = Probe::preflight("https://eu.example.org", "PUT")
        .header("content-type")
        .explain(&Api);
    assert_eq!(answer.action(), Action::Respond(204));
    assert!(answer.is_preflight() && answer.is_allowed());
    assert_eq!(
        answer.to_string(),
        "preflight allowed: 204, empty body, the handler does not run\n\
         reason: preflight allowed\n\
         access-control-allow-origin: https://eu.example.org\n\
         access-control-allow-credentials: true\n\
         access-control-allow-methods: PUT\n\
         access-control-allow-headers: content-type\n\
         access-control-max-age: 600\n\
         vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
    );
}

#[test]
fn a_refused_preflight_names_what_was_refused() {
    let cases = [
        (
            Probe::preflight("https://evil.example", "PUT"),
            "origin `https://evil.example` is not allowed",
        ),
        (
            Probe::preflight("https://app.example.com", "DELETE"),
            "method `DELETE` is not allowed",
        ),
        (
            Probe::preflight("https://app.example.com", "PUT")
                .header("content-type")
                .header("x-foo"),
            "request header `x-foo` is not allowed",
        ),
        (
            Probe::preflight("https://app.example.com", "PUT").private_network(),
            "private network access requested but not enabled",
        ),
    ];
    for (probe, reason) in cases {
        let answer = probe.explain(&Api);
        assert_eq!(answer.status(), Some(403), "{probe:?}");
        assert_eq!(answer.reason(), reason);
        assert!(answer.headers().is_empty(), "{answer}");
    }
}

#[test]
fn debug_shows_the_decision_and_its_reason() {
    let answer = Probe::request("GET", "https://evil.example").explain(&Api);
    assert_eq!(
        format!("{answer:?}"),
        "Explanation { status: None, preflight: false, allowed: false, \
         reason: \"origin `https://evil.example` is not allowed\", headers: [], \
         vary: Some(\"Origin\") }"
    );
    assert_eq!(
        answer.to_string(),
        "forwarded: the handler runs; its response gets\n\
         reason: origin `https://evil.example` is not allowed\n\
         vary: Origin"
    );
}

#[test]
fn preflight_continue_forwards_with_the_headers() {
    let policy = cors! { origin: "https://a.example", methods: [PUT], preflight_continue: true };
    let answer = Probe::preflight("https://a.example", "PUT").explain(&policy);
    assert_eq!(answer.action(), Action::Forward);
    assert!(
        answer
            .to_string()
            .starts_with("preflight allowed, forwarded (preflight_continue)")
    );
    assert_eq!(answer.header("access-control-allow-methods"), Some("PUT"));
}

#[test]
fn works_on_any_policy_type_the_same_way() {
    let built = Policy::builder()
        .origins(["https://app.example.com", "https://*.example.org"])
        .methods(["PUT"])
        .allow_headers(["content-type"])
        .expose_headers(["x-total-count"])
        .credentials(true)
        .max_age(600)
        .build()
        .unwrap();
    let probe = Probe::request("PUT", "https://app.example.com");
    assert_eq!(probe.explain(&built), probe.explain(&Api));
    assert_eq!(
        probe.explain(&built).headers(),
        [
            ("access-control-allow-origin", "https://app.example.com"),
            ("access-control-allow-credentials", "true"),
            ("access-control-expose-headers", "x-total-count"),
        ]
    );
    let dynamic: &dyn cors_runtime::CorsPolicy = &built;
    assert_eq!(probe.explain(dynamic), probe.explain(&Api));
}

#[test]
fn a_cross_origin_protection_refusal_says_the_handler_does_not_run() {
    let policy = cors! {
        origin: "https://app.example.com",
        credentials: true,
        cross_origin_protection: true,
    };
    let answer = Probe::request("POST", "https://evil.example")
        .fetch_site("cross-site")
        .explain(&policy);
    assert_eq!(answer.action(), Action::Respond(403));
    assert!(!answer.is_allowed());
    assert!(answer.headers().is_empty());
    assert_eq!(
        answer.to_string(),
        "refused: 403, empty body, the handler does not run\n\
         reason: cross-origin `POST` refused (cross_origin_protection): Sec-Fetch-Site \
         `cross-site`, and origin `https://evil.example` is not allowed\n\
         vary: Origin"
    );
    // The same form POST from the allowed origin runs the handler and gets CORS headers.
    let allowed = Probe::request("POST", "https://app.example.com")
        .fetch_site("same-site")
        .explain(&policy);
    assert_eq!(allowed.status(), None);
    assert_eq!(
        allowed.header("access-control-allow-credentials"),
        Some("true")
    );
    // Two Host headers: no server's own origin to compare with.
    let twice = Probe::request("PUT", "http://api.example")
        .host("api.example")
        .host("api.example")
        .explain(&policy);
    assert_eq!(twice.status(), Some(403));
    assert!(
        twice.reason().contains("several Host headers"),
        "{}",
        twice.reason()
    );
}

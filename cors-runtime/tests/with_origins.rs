//! `WithOrigins`: a `cors!` policy with origins from configuration, checked at start-up
//! against the macro policy's own flags.

mod common;

use common::assert_placed;
use cors_runtime::{CorsPolicy, OriginList, Probe, Rule, WithOrigins, cors};

cors_runtime::cors! {
    /// A credentialed API, written with its development origin.
    struct Api {
        origin: "http://localhost:3000",
        methods: [PUT],
        allow_headers: ["content-type"],
        expose_headers: ["x-total-count"],
        credentials: true,
        max_age: 600,
    }
}

#[test]
fn configured_origins_replace_the_macro_origins_and_keep_the_rest() {
    let policy = WithOrigins::new(
        Api,
        OriginList::new().origins(["https://app.example.com", "https://*.example.org"]),
    )
    .unwrap();
    assert!(policy.allows_origin(b"https://app.example.com"));
    assert!(policy.allows_origin(b"https://eu.example.org"));
    assert!(!policy.allows_origin(b"http://localhost:3000"));
    assert_eq!(policy.settings(), Api.settings());
    let answer = Probe::preflight("https://eu.example.org", "PUT")
        .header("content-type")
        .explain(&policy);
    assert!(answer.is_allowed(), "{answer}");
    assert_eq!(
        answer.header("access-control-allow-origin"),
        Some("https://eu.example.org")
    );
    assert_eq!(answer.header("access-control-max-age"), Some("600"));
    let refused = Probe::preflight("https://eu.example.org", "DELETE").explain(&policy);
    assert_eq!(refused.reason(), "method `DELETE` is not allowed");
}

#[test]
fn the_macro_credentials_flag_applies_to_the_configured_origins() {
    let error = WithOrigins::new(
        Api,
        OriginList::new().origins(["https://a.example", "http://b.example", "*"]),
    )
    .unwrap_err();
    // `*` beside others (O2) and with credentials (O3); the plain-http origin is not
    // reached, as in `cors!`: a list with `*` is judged as `*`.
    assert_placed(&error, &[(Rule::O2, "origin[2]"), (Rule::O3, "origin[2]")]);
    let error = WithOrigins::new(Api, OriginList::new().origin("http://b.example")).unwrap_err();
    assert!(error.breaks(Rule::O13));
    let insecure = WithOrigins::new(
        Api,
        OriginList::new()
            .origin("http://b.example")
            .dangerously_allow_insecure_origins(true),
    );
    assert!(insecure.is_ok());
}

#[test]
fn the_macro_private_network_flag_refuses_a_configured_star() {
    let policy = cors! { origin: "https://a.example", private_network: true };
    let error = WithOrigins::new(policy, OriginList::new().any_origin()).unwrap_err();
    assert_eq!(error.violations()[0].rule(), Rule::P1);
    // The flag was written in the wrapped policy, and the error says so.
    assert_eq!(
        error.violations()[0].at.to_string(),
        "the wrapped policy's private_network"
    );
}

#[test]
fn a_configured_star_makes_an_any_origin_policy() {
    let policy = WithOrigins::new(
        cors! { origin: "https://a.example", methods: [PUT] },
        OriginList::new().any_origin(),
    )
    .unwrap();
    assert!(policy.settings().any_origin);
    let answer = Probe::request("GET", "https://anyone.example").explain(&policy);
    assert_eq!(answer.header("access-control-allow-origin"), Some("*"));
    assert_eq!(answer.vary(), None);
    // And the other way round: a macro `*` narrowed by configuration varies on Origin.
    let narrowed = WithOrigins::new(
        cors! { origin: * },
        OriginList::new().origin("https://a.example"),
    )
    .unwrap();
    assert!(!narrowed.settings().any_origin);
    assert_eq!(Probe::new("GET").explain(&narrowed).vary(), Some("Origin"));
}

#[test]
fn an_empty_configuration_is_an_error_not_a_policy_that_refuses_everything() {
    let error = WithOrigins::new(Api, OriginList::new()).unwrap_err();
    assert!(error.breaks(Rule::O1));
    let error = WithOrigins::new(Api, OriginList::new().origins(Vec::<String>::new())).unwrap_err();
    assert!(error.breaks(Rule::O1));
}

#[test]
fn the_macro_protection_flag_refuses_a_configured_star_or_null() {
    let policy = cors! { origin: "https://a.example", cross_origin_protection: true };
    let error = WithOrigins::new(policy, OriginList::new().any_origin()).unwrap_err();
    assert_eq!(error.violations()[0].rule(), Rule::C1);
    assert_eq!(
        error.violations()[0].at.to_string(),
        "the wrapped policy's cross_origin_protection"
    );
    let error = WithOrigins::new(
        policy,
        OriginList::new()
            .origins(["https://b.example", "null"])
            .dangerously_allow_null_origin(true),
    )
    .unwrap_err();
    assert_eq!(error.violations()[0].rule(), Rule::C2);
    // And the configured origins are the trusted ones.
    let configured =
        WithOrigins::new(policy, OriginList::new().origin("https://b.example")).expect("valid");
    let answer = cors_runtime::Probe::request("POST", "https://a.example")
        .fetch_site("cross-site")
        .explain(&configured);
    assert_eq!(answer.status(), Some(403));
    let answer = cors_runtime::Probe::request("POST", "https://b.example")
        .fetch_site("cross-site")
        .explain(&configured);
    assert_eq!(answer.status(), None);
}

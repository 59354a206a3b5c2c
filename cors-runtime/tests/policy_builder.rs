//! `Policy::builder()`: the same checks as `cors!`, every problem placed, and a policy
//! that answers like the macro's.

mod common;

use common::assert_placed;
use cors_runtime::{CorsPolicy, Location, Policy, PolicyError, Probe, Rule, cors};

fn assert_policy_traits<P: CorsPolicy + Clone + std::fmt::Debug + Send + Sync + 'static>() {}

#[test]
fn policy_is_a_cloneable_thread_safe_cors_policy() {
    assert_policy_traits::<Policy>();
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<PolicyError>();
}

#[test]
fn every_problem_is_reported_at_its_entry() {
    let error = Policy::builder()
        .origin("https://a.example")
        .origins(["https://A.example", "https://b.example/"])
        .methods(["PUT", "TRACE"])
        .allow_headers(["x-ok", "cookie"])
        .expose_headers(["set-cookie"])
        .max_age(100_000)
        .preflight_status(301)
        .build()
        .unwrap_err();
    assert_placed(
        &error,
        &[
            (Rule::O5, "origin[1]"),
            (Rule::O4, "origin[2]"),
            (Rule::M2, "methods[1]"),
            (Rule::H2, "allow_headers[1]"),
            (Rule::E2, "expose_headers[0]"),
            (Rule::A1, "max_age"),
            (Rule::S1, "preflight_status"),
        ],
    );
}

/// Thousands of origins (a tenant list) build, entry by entry (building is linear in the
/// list; no test measures time), and a duplicate far from its first copy is reported at
/// its own place (O14), as are the entries of a second call.
#[test]
fn a_long_origin_list_builds_and_places_its_duplicates() {
    let origins: Vec<String> = (0..20_000)
        .map(|i| format!("https://t{i}.example.com"))
        .collect();
    let policy = Policy::builder().origins(origins.clone()).build().unwrap();
    assert!(policy.allows_origin(b"https://t19999.example.com"));
    assert!(!policy.allows_origin(b"https://t20000.example.com"));
    let error = Policy::builder()
        .origins(origins)
        .origins(["https://t5.example.com", "https://*.t9.example.com"])
        .origin("https://x.t9.example.com/")
        .build()
        .unwrap_err();
    assert_placed(
        &error,
        &[(Rule::O14, "origin[20000]"), (Rule::O4, "origin[20002]")],
    );
}

#[test]
fn the_missing_origin_is_reported_at_the_policy() {
    let error = Policy::builder().methods(["PUT"]).build().unwrap_err();
    assert_eq!(error.violations().len(), 1);
    assert_eq!(error.violations()[0].at, Location::Policy);
    assert_eq!(
        error.to_string(),
        "invalid CORS policy (1 error)\n\
         the policy: missing `origin`: a policy must say which origins it allows [O1]\n  \
         = help: add `.origin(\"https://app.example.com\")` (or `.any_origin()` for a public API without credentials)"
    );
}

#[test]
fn list_methods_append_and_scalar_methods_replace() {
    let policy = Policy::builder()
        .origin("https://a.example")
        .origin("https://b.example")
        .methods(["PUT"])
        .methods(["DELETE"])
        .max_age(5)
        .max_age(600)
        .credentials(true)
        .credentials(false)
        .build()
        .unwrap();
    assert!(policy.allows_origin(b"https://a.example"));
    assert!(policy.allows_origin(b"https://b.example"));
    let settings = policy.settings();
    assert_eq!(settings.allow_methods, Some("PUT, DELETE"));
    assert_eq!(settings.max_age, Some("600"));
    assert!(!settings.credentials);
}

#[test]
fn max_age_takes_u32_and_i64() {
    let unsigned = Policy::builder().any_origin().max_age(600_u32).build();
    let signed = Policy::builder().any_origin().max_age(600_i64).build();
    assert_eq!(unsigned, signed);
    let huge = Policy::builder()
        .any_origin()
        .max_age(u32::MAX)
        .build()
        .unwrap_err();
    assert!(huge.breaks(Rule::A1));
}

#[test]
fn opt_ins_lift_their_rules() {
    let refused = Policy::builder()
        .origins(["null", "http://intranet.example"])
        .credentials(true)
        .build()
        .unwrap_err();
    assert_placed(
        &refused,
        &[(Rule::O10, "origin[0]"), (Rule::O13, "origin[1]")],
    );
    let allowed = Policy::builder()
        .origins(["null", "http://intranet.example"])
        .credentials(true)
        .dangerously_allow_null_origin(true)
        .dangerously_allow_insecure_origins(true)
        .build()
        .unwrap();
    assert!(allowed.allows_origin(b"null"));
    assert!(allowed.allows_origin(b"http://intranet.example"));
}

/// The builder's policy decides every request like the macro's policy with the same keys.
#[test]
fn a_built_policy_answers_like_the_same_cors_policy() {
    let macro_policy = cors! {
        origin: ["https://app.example.com", "https://*.example.org", "http://localhost:*"],
        methods: [PUT, DELETE, "PROPFIND"],
        allow_headers: ["content-type", "x-api-key"],
        expose_headers: ["x-total-count"],
        credentials: true,
        max_age: 600,
        private_network: true,
    };
    let built = Policy::builder()
        .origins([
            "https://app.example.com",
            "https://*.example.org",
            "http://localhost:*",
        ])
        .methods(["PUT", "DELETE", "PROPFIND"])
        .allow_headers(["content-type", "x-api-key"])
        .expose_headers(["x-total-count"])
        .credentials(true)
        .max_age(600)
        .private_network(true)
        .build()
        .unwrap();
    assert_eq!(built.settings(), macro_policy.settings());
    let origins = [
        "https://app.example.com",
        "https://eu.example.org",
        "https://a.b.example.org",
        "https://example.org",
        "https://evilexample.org",
        "https://example.org.evil.com",
        "http://localhost",
        "http://localhost:5173",
        "http://localhost:0",
        "https://APP.example.com",
        "null",
    ];
    let methods = ["GET", "PUT", "DELETE", "delete", "PROPFIND", "PATCH"];
    let headers = ["content-type", "X-Api-Key", "authorization", "x-other"];
    for origin in origins {
        assert_eq!(
            Probe::request("GET", origin).explain(&built),
            Probe::request("GET", origin).explain(&macro_policy),
            "{origin}"
        );
        for method in methods {
            for header in headers {
                let probe = Probe::preflight(origin, method)
                    .header(header)
                    .private_network();
                assert_eq!(
                    probe.explain(&built),
                    probe.explain(&macro_policy),
                    "{probe:?}"
                );
            }
        }
    }
}

#[test]
fn errors_follow_the_order_of_the_configuration() {
    let error = Policy::builder()
        .max_age(-1)
        .allow_headers(["cookie"])
        .origins(["https://a.example/", "https://b.example/"])
        .build()
        .unwrap_err();
    let places: Vec<String> = error
        .violations()
        .iter()
        .map(|violation| format!("{} {}", violation.at, violation.rule()))
        .collect();
    assert_eq!(
        places,
        [
            "max_age A1",
            "allow_headers[0] H2",
            "origin[0] O4",
            "origin[1] O4"
        ]
    );
    #[cfg(feature = "serde")]
    {
        // serde_json hands keys over in file order (the `toml` crate sorts a table's
        // keys unless its `preserve_order` feature is on).
        let error = serde_json::from_str::<Policy>(
            r#"{"preflight_status": 301, "max_age": -1, "origin": "https://a.example/"}"#,
        )
        .unwrap_err()
        .to_string();
        let s1 = error.find("[S1]").unwrap();
        let a1 = error.find("[A1]").unwrap();
        let o4 = error.find("[O4]").unwrap();
        assert!(s1 < a1 && a1 < o4, "{error}");
    }
}

#[test]
fn debug_is_the_readable_report_and_fixes_are_worded_for_the_source() {
    let error = Policy::builder()
        .origin("null")
        .origins_from_env("CORS_TEST_UNSET_VARIABLE_FOR_WORDING")
        .build()
        .unwrap_err();
    assert_eq!(format!("{error:?}"), error.to_string());
    assert_eq!(
        error.violations()[0].problem.help.as_deref(),
        Some("remove it, or add `.dangerously_allow_null_origin(true)` if you accept that")
    );
    #[cfg(feature = "serde")]
    {
        let error = serde_json::from_str::<Policy>(r#"{"origin": "null"}"#)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("add `dangerously_allow_null_origin = true`"),
            "{error}"
        );
    }
}

#[test]
fn wildcard_labels_are_ldh_at_run_time_too() {
    let policy = Policy::builder()
        .origin("https://*.app.test")
        .build()
        .expect("valid");
    let generated = cors! { origin: "https://*.app.test" };
    for (origin, allowed) in [
        ("https://a.app.test", true),
        ("https://a-b.c.app.test", true),
        ("https://-a.app.test", false),
        ("https://a-.app.test", false),
        ("https://a_b.app.test", false),
        ("https://b.-a.app.test", false),
    ] {
        assert_eq!(policy.allows_origin(origin.as_bytes()), allowed, "{origin}");
        assert_eq!(
            generated.allows_origin(origin.as_bytes()),
            allowed,
            "{origin}"
        );
    }
}

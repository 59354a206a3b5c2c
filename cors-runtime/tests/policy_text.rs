//! A runtime `Policy` prints itself in the policy language, with the same text as the
//! `cors!` type of the same policy (one implementation, in cors-policy-core).

use cors_runtime::{Policy, cors};

#[test]
fn runtime_and_compile_time_policies_print_the_same_text() {
    let compiled = cors! {
        origin: ["https://b.example", "https://a.example", "https://*.example.org", "null"],
        methods: [delete, PUT, "M-SEARCH"],
        allow_headers: ["X-Api-Key", "content-type"],
        expose_headers: ["x-total-count", "cache-control"],
        credentials: true,
        max_age: 600,
        preflight_status: 200,
        dangerously_allow_null_origin: true,
    };
    let runtime = Policy::builder()
        .origins([
            "https://b.example",
            "https://a.example",
            "https://*.example.org",
            "null",
        ])
        .methods(["delete", "PUT", "M-SEARCH"])
        .allow_headers(["X-Api-Key", "content-type"])
        .expose_headers(["x-total-count", "cache-control"])
        .credentials(true)
        .max_age(600)
        .preflight_status(200)
        .dangerously_allow_null_origin(true)
        .build()
        .unwrap();
    let expected = r#"{ origin: ["https://a.example", "https://b.example", "null", "https://*.example.org"], methods: [DELETE, PUT, "M-SEARCH"], allow_headers: ["x-api-key", "content-type"], expose_headers: ["x-total-count"], credentials: true, max_age: 600, dangerously_allow_null_origin: true, preflight_status: 200 }"#;
    assert_eq!(format!("{runtime:?}"), format!("Policy {expected}"));
    assert_eq!(format!("{compiled:?}"), format!("CorsPolicy {expected}"));
    assert_eq!(
        format!("{runtime:#?}").replacen("Policy", "", 1),
        format!("{compiled:#?}").replacen("CorsPolicy", "", 1),
    );
}

#[test]
fn the_multiline_text_is_a_cors_invocation() {
    let policy = Policy::builder()
        .any_origin()
        .methods(["*"])
        .allow_headers(["*", "authorization"])
        .build()
        .unwrap();
    assert_eq!(
        format!("{:#}", policy.compiled().text("cors!")),
        "cors! {\n    origin: *,\n    methods: *,\n    allow_headers: [\"*\", \"authorization\"],\n}"
    );
}

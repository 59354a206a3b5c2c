//! Raw identifiers are Rust's spelling, not the policy's: `r#PUT` is the method `PUT`,
//! `r#origin` the key `origin`, and an item `r#Match` prints as `Match`.
use cors_runtime::CorsPolicy;

cors_runtime::cors! {
    struct r#Match {
        origin: ["https://app.example.com"],
    }
}

fn main() {
    let policy = cors_runtime::cors! {
        r#origin: "https://app.example.com",
        methods: [r#PUT, DELETE],
    };
    assert_eq!(policy.settings().allow_methods, Some("PUT, DELETE"));
    assert!(policy.allows_method(b"PUT"));
    assert!(!policy.allows_method(b"r#PUT"));
    assert_eq!(
        format!("{:?}", r#Match),
        r#"Match { origin: ["https://app.example.com"] }"#
    );
}

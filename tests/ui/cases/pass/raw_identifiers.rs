//! Raw identifiers are Rust's spelling, not the policy's: `r#PUT` is the method `PUT`,
//! `r#origin` the key `origin`.
use cors_runtime::CorsPolicy;

fn main() {
    let policy = cors_runtime::cors! {
        r#origin: "https://app.example.com",
        methods: [r#PUT, DELETE],
    };
    assert_eq!(policy.settings().allow_methods, Some("PUT, DELETE"));
    assert!(policy.allows_method(b"PUT"));
    assert!(!policy.allows_method(b"r#PUT"));
}

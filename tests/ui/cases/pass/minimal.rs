//! The smallest policy: one origin; defaults everywhere else.
use cors_runtime::CorsPolicy;
use cors_runtime::engine::Settings;

fn main() {
    let policy = cors_runtime::cors! { origin: "https://app.example.com" };
    assert_eq!(std::mem::size_of_val(&policy), 0);
    assert!(policy.allows_origin(b"https://app.example.com"));
    assert!(!policy.allows_origin(b"https://app.example.com/"));
    assert!(!policy.allows_origin(b"https://APP.example.com"));
    assert!(!policy.allows_method(b"PUT"));
    assert!(!policy.allows_request_header(b"content-type"));
    assert_eq!(policy.settings(), Settings::DEFAULT);
}

//! Decided edges that compile: `user-agent` (no longer a forbidden request header in the
//! Fetch standard; Firefox sends it) and a fully qualified origin (`example.com.`, which
//! browsers send as written, a distinct origin from `example.com`).
use cors_runtime::CorsPolicy;

fn main() {
    let policy = cors_runtime::cors! {
        origin: ["https://app.example.com", "https://app.example.com."],
        allow_headers: ["user-agent"],
    };
    assert!(policy.allows_request_header(b"user-agent"));
    assert!(policy.allows_origin(b"https://app.example.com."));
    assert!(policy.allows_origin(b"https://app.example.com"));
    assert!(!policy.allows_origin(b"https://app.example.com.."));
}

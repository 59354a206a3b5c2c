//! The dangerous opt-ins make O10 and O13 pass, deliberately.
use cors_runtime::CorsPolicy;

fn main() {
    let policy = cors_runtime::cors! {
        origin: ["null", "http://intranet.example.com"],
        credentials: true,
        dangerously_allow_null_origin: true,
        dangerously_allow_insecure_origins: true,
    };
    assert!(policy.allows_origin(b"null"));
    assert!(policy.allows_origin(b"http://intranet.example.com"));
    assert!(!policy.allows_origin(b"Null"));
}

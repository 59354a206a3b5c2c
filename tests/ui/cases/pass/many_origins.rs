//! A thousand exact origins compile to a decision tree that matches each of them and
//! nothing else.
use cors_runtime::CorsPolicy;

include!("thousand_origins.in");

fn main() {
    let policy = thousand_origins();
    for i in 0..1000 {
        let origin = format!("https://tenant{i}.example.com");
        assert!(policy.allows_origin(origin.as_bytes()), "{origin}");
        let near = format!("https://tenant{i}.example.con");
        assert!(!policy.allows_origin(near.as_bytes()), "{near}");
    }
    assert!(!policy.allows_origin(b"https://tenant1000.example.com"));
    assert!(!policy.allows_origin(b"https://tenant.example.com"));
    assert!(!policy.allows_origin(b""));
}

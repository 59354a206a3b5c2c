//! Both pattern forms, combined and alone, against look-alike origins.
use cors_runtime::CorsPolicy;

fn main() {
    let policy = cors_runtime::cors! {
        origin: [
            "https://*.example.com",
            "http://localhost:*",
            "http://*.localhost:*",
            "http://[::1]:*",
            "https://*.example.net:8443",
        ],
        credentials: true,
    };
    for allowed in [
        "https://a.example.com",
        "https://a.b.example.com",
        "http://localhost",
        "http://localhost:5173",
        "http://app.localhost:3000",
        "http://[::1]:8080",
        "https://x.example.net:8443",
    ] {
        assert!(policy.allows_origin(allowed.as_bytes()), "{allowed}");
    }
    for refused in [
        "https://example.com",
        "https://evilexample.com",
        "https://example.com.evil.com",
        "https://a.example.com:443",
        "http://a.example.com",
        "https://A.example.com",
        "http://localhost.evil.com",
        "http://localhost:0",
        "http://localhost:99999",
        "https://x.example.net",
        "https://x.example.net:8444",
        "null",
    ] {
        assert!(!policy.allows_origin(refused.as_bytes()), "{refused}");
    }
    wildcard_labels_are_ldh();
}

/// The `*` of a pattern stands for LDH labels only, in generated code as at run time.
fn wildcard_labels_are_ldh() {
    let policy = cors_runtime::cors! { origin: "https://*.app.test" };
    for inside in [
        "https://a.app.test",
        "https://a-b.c.app.test",
        "https://0.app.test",
    ] {
        assert!(policy.allows_origin(inside.as_bytes()), "{inside}");
    }
    for outside in [
        "https://-a.app.test",
        "https://a-.app.test",
        "https://a_b.app.test",
        "https://A.app.test",
    ] {
        assert!(!policy.allows_origin(outside.as_bytes()), "{outside}");
    }
    // So an exact entry the `*` never stands for is not covered by the pattern (O14): it
    // may be listed beside it, and is allowed through its own entry.
    let beside = cors_runtime::cors! {
        origin: ["https://a_b.app.test", "https://-a.app.test", "https://*.app.test"],
    };
    for listed in [
        "https://a_b.app.test",
        "https://-a.app.test",
        "https://a.app.test",
    ] {
        assert!(beside.allows_origin(listed.as_bytes()), "{listed}");
    }
    assert!(!beside.allows_origin(b"https://x_y.app.test"));
}

//! Every key at once, in an unusual order, with a trailing comma.
use cors_runtime::CorsPolicy;
use cors_runtime::engine::Settings;

fn main() {
    let policy = cors_runtime::cors! {
        max_age: 600,
        credentials: true,
        expose_headers: ["X-Total-Count", "content-type"],
        allow_headers: ["Content-Type", "authorization", "x-api-key"],
        methods: [GET, PUT, DELETE, PATCH, "PROPFIND"],
        origin: ["https://app.example.com", "https://*.example.org", "http://localhost:*"],
        private_network: true,
        preflight_status: 200,
        preflight_continue: true,
        dangerously_allow_null_origin: false,
        dangerously_allow_insecure_origins: false,
        cross_origin_protection: true,
    };
    assert_eq!(
        policy.settings(),
        Settings {
            any_origin: false,
            credentials: true,
            allow_methods: Some("GET, PUT, DELETE, PATCH, PROPFIND"),
            allow_headers: Some("content-type, authorization, x-api-key"),
            // `content-type` is safelisted: always readable, nothing to send.
            expose_headers: Some("x-total-count"),
            max_age: Some("600"),
            private_network: true,
            preflight_status: 200,
            preflight_continue: true,
            cross_origin_protection: true,
        }
    );
    assert!(policy.allows_method(b"PATCH"));
    assert!(policy.allows_method(b"PROPFIND"));
    assert!(!policy.allows_method(b"patch"));
    assert!(!policy.allows_method(b"POSTX"));
    assert!(policy.allows_request_header(b"content-type"));
    assert!(policy.allows_request_header(b"X-API-KEY"));
    assert!(!policy.allows_request_header(b"x-api-keys"));
    assert!(policy.allows_origin(b"http://localhost:5173"));
    assert!(policy.allows_origin(b"https://a.b.example.org"));
}

//! `*` everywhere, without credentials: a public API.
use cors_runtime::CorsPolicy;

fn main() {
    let policy = cors_runtime::cors! {
        origin: *,
        methods: *,
        allow_headers: *,
        expose_headers: *,
    };
    let settings = policy.settings();
    assert!(settings.any_origin);
    assert_eq!(settings.allow_methods, Some("*"));
    assert_eq!(settings.allow_headers, Some("*"));
    assert_eq!(settings.expose_headers, Some("*"));
    assert!(policy.allows_method(b"PROPFIND"));
    assert!(!policy.allows_method(b"NOT A TOKEN"));
    assert!(policy.allows_request_header(b"x-anything"));
    // The Fetch standard: `*` never covers `authorization`.
    assert!(!policy.allows_request_header(b"Authorization"));

    let with_authorization =
        cors_runtime::cors! { origin: *, allow_headers: ["*", "authorization"] };
    assert_eq!(
        with_authorization.settings().allow_headers,
        Some("*, authorization")
    );
    assert!(with_authorization.allows_request_header(b"authorization"));
}

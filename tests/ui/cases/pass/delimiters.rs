//! Any delimiter works; `delete` is normalized; `GET`, `HEAD`, `POST` may be listed.
use cors_runtime::CorsPolicy;

fn main() {
    let parens = cors_runtime::cors!(origin: "https://a.example.com", methods: [delete, GET]);
    let brackets =
        cors_runtime::cors![origin: ["https://a.example.com"], methods: ["DELETE", "GET"],];
    assert_eq!(parens.settings(), brackets.settings());
    assert_eq!(parens.settings().allow_methods, Some("DELETE, GET"));
    assert!(parens.allows_method(b"DELETE"));
}

//! K3: header names are strings, not identifiers.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        allow_headers: [content_type],
    };
}

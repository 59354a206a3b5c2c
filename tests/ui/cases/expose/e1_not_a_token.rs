//! E1: an exposed header name is one token.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        expose_headers: ["x total"],
    };
}

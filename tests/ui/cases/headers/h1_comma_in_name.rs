//! H1: each header is its own string.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        allow_headers: ["content-type, x-api-key"],
    };
}

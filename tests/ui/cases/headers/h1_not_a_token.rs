//! H1: a header name is one token.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        allow_headers: ["x api key"],
    };
}

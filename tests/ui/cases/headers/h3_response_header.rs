//! H3: the classic mistake: a response header as an allowed request header.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        allow_headers: ["Access-Control-Allow-Origin"],
    };
}

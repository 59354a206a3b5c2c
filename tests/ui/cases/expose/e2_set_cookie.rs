//! E2: `set-cookie` is never readable.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        expose_headers: ["Set-Cookie"],
    };
}

//! E4: `access-control-request-*` are request headers.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        expose_headers: ["access-control-request-method"],
    };
}

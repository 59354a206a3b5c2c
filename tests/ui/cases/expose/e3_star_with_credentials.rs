//! E3: `*` exposed headers with credentials.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        expose_headers: *,
        credentials: true,
    };
}

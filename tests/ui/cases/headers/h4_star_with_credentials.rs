//! H4: `*` headers with credentials.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        allow_headers: *,
        credentials: true,
    };
}

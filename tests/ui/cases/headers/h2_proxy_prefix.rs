//! H2: `proxy-*` headers are forbidden to pages.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        allow_headers: ["Proxy-Authorization"],
    };
}

//! H2: `cookie` is forbidden to pages.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        allow_headers: ["content-type", "cookie"],
    };
}

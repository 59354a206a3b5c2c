//! H2: Chromium forbids `user-agent`.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        allow_headers: ["user-agent"],
    };
}

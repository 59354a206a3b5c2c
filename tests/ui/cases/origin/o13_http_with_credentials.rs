//! O13: plain http with credentials (loopback is fine).
fn main() {
    let _policy = cors_runtime::cors! {
        origin: ["http://app.example.com", "http://localhost:3000"],
        credentials: true,
    };
}

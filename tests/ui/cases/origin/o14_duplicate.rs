//! O14: an origin listed twice.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: ["https://app.example.com", "https://app.example.com"],
    };
}

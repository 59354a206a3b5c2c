//! Syntax: `key: value`.
fn main() {
    let _policy = cors_runtime::cors! {
        origin "https://app.example.com",
    };
}

//! A1: negative max-age.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        max_age: -1,
    };
}

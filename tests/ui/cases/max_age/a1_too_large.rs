//! A1: no browser honours more than 86400 s.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        max_age: 100000,
    };
}

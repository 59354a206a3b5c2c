//! A1: a number too large for any integer is still explained by the range rule.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        max_age: 99999999999999999999999,
    };
}

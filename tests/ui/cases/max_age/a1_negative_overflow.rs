//! A1: a negative number too large for any integer is still negative, as serde says.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        max_age: -99999999999999999999999,
    };
}

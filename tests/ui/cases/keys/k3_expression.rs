//! K3: values are literals, not expressions.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        max_age: 60 * 10,
    };
}

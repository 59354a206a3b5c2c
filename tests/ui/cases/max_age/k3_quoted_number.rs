//! K3: a quoted number.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        max_age: "600",
    };
}

//! K3: a whole number written as a float; the help writes the integer.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        max_age: 600.0,
    };
}

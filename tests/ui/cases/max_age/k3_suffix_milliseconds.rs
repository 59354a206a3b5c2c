//! K3: a unit suffix is not a unit: `600ms` would have been 600 seconds.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        max_age: 600ms,
    };
}

//! K3: `10m` is not ten minutes: `max_age` is a plain number of seconds.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        max_age: 10m,
    };
}

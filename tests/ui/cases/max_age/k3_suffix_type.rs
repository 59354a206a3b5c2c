//! K3: a type suffix (`600u8` does not even fit a `u8`) is refused too.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        max_age: 600u8,
    };
}

//! K3: a byte string where a string belongs; the help writes the string.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: b"https://app.example.com",
    };
}

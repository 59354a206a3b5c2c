//! K3: a quoted boolean.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        credentials: "true",
    };
}

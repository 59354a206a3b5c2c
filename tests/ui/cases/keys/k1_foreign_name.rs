//! K1: a name from actix-cors maps to ours.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        supports_credentials: true,
    };
}

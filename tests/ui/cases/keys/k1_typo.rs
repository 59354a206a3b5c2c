//! K1: a typo.
fn main() {
    let _policy = cors_runtime::cors! {
        orign: "https://app.example.com",
    };
}

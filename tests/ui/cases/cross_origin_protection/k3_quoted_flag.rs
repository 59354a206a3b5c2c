//! K3: `cross_origin_protection` takes `true` or `false`, not a string.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        cross_origin_protection: "true",
    };
}

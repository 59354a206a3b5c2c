//! C2: cross-origin protection with the `null` origin allowed: any site can send it.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: ["https://app.example.com", "null"],
        dangerously_allow_null_origin: true,
        cross_origin_protection: true,
    };
}

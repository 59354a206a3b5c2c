//! O12: `*.` directly on a TLD.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://*.com",
    };
}

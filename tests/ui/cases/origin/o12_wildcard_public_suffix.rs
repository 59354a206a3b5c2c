//! O12: `*.` directly on a public suffix.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://*.co.uk",
    };
}

//! O7: an empty port.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "http://localhost:",
    };
}

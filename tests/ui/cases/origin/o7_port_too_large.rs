//! O7: port above 65535.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "http://localhost:70000",
    };
}

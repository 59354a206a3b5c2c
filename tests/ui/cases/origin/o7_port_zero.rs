//! O7: port 0.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "http://localhost:0",
    };
}

//! O9: `127.1` is sent as `127.0.0.1`.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "http://127.1:8080",
    };
}

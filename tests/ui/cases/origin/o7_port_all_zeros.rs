//! O7: an all-zero port is port 0 (no fix: without its zeros the port is empty).
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "http://localhost:00",
    };
}

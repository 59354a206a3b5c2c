//! O7: a port with a leading zero.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "http://localhost:08080",
    };
}

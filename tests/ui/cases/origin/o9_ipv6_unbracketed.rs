//! O9: IPv6 addresses are bracketed.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "http://::1",
    };
}

//! O9: IPv6 addresses are sent compressed.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "http://[0:0:0:0:0:0:0:1]:8080",
    };
}

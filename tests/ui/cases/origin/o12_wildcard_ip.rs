//! O12: `*.` on an IP address.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "http://*.127.0.0.1",
    };
}

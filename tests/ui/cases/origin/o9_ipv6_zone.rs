//! O9: no IPv6 zone identifier.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "http://[fe80::1%eth0]:8080",
    };
}

//! P1: private network access with origin `*`.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: *,
        private_network: true,
    };
}

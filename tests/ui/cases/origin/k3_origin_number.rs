//! K3: `origin` takes strings.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: 42,
    };
}

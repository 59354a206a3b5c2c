//! O4: no empty host.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://",
    };
}

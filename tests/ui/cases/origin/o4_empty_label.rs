//! O4: no empty host label.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app..example.com",
    };
}

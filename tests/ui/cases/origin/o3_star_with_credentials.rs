//! O3: `*` with credentials.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: *,
        credentials: true,
    };
}

//! O12: `*` only as the leading label.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://api.*.example.com",
    };
}

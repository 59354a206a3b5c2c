//! O12: `*` only as a whole leading label.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://*example.com",
    };
}

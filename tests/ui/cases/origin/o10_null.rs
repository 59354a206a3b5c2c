//! O10: `null` is as open as `*` without the dangerous opt-in.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: ["https://app.example.com", "null"],
    };
}

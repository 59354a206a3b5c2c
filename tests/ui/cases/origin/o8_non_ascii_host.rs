//! O8: non-ASCII hosts are sent in punycode; the fix is computed.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://bücher.example",
    };
}

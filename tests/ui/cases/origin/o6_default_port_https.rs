//! O6: `:443` is never sent for https.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com:443",
    };
}

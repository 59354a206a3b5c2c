//! O4: no query.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com?tenant=1",
    };
}

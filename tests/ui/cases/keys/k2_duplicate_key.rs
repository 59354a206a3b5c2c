//! K2: a key given twice.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        credentials: true,
        credentials: false,
    };
}

//! O2: `*` cannot sit beside other origins.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: ["https://app.example.com", "*"],
    };
}

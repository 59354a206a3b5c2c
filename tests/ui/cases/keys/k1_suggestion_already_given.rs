//! K1: the help never suggests a key that is given already (following it would be K2).
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        origins: ["https://admin.example.com"],
    };
}

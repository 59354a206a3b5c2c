//! K3: a status code takes no suffix.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        preflight_status: 200u16,
    };
}

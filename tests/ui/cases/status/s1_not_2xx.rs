//! S1: 400 fails every preflight.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        preflight_status: 400,
    };
}

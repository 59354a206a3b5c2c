//! S1: a redirect fails every preflight.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        preflight_status: 301,
    };
}

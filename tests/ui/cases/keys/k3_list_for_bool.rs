//! K3: a list where a boolean goes.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        preflight_continue: [true],
    };
}

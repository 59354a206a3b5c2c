//! K1: nothing close: the keys are listed.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        colour: true,
    };
}

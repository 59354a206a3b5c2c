//! K1: an unknown key suggests the nearest one; the other keys are still checked.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        allowed_headers: ["content-type"],
        max_age: 100000,
    };
}

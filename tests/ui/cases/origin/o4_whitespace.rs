//! O4: no white space (the fix trims it).
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com ",
    };
}

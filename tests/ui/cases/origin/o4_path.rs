//! O4: an origin has no path.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com/api/v1",
    };
}

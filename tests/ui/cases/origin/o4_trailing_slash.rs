//! O4: an origin has no path, not even `/`.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: ["https://app.example.com/"],
    };
}

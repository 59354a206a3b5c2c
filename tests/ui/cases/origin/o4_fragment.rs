//! O4: no fragment.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com#top",
    };
}

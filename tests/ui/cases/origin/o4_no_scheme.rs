//! O4: a bare host is not an origin.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "app.example.com",
    };
}

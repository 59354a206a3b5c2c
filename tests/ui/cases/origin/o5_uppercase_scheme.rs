//! O5: browsers send the scheme in lowercase.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "HTTPS://app.example.com",
    };
}

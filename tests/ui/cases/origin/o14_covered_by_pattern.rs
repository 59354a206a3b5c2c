//! O14: an origin a pattern already covers.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: ["https://api.example.com", "https://*.example.com"],
    };
}

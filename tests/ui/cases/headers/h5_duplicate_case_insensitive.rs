//! H5: names are case-insensitive.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        allow_headers: ["X-Api-Key", "x-api-key"],
    };
}

//! H5: only `authorization` may sit beside `*`.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        allow_headers: ["*", "x-api-key"],
    };
}

//! H5: a duplicate is a duplicate, with or without `*` beside it.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        allow_headers: ["authorization", "*", "authorization"],
    };
}

//! K3: a list in a list, worded as a configuration's ("a list").
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        allow_headers: [["x-api-key"]],
    };
}

//! Syntax: a key in quotes, as in JSON, is one error (not also a missing `origin`), and
//! the entry is still checked.
fn main() {
    let _policy = cors_runtime::cors! {
        "origin": "https://app.example.com",
    };
}

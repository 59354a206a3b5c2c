//! Syntax: a doc comment on a key is one error (not also a missing `origin`), and the
//! entry is still checked.
fn main() {
    let _policy = cors_runtime::cors! {
        /// The front end.
        origin: "https://app.example.com",
    };
}

//! A comma with no entry before it is an error, as an empty list element is.
fn main() {
    let _ = cors_runtime::cors! {
        origin: "https://app.example.com",,
        methods: [PUT],
    };
}

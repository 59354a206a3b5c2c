//! K3: a number in a list of strings, worded as a configuration's ("a number").
fn main() {
    let _policy = cors_runtime::cors! {
        origin: ["https://app.example.com", 7],
    };
}

//! K1: the value of a mistyped key is checked as the key it suggests, so that following
//! the help does not reveal a second error: here the trailing slash (O4).
fn main() {
    let _policy = cors_runtime::cors! {
        orign: "https://app.example.com/",
    };
}

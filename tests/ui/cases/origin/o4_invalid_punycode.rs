//! O4: an `xn--` label that is not the punycode of a Unicode label: a host the URL
//! standard refuses, so no browser sends this origin.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://xn--0.example",
    };
}

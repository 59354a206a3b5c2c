//! Syntax: a wrong keyword in the item form is said on it, and the policy is still
//! checked; the expansion stays an item, so code naming the type still compiles.
cors_runtime::cors! {
    pub strcut ApiCors {
        origin: "https://app.example.com/",
    }
}

fn main() {
    let _ = ApiCors;
}

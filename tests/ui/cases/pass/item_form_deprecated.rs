//! The item form takes attributes: a deprecated policy type warns where the user names
//! it, not in the expansion's own implementations.
#![deny(warnings)]

cors_runtime::cors! {
    #[deprecated = "use NewCors"]
    pub struct OldCors {
        origin: "https://app.example.com",
    }
}

fn main() {}

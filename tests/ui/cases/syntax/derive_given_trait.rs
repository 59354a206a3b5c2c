//! The item form derives and implements `Clone`, `Copy`, `Default`, `PartialEq`, `Eq`,
//! `Hash` and `Debug` itself: a `derive` of one of them is said on its name (not as
//! rustc's conflicting implementations), and the other derives stay.
cors_runtime::cors! {
    #[derive(Debug, PartialOrd, Ord)]
    pub struct Api {
        origin: "https://app.example.com",
    }
}

fn main() {
    assert!(Api <= Api);
}

//! A `derive` inside `cfg_attr` of a trait the item form already gives is said on its
//! name too (not as rustc's conflicting implementations), and the other derives stay.
cors_runtime::cors! {
    #[cfg_attr(all(), derive(Clone, PartialOrd), allow(dead_code))]
    pub struct Api {
        origin: "https://app.example.com",
    }
}

fn main() {
    assert!(Api <= Api);
}

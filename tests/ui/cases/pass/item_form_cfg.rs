//! The item form takes attributes: a `#[cfg]` that leaves the type out leaves its
//! implementations out too.
cors_runtime::cors! {
    #[cfg(any())]
    pub struct Disabled {
        origin: "https://app.example.com",
    }
}

// A `cfg` inside `cfg_attr` too; the `cfg_attr`'s other attributes stay the type's.
cors_runtime::cors! {
    #[cfg_attr(all(), cfg(any()), derive(PartialOrd))]
    pub struct AlsoDisabled {
        origin: "https://app.example.com",
    }
}

cors_runtime::cors! {
    #[cfg(all())]
    pub struct Enabled {
        origin: "https://app.example.com",
    }
}

fn main() {
    let _ = Enabled;
}

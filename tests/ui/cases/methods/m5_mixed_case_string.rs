//! M5: `Propfind` is not normalized by browsers.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        methods: ["Propfind"],
    };
}

//! M4: `*` beside other methods.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        methods: [*, PUT],
    };
}

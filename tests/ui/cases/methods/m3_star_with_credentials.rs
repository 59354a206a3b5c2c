//! M3: `*` methods with credentials.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        methods: *,
        credentials: true,
    };
}

//! M4: `delete` is normalized to `DELETE`.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        methods: [DELETE, delete],
    };
}

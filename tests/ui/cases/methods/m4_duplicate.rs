//! M4: a method listed twice.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        methods: [PUT, "PUT"],
    };
}

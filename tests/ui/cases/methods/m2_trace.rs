//! M2: TRACE can never be sent by a page.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        methods: [PUT, TRACE],
    };
}

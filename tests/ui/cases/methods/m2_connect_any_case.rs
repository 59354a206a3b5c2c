//! M2: CONNECT in any case.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        methods: ["connect"],
    };
}

//! M1: a method is one token.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        methods: ["GET POST"],
    };
}

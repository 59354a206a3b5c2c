//! E4: `origin` is a request header.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        expose_headers: ["origin"],
    };
}

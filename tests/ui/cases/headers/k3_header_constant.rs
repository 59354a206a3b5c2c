//! K3: a tower-http habit, a header constant where `cors!` reads a literal name.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        allow_headers: [header::CONTENT_TYPE],
    };
}

//! K3: every wrong element of a list is reported, and the right ones beside them are
//! still checked (`cookie`: H2).
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        allow_headers: [content_type, "cookie", x_api_key],
    };
}

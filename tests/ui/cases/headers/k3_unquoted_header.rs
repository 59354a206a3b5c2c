//! K3: a header name written without its quotes (`content-type`, as methods are written)
//! is said as written, with the quoted name as the fix.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        allow_headers: [content-type, x-api-key],
        expose_headers: x-total-count,
    };
}

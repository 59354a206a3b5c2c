//! Two `cors!` expressions are two types: mixed in an `if`, rustc says "expected
//! `__CorsPolicy`, found a different `__CorsPolicy`" (the README's "One type for
//! development and production" says to box them).
fn main() {
    let dev = std::env::var_os("DEV").is_some();
    let _policy = if dev {
        cors_runtime::cors! { origin: "http://localhost:*" }
    } else {
        cors_runtime::cors! { origin: "https://app.example.com" }
    };
}

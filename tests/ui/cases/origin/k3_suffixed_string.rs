//! K3: a string literal with a suffix is not a plain string (Rust accepts the suffix on
//! a macro's tokens and would let it be ignored).
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com"suffix,
    };
}

//! O6: `:80` is never sent for http.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "http://localhost:80",
    };
}

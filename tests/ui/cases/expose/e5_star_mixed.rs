//! E5: `*` beside other names.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com",
        expose_headers: ["*", "x-total-count"],
    };
}

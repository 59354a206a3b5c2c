//! O11: `file:` pages send `Origin: null`.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "file:///home/me/app.html",
    };
}

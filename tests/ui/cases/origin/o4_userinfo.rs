//! O4: no userinfo.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://admin@app.example.com",
    };
}

//! O5: browsers send the host in lowercase.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://App.Example.com",
    };
}

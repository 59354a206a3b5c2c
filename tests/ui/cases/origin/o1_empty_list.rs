//! O1: an empty origin list refuses everything.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: [],
    };
}

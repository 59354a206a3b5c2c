//! The item form without its `{ ... }`: one error (no cascaded missing `origin`), and
//! the type is still declared.
cors_runtime::cors! {
    pub struct ApiCors;
}

fn policy() -> ApiCors {
    ApiCors
}

fn main() {
    let _ = policy();
}

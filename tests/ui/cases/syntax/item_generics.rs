//! A policy type takes no generics: one error, and the type is still declared.
cors_runtime::cors! {
    pub struct ApiCors<T> {
        origin: "https://app.example.com",
    }
}

fn policy() -> ApiCors {
    ApiCors
}

fn main() {
    let _ = policy();
}

//! A `;` after the item form's body is one error; the type is still declared, so its
//! uses compile.
cors_runtime::cors! {
    pub struct ApiCors {
        origin: "https://app.example.com",
    };
}

fn policy() -> ApiCors {
    ApiCors
}

fn main() {
    let _ = policy();
}

//! An invalid item-form policy still declares its type, so signatures using it compile:
//! one mistake, one error.
cors_runtime::cors! {
    pub struct ApiCors {
        origin: "https://app.example.com",
        methods: [patch],
    }
}

fn policy() -> ApiCors {
    ApiCors
}

fn main() {
    let _ = policy();
}

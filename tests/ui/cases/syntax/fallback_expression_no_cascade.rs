//! An invalid policy still expands to a policy value, so the code using it type-checks:
//! one mistake, one error.
fn takes_policy<P: cors_runtime::CorsPolicy + Copy>(policy: P) -> P {
    policy
}

fn main() {
    let policy = cors_runtime::cors! {
        origin: "https://app.example.com/",
    };
    let _same = takes_policy(policy);
}

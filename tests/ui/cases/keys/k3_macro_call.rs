//! K3: a macro call where a literal belongs. `cors!` reads its input before `env!` or
//! `concat!` expands, so the help points to the value itself or to a policy built at
//! run time.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: env!("APP_ORIGIN"),
        allow_headers: [concat!("x-", "api-key")],
    };
}

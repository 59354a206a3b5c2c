//! The policy's errors are its own even beside a crate's own `compile_error!` macro.
macro_rules! compile_error {
    ($($any:tt)*) => {};
}

fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://app.example.com/",
    };
    compile_error!("unused");
}

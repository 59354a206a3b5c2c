//! O8: a host browsers map before encoding it (UTS #46: full-width letters are ASCII):
//! the error, with no fix, rather than the punycode of the text as written.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "https://ｅｘａｍｐｌｅ.com",
    };
}

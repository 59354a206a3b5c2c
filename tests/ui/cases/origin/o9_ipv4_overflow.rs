//! O9: a hexadecimal IPv4 number over 32 bits: an invalid address, not a domain.
fn main() {
    let _policy = cors_runtime::cors! {
        origin: "http://0x7f12725611256",
    };
}

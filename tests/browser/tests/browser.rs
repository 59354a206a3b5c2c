//! Headless Chromium and Firefox judge every adapter: see the crate docs of `cors-browser-tests`.

fn main() -> std::process::ExitCode {
    cors_browser_tests::suite::main()
}

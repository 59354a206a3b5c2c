//! The real-browser conformance suite: headless Chromium judges every adapter.
//!
//! A page on one origin (`http://app.test`, `http://evil.test`, a sandboxed iframe…)
//! fetches from the project's servers on another, and the suite asserts both what the
//! page observed (the status, body and headers it could read, or the `TypeError` of a
//! blocked request) and what reached the server (every preflight and request, its
//! `Origin`, ACRM, ACRH and `Cookie`, whether a handler ran, the status). The same
//! [`cases`] run against the tower (axum), actix-web and hyper adapters.
//!
//! # Running it
//!
//! ```text
//! cargo test -p cors-browser-tests                  # every case on every adapter
//! cargo test -p cors-browser-tests -- actix::c07    # a filter, as with libtest
//! ```
//!
//! It needs Debian's Chromium and driver (`apt-get install -y chromium chromium-driver`:
//! `/usr/bin/chromium`, `/usr/bin/chromedriver`; `CORS_CHROMIUM` and `CORS_CHROMEDRIVER`
//! point elsewhere). Nothing downloads a browser. Without them the suite passes as a
//! single test, `browser_suite_skipped_chromium_not_installed`, under a banner saying it
//! did not run, unless `CORS_BROWSER_TESTS=require` (CI), which makes that a failure;
//! `CORS_BROWSER_TESTS=skip` skips it even when the browser is there.
//!
//! The test binary has its own harness (`harness = false`, [`suite`]): one browser and
//! one server per (policy × adapter) serve every case, and each case prints one
//! libtest-style line naming the rule it checks (`test actix::c13: M5 method case: …`).
//!
//! # How a case runs
//!
//! - [`servers`]: the page server answers every host name with an empty page; the
//!   policy servers (seven [`policies`] × three adapters) each listen on a free loopback
//!   port and log every request into one [`app::RequestLog`] before their CORS layer
//!   sees it. A handler marks its responses, so the log knows a handler's answer from the
//!   layer's (preflights) and the framework's (404s).
//! - [`browser`]: chromedriver on a free port (`--port=0`), in a process group of its own
//!   with the Chromium it launches, both killed on drop (and on Ctrl-C or SIGTERM); a fresh
//!   profile directory, removed on drop. Chromium runs with `--headless --no-sandbox
//!   --disable-gpu --disable-quic --no-first-run --disable-background-networking
//!   --disable-component-update --disable-sync` and
//!   `--host-resolver-rules="MAP *:80 127.0.0.1:<page port>, MAP * 127.0.0.1"`: every
//!   default-port origin reaches the page server (so policies name exact origins such as
//!   `http://app.test` at compile time), every other host name reaches loopback with its
//!   port (`api.app.test:<port>`). No traffic leaves loopback.
//! - [`runner`]: opens the case's page, runs its steps with `execute_async` (in a
//!   `sandbox="allow-scripts"` iframe for the `null` origin, which posts its results
//!   back), and compares. Every case has its own paths (`/<adapter>/<case>/…`), so the
//!   preflight cache, the HTTP cache and cookies never carry over between cases; the
//!   cases about those caches reuse a URL within the case on purpose.
//!
//! Cookies: the API is reached as `api.app.test`, the same site as the `app.test` pages
//! (and as `localhost` from `localhost` pages), so its cookie (no `SameSite`, hence
//! `Lax`) goes along with `credentials: "include"` over plain http; a `SameSite=None`
//! cookie would need `Secure`, which plain-http origins cannot set. The policy with
//! credentials lists plain-http `.test` origins, which rule O13 allows only with
//! `dangerously_allow_insecure_origins: true` (there is no TLS in the suite).
//!
//! # What Chromium showed that the rules digest does not say
//!
//! - A cross-origin `fetch(url, {mode: "no-cors"})` GET carries no `Origin` at all.
//! - A cached preflight covers every method and header its answer listed: since the
//!   layer sends the policy's whole lists, a PUT's preflight also lets a DELETE, or a PUT
//!   with another listed header, to the same URL through without a new preflight.
//! - The HTTP cache reuses a response cached from a no-`Origin` load for a later CORS
//!   fetch when nothing varies on `Origin` (the `*` policy: `ACAO: *` makes that
//!   harmless); with `Vary: Origin` it goes back to the server.
//! - Preflights carry `Sec-Fetch-Mode: cors` even from plain-http pages, whose other
//!   requests carry no `Sec-Fetch-*` header.
//! - `Sec-Fetch-Site` goes only to potentially trustworthy URLs: a form POST or a
//!   `no-cors` POST to `http://localhost:<port>` says `cross-site` (from `app.test` and
//!   `evil.test` alike), the same request to `http://api.app.test:<port>` carries none.
//!   A WebSocket handshake carries none even to `localhost`: for WebSockets,
//!   cross-origin protection decides on `Origin` against `Host`, then the policy.
//!
//! # Why fantoccini
//!
//! [`fantoccini`] (W3C WebDriver, async, maintained) is built on hyper 1, tokio, `url`
//! and serde, which the workspace builds anyway; with `default-features = false` it
//! brings no TLS stack (chromedriver is on loopback). Its cost is Mozilla's `webdriver`
//! protocol crate, which pulls `icu_segmenter` 1.x and a second `cookie` version (0.16
//! beside fantoccini's 0.18: the one duplicate `cargo tree -d` shows for this crate).
//! The alternatives weigh more:
//! - `thirtyfour` is WebDriver too, but on reqwest plus its own proc-macros: a second
//!   HTTP client stack for the same job, and its default `manager` feature downloads
//!   drivers;
//! - `chromiumoxide` speaks the DevTools protocol through huge generated CDP type
//!   crates over its own websocket client: the heaviest compile of the four;
//! - `headless_chrome` is synchronous (the servers here are async), generates CDP types
//!   too, has its own websocket stack (tungstenite), and a `fetch` feature that downloads
//!   a browser of its own.

pub mod app;
pub mod browser;
pub mod cases;
pub mod policies;
pub mod runner;
pub mod servers;
pub mod suite;

pub use policies::PolicyName;

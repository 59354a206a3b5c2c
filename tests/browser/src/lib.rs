//! The real-browser conformance suite: headless Chromium and headless Firefox judge every
//! adapter.
//!
//! A page on one origin (`http://app.test`, `http://evil.test`, a sandboxed iframe…)
//! fetches from the project's servers on another, and the suite asserts both what the
//! page observed (the status, body and headers it could read, or the `TypeError` of a
//! blocked request) and what reached the server (every preflight and request, its
//! `Origin`, ACRM, ACRH and `Cookie`, whether a handler ran, the status). The same
//! [`cases`] run against the tower (axum), actix-web and hyper adapters, in both engines.
//!
//! # Running it
//!
//! ```text
//! cargo test -p cors-browser-tests                           # every case, adapter, engine
//! cargo test -p cors-browser-tests -- firefox::actix::c07    # a filter, as with libtest
//! cargo test -p cors-browser-tests -- chromium::             # one engine
//! ```
//!
//! It needs Debian's Chromium and driver (`apt-get install -y chromium chromium-driver`:
//! `/usr/bin/chromium`, `/usr/bin/chromedriver`; `CORS_CHROMIUM` and `CORS_CHROMEDRIVER`
//! point elsewhere), and Debian's Firefox ESR (`apt-get install -y firefox-esr`:
//! `/usr/bin/firefox-esr`, or `CORS_FIREFOX`) with geckodriver (`cargo install
//! geckodriver --locked`: on `PATH` or in `~/.cargo/bin`, or `CORS_GECKODRIVER`). Nothing
//! downloads a browser. An engine without them passes as a single test,
//! `browser_suite_skipped_<engine>_not_installed`, under a banner saying it did not run,
//! unless `CORS_BROWSER_TESTS=require` (CI), which makes that a failure;
//! `CORS_BROWSER_TESTS=skip` skips the suite even when the browsers are there.
//!
//! The test binary has its own harness (`harness = false`, [`suite`]): one server per
//! (policy × adapter) serves both engines, one browser per engine serves every case, and
//! each case prints one libtest-style line naming the engine, the adapter and the rule it
//! checks (`test firefox::actix::c13: M5 method case: …`); each engine's time is printed
//! after its cases.
//!
//! # How a case runs
//!
//! - [`servers`]: the page server answers every host name with an empty page; the
//!   policy servers (seven [`policies`] × three adapters) each listen on a free loopback
//!   port and log every request into one [`app::RequestLog`] before their CORS layer
//!   sees it. A handler marks its responses, so the log knows a handler's answer from the
//!   layer's (preflights) and the framework's (404s).
//! - [`browser`]: the engine's driver (chromedriver or geckodriver) on a free port
//!   (`--port=0`), in a process group of its own with the browser it launches, both
//!   killed on drop (and on Ctrl-C or SIGTERM); a fresh profile directory, removed on
//!   drop. Chromium runs with `--headless --no-sandbox
//!   --disable-gpu --disable-quic --no-first-run --disable-background-networking
//!   --disable-component-update --disable-sync` and
//!   `--host-resolver-rules="MAP *:80 127.0.0.1:<page port>, MAP * 127.0.0.1"`: every
//!   default-port origin reaches the page server (so policies name exact origins such as
//!   `http://app.test` at compile time), every other host name reaches loopback with its
//!   port (`api.app.test:<port>`). Firefox has no per-port host mapping: it gets
//!   `network.dns.forceResolve = 127.0.0.1` (every host on loopback, with its port),
//!   `network.dns.disableIPv6` (without it a fresh profile re-sends its first
//!   preflights), and a proxy auto-config script that sends every URL without an explicit
//!   port (the pages) through the page server as an HTTP proxy; it also runs without
//!   updates, telemetry, captive-portal and connectivity checks, safe browsing, remote
//!   settings, DNS over HTTPS, HTTP/3 or speculative connections
//!   ([`browser::firefox_prefs`]). No traffic leaves loopback.
//! - [`runner`]: opens the case's page, runs its steps with `execute_async` (in a
//!   `sandbox="allow-scripts"` iframe for the `null` origin, which posts its results
//!   back), and compares. Every case has its own paths in each engine
//!   (`/<adapter>/<case>-<engine>/…`), so the preflight cache, the HTTP cache and cookies
//!   (scoped to the case's path) never carry over between cases: each case starts as in a
//!   fresh browser context without paying a browser start per case; the cases about
//!   those caches reuse a URL within the case on purpose.
//!
//! Cookies: the API is reached as `api.app.test`, the same site as the `app.test` pages
//! (and as `localhost` from `localhost` pages), so its cookie (no `SameSite`, hence
//! `Lax`) goes along with `credentials: "include"` over plain http; a `SameSite=None`
//! cookie would need `Secure`, which plain-http origins cannot set. The policy with
//! credentials lists plain-http `.test` origins, which rule O13 allows only with
//! `dangerously_allow_insecure_origins: true` (there is no TLS in the suite).
//!
//! # What the engines showed that the rules digest does not say
//!
//! - A cross-origin `fetch(url, {mode: "no-cors"})` GET carries no `Origin` at all.
//! - A cached preflight covers every method and header its answer listed: since the
//!   layer sends the policy's whole lists, a PUT's preflight also lets a DELETE, or a PUT
//!   with another listed header, to the same URL through without a new preflight (both
//!   engines).
//! - Answered `Access-Control-Allow-Methods: *` / `-Headers: *`, Chromium caches the
//!   preflight (with or without a max-age) and Firefox 153 ESR sends it again before every
//!   request; answered with the requested method and headers, both cache it. Hence the
//!   layer's echo for `*` policies (README, decided behaviours), and the `Wild` cases.
//! - Every other case passed unchanged in Firefox: no case needs an engine's own
//!   expectation today ([`cases::Case::except_in`] is there for the first that does).
//! - The HTTP cache reuses a response cached from a no-`Origin` load for a later CORS
//!   fetch when nothing varies on `Origin` (the `*` policy: `ACAO: *` makes that
//!   harmless); with `Vary: Origin` it goes back to the server.
//! - Preflights carry `Sec-Fetch-Mode: cors` even from plain-http pages, whose other
//!   requests carry no `Sec-Fetch-*` header.
//!
//! # Why WebDriver classic, and fantoccini
//!
//! Both engines speak W3C WebDriver classic through their drivers, so one client and one
//! runner drive both, and Firefox needed no new dependency (geckodriver is a `cargo
//! install` from crates.io, as Debian does not package it). WebDriver BiDi (for example
//! puppeteer-core from npm) would give cheap per-case user contexts, but would bring a
//! Node toolchain and a second driver stack into a Rust suite; per-case paths already
//! give each case its own caches and cookies.
//!
//! [`fantoccini`] (W3C WebDriver, async, maintained) is built on hyper 1, tokio, `url`
//! and serde, which the workspace builds anyway; with `default-features = false` it
//! brings no TLS stack (the drivers are on loopback). Its cost is Mozilla's `webdriver`
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

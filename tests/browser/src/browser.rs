//! The two browser engines: Debian's Chromium through Debian's chromedriver, and Debian's
//! Firefox ESR through geckodriver; each started here and killed on drop, whatever
//! happened.
//!
//! The driver starts in a process group of its own and the browser (which it launches)
//! stays in it, so dropping a [`Browser`] kills the whole group by its id: no browser
//! outlives the suite, even when a case panics. The profile is a fresh directory, removed
//! on drop too.
//!
//! Both engines speak W3C WebDriver classic, so one client ([`fantoccini`]) and one
//! runner drive both; only the capabilities and the host mapping differ (see
//! [`chromium_args`] and [`firefox_prefs`]).

use std::io::{self, BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use std::{env, fs, thread};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Map, Value, json};

/// A browser engine the suite runs every case in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Engine {
    /// Chromium (Blink), through chromedriver.
    Chromium,
    /// Firefox ESR (Gecko), through geckodriver.
    Firefox,
}

impl Engine {
    /// Every engine, in run order.
    pub const ALL: [Engine; 2] = [Engine::Chromium, Engine::Firefox];

    /// A short name, used in test names and paths.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
        }
    }

    /// What installs it on Debian.
    pub fn install_hint(self) -> &'static str {
        match self {
            Engine::Chromium => "apt-get install -y chromium chromium-driver",
            Engine::Firefox => {
                "apt-get install -y firefox-esr && cargo install geckodriver --locked"
            }
        }
    }
}

/// Where an engine's browser and driver are: `CORS_CHROMIUM` and `CORS_CHROMEDRIVER`
/// (defaults: Debian's `/usr/bin/chromium` and `/usr/bin/chromedriver`), `CORS_FIREFOX`
/// and `CORS_GECKODRIVER` (defaults: Debian's `/usr/bin/firefox-esr`, and `geckodriver`
/// on `PATH` or in `$CARGO_HOME/bin`, where `cargo install geckodriver` puts it).
#[derive(Clone, Debug)]
pub struct Binaries {
    /// The engine.
    pub engine: Engine,
    /// The browser executable.
    pub browser: PathBuf,
    /// The WebDriver server executable.
    pub driver: PathBuf,
}

impl Binaries {
    /// The configured paths for `engine`, whether or not they exist.
    pub fn from_env(engine: Engine) -> Binaries {
        let path = |var: &str, default: PathBuf| env::var_os(var).map_or(default, PathBuf::from);
        match engine {
            Engine::Chromium => Binaries {
                engine,
                browser: path("CORS_CHROMIUM", PathBuf::from("/usr/bin/chromium")),
                driver: path("CORS_CHROMEDRIVER", PathBuf::from("/usr/bin/chromedriver")),
            },
            Engine::Firefox => Binaries {
                engine,
                browser: path("CORS_FIREFOX", PathBuf::from("/usr/bin/firefox-esr")),
                driver: path("CORS_GECKODRIVER", find_geckodriver()),
            },
        }
    }

    /// The binaries that are missing, by path.
    pub fn missing(&self) -> Vec<&Path> {
        [&self.browser, &self.driver]
            .into_iter()
            .filter(|path| !path.is_file())
            .map(PathBuf::as_path)
            .collect()
    }
}

/// `geckodriver` on `PATH`, else in `$CARGO_HOME/bin` (or `~/.cargo/bin`).
fn find_geckodriver() -> PathBuf {
    let on_path = env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join("geckodriver"))
        .find(|path| path.is_file());
    let cargo_home = || {
        env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
            .unwrap_or_default()
    };
    on_path.unwrap_or_else(|| cargo_home().join("bin").join("geckodriver"))
}

/// The Chromium flags: headless, no sandbox (containers run as root), nothing that
/// talks to the network on its own, a fresh profile, and every host name on loopback.
///
/// `MAP *:80 127.0.0.1:<page port>` sends every default-port origin (`http://app.test`,
/// `http://evil.test`…) to the page server, so policies can name such exact origins at
/// compile time; `MAP * 127.0.0.1` sends any other host (with its explicit port, such as
/// `api.app.test:<port>`) to loopback.
pub fn chromium_args(profile: &Path, page_port: u16) -> Vec<String> {
    vec![
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        format!("--user-data-dir={}", profile.display()),
        format!("--host-resolver-rules=MAP *:80 127.0.0.1:{page_port}, MAP * 127.0.0.1"),
    ]
}

/// The proxy auto-config script that gives Firefox Chromium's `MAP *:80` rule: Firefox
/// has no per-port host mapping, so every `http` URL without an explicit port (a page:
/// `http://app.test/`) goes through the page server as its proxy (it answers the
/// absolute-form request like any other), and every URL with a port (an API:
/// `http://api.app.test:<port>/…`) goes direct, to loopback by `network.dns.forceResolve`.
pub fn firefox_pac(page_port: u16) -> String {
    format!(
        "function FindProxyForURL(url, host) {{\n  \
           if (/^http:\\/\\/[^\\/:]+(\\/|$)/.test(url)) return 'PROXY 127.0.0.1:{page_port}';\n  \
           return 'DIRECT';\n}}\n"
    )
}

/// The Firefox preferences: every host name on loopback (`network.dns.forceResolve`),
/// no IPv6 (without it a fresh profile re-sends its first preflights), default-port
/// origins through the page server ([`firefox_pac`]), and nothing that talks to the
/// network on its own: no updates, telemetry, captive-portal or connectivity checks,
/// safe browsing, remote settings, DNS over HTTPS, HTTP/3 or speculative connections.
pub fn firefox_prefs(page_port: u16) -> Map<String, Value> {
    let pac = firefox_pac(page_port);
    let pac_url = format!(
        "data:application/x-ns-proxy-autoconfig,{}",
        percent_encode(&pac)
    );
    let prefs = json!({
        // The host mapping.
        "network.dns.forceResolve": "127.0.0.1",
        "network.dns.disableIPv6": true,
        "network.proxy.type": 2,
        "network.proxy.autoconfig_url": pac_url,
        "network.proxy.no_proxies_on": "",
        "network.trr.mode": 5,
        "network.http.http3.enable": false,
        // Only what the pages ask for reaches the servers.
        "network.http.speculative-parallel-limit": 0,
        "network.dns.disablePrefetch": true,
        "network.prefetch-next": false,
        "network.predictor.enabled": false,
        // Nothing leaves loopback on Firefox's own initiative.
        "app.update.enabled": false,
        "app.update.auto": false,
        "app.normandy.enabled": false,
        "browser.safebrowsing.malware.enabled": false,
        "browser.safebrowsing.phishing.enabled": false,
        "browser.safebrowsing.downloads.enabled": false,
        "browser.safebrowsing.downloads.remote.enabled": false,
        "browser.safebrowsing.blockedURIs.enabled": false,
        "browser.safebrowsing.provider.mozilla.updateURL": "",
        "browser.search.update": false,
        "browser.ping-centre.telemetry": false,
        "browser.newtabpage.activity-stream.feeds.telemetry": false,
        "browser.newtabpage.activity-stream.telemetry": false,
        "datareporting.healthreport.uploadEnabled": false,
        "datareporting.policy.dataSubmissionEnabled": false,
        "toolkit.telemetry.enabled": false,
        "toolkit.telemetry.unified": false,
        "toolkit.telemetry.server": "",
        "network.captive-portal-service.enabled": false,
        "network.connectivity-service.enabled": false,
        "extensions.update.enabled": false,
        "extensions.getAddons.cache.enabled": false,
        "extensions.systemAddon.update.enabled": false,
        "services.settings.server": "http://127.0.0.1:9/",
        "messaging-system.rsexperimentloader.enabled": false,
        "browser.shell.checkDefaultBrowser": false,
    });
    let Value::Object(prefs) = prefs else {
        unreachable!("an object literal")
    };
    prefs
}

/// `%`-encodes everything but unreserved characters (for a `data:` URL).
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(byte).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// A directory removed on drop.
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl TempDir {
    /// A new empty directory under the system's temporary directory.
    pub fn new(prefix: &str) -> io::Result<TempDir> {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        let path = env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
        fs::create_dir_all(&path)?;
        Ok(TempDir(path))
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // The browser may still be closing files for a moment after it was killed.
        for _ in 0..20 {
            if fs::remove_dir_all(&self.0).is_ok() || !self.0.exists() {
                return;
            }
            thread::sleep(Duration::from_millis(100));
        }
    }
}

/// A running WebDriver server (and the browser it launched), killed on drop.
#[derive(Debug)]
struct Driver {
    child: Child,
    port: u16,
}

/// Sends every line `from` gives to `lines`, and keeps draining `from` once nobody
/// listens: a driver whose output pipe closed would die of `SIGPIPE` at its next log line.
fn forward_lines(from: impl Read + Send + 'static, lines: mpsc::Sender<String>) {
    thread::spawn(move || {
        for line in BufReader::new(from).lines() {
            let Ok(line) = line else { break };
            let _ = lines.send(line);
        }
    });
}

/// The port a driver's output line says it listens on.
fn listening_port(engine: Engine, line: &str) -> Option<u16> {
    match engine {
        Engine::Chromium => line
            .strip_prefix("ChromeDriver was started successfully on port ")?
            .trim_end_matches('.')
            .parse()
            .ok(),
        // `1796118933227	geckodriver	INFO	Listening on 127.0.0.1:35067`
        Engine::Firefox => line
            .split_once("Listening on 127.0.0.1:")?
            .1
            .trim()
            .parse()
            .ok(),
    }
}

impl Driver {
    fn start(binaries: &Binaries, profile: &Path) -> io::Result<Driver> {
        let mut command = Command::new(&binaries.driver);
        match binaries.engine {
            // Port 0: the driver picks a free port and says which.
            Engine::Chromium => command.args(["--port=0", "--allowed-ips=127.0.0.1"]),
            // geckodriver makes the Firefox profile itself, under `--profile-root`;
            // `--websocket-port 0` keeps it off BiDi's fixed default port (9222).
            Engine::Firefox => command
                .args(["--port", "0", "--websocket-port", "0", "--profile-root"])
                .arg(profile),
        };
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()?;
        let (lines, output) = mpsc::channel();
        // Reads (and so drains) the driver's output until it exits.
        forward_lines(child.stdout.take().expect("piped stdout"), lines.clone());
        forward_lines(child.stderr.take().expect("piped stderr"), lines);
        let mut driver = Driver { child, port: 0 };
        let mut seen = Vec::new();
        while driver.port == 0 {
            match output.recv_timeout(Duration::from_secs(20)) {
                Ok(line) => {
                    driver.port = listening_port(binaries.engine, &line).unwrap_or(0);
                    seen.push(line);
                }
                Err(_) => {
                    return Err(io::Error::other(format!(
                        "{} did not start; it said:\n{}",
                        binaries.driver.display(),
                        seen.join("\n")
                    )));
                }
            }
        }
        Ok(driver)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !kill_group(self.child.id()) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// Kills process group `group` (the driver's pid: it leads its group, and the browser
/// is in it). Whether `kill` said it did.
fn kill_group(group: u32) -> bool {
    Command::new("kill")
        .args(["-KILL", "--", &format!("-{group}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Stops a browser from anywhere, for a signal handler that exits without running
/// destructors.
#[derive(Clone, Debug)]
pub struct KillSwitch {
    group: u32,
    profile: PathBuf,
}

impl KillSwitch {
    /// Kills the driver and the browser, and removes the profile.
    pub fn fire(&self) {
        kill_group(self.group);
        let _ = fs::remove_dir_all(&self.profile);
    }
}

/// One headless browser session, on a fresh profile. Dropping it kills the browser;
/// [`close`](Browser::close) ends the session politely first.
#[derive(Debug)]
pub struct Browser {
    client: Option<Client>,
    // Dropped in this order: the driver (and the browser) first, then the profile.
    driver: Driver,
    profile: TempDir,
}

impl Browser {
    /// Starts the driver and a session of its browser whose default-port origins reach
    /// `page_port` (see [`chromium_args`] and [`firefox_prefs`]).
    pub async fn start(binaries: &Binaries, page_port: u16) -> io::Result<Browser> {
        let profile = TempDir::new(&format!("cors-browser-{}", binaries.engine.name()))?;
        let driver = Driver::start(binaries, profile.path())?;
        let timeouts = json!({ "script": 20_000, "pageLoad": 20_000 });
        let capabilities = match binaries.engine {
            Engine::Chromium => json!({
                "browserName": "chrome",
                "pageLoadStrategy": "normal",
                "timeouts": timeouts,
                "goog:chromeOptions": {
                    "binary": binaries.browser,
                    "args": chromium_args(profile.path(), page_port),
                },
            }),
            Engine::Firefox => json!({
                "browserName": "firefox",
                "pageLoadStrategy": "normal",
                "timeouts": timeouts,
                "moz:firefoxOptions": {
                    "binary": binaries.browser,
                    "args": ["-headless"],
                    "prefs": firefox_prefs(page_port),
                },
            }),
        };
        let Value::Object(capabilities) = capabilities else {
            unreachable!("an object literal")
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .map_err(|error| {
                io::Error::other(format!("no {} session: {error}", binaries.engine.name()))
            })?;
        Ok(Browser {
            client: Some(client),
            driver,
            profile,
        })
    }

    /// What stops this browser without dropping it.
    pub fn kill_switch(&self) -> KillSwitch {
        KillSwitch {
            group: self.driver.child.id(),
            profile: self.profile.path().to_owned(),
        }
    }

    /// The WebDriver session.
    pub fn client(&self) -> &Client {
        self.client
            .as_ref()
            .expect("the session is open until close")
    }

    /// Ends the session (the driver quits the browser), then kills what is left.
    pub async fn close(mut self) {
        if let Some(client) = self.client.take() {
            let _ = client.close().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drivers_say_their_port() {
        assert_eq!(
            listening_port(
                Engine::Chromium,
                "ChromeDriver was started successfully on port 41213."
            ),
            Some(41213)
        );
        assert_eq!(
            listening_port(
                Engine::Firefox,
                "1796118933227\tgeckodriver\tINFO\tListening on 127.0.0.1:35067"
            ),
            Some(35067)
        );
        assert_eq!(
            listening_port(Engine::Firefox, "Starting ChromeDriver"),
            None
        );
    }

    #[test]
    fn the_pac_script_proxies_default_port_urls_only() {
        let pac = firefox_pac(4242);
        assert!(pac.contains("PROXY 127.0.0.1:4242"), "{pac}");
        assert!(percent_encode("a b/'").eq("a%20b%2F%27"));
    }
}

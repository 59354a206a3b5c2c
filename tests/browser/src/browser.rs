//! Debian's Chromium, driven through Debian's chromedriver, both started here and both
//! killed on drop, whatever happened.
//!
//! chromedriver starts in a process group of its own and Chromium (which it launches)
//! stays in it, so dropping a [`Browser`] kills the whole group by its id: no Chromium
//! outlives the suite, even when a case panics. The profile is a fresh directory, removed
//! on drop too.

use std::io::{self, BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use std::{env, fs, thread};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

/// Where the browser and its driver are, from `CORS_CHROMIUM` and `CORS_CHROMEDRIVER`
/// (defaults: Debian's `/usr/bin/chromium` and `/usr/bin/chromedriver`).
#[derive(Clone, Debug)]
pub struct Binaries {
    /// The Chromium executable.
    pub chromium: PathBuf,
    /// The chromedriver executable.
    pub chromedriver: PathBuf,
}

impl Binaries {
    /// The configured paths, whether or not they exist.
    pub fn from_env() -> Binaries {
        let path = |var: &str, default: &str| {
            env::var_os(var).map_or_else(|| PathBuf::from(default), PathBuf::from)
        };
        Binaries {
            chromium: path("CORS_CHROMIUM", "/usr/bin/chromium"),
            chromedriver: path("CORS_CHROMEDRIVER", "/usr/bin/chromedriver"),
        }
    }

    /// The binaries that are missing, by path.
    pub fn missing(&self) -> Vec<&Path> {
        [&self.chromium, &self.chromedriver]
            .into_iter()
            .filter(|path| !path.is_file())
            .map(PathBuf::as_path)
            .collect()
    }
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
        // Chromium may still be closing files for a moment after it was killed.
        for _ in 0..20 {
            if fs::remove_dir_all(&self.0).is_ok() || !self.0.exists() {
                return;
            }
            thread::sleep(Duration::from_millis(100));
        }
    }
}

/// A running chromedriver (and the Chromium it launched), killed on drop.
#[derive(Debug)]
struct Driver {
    child: Child,
    port: u16,
    /// The driver's output, for the error message when it does not start.
    output: mpsc::Receiver<String>,
}

impl Driver {
    fn start(chromedriver: &Path) -> io::Result<Driver> {
        let mut child = Command::new(chromedriver)
            // Port 0: chromedriver picks a free port and says which.
            .args(["--port=0", "--allowed-ips=127.0.0.1"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()?;
        let stdout = child.stdout.take().expect("piped stdout");
        let (lines, output) = mpsc::channel();
        // Reads (and so drains) the driver's output until it exits.
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        let mut driver = Driver {
            child,
            port: 0,
            output,
        };
        let mut seen = Vec::new();
        while driver.port == 0 {
            match driver.output.recv_timeout(Duration::from_secs(20)) {
                Ok(line) => {
                    driver.port = line
                        .strip_prefix("ChromeDriver was started successfully on port ")
                        .and_then(|rest| rest.trim_end_matches('.').parse().ok())
                        .unwrap_or(0);
                    seen.push(line);
                }
                Err(_) => {
                    return Err(io::Error::other(format!(
                        "chromedriver did not start; it said:\n{}",
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

/// Kills process group `group` (chromedriver's pid: it leads its group, and Chromium is
/// in it). Whether `kill` said it did.
fn kill_group(group: u32) -> bool {
    Command::new("kill")
        .args(["-KILL", "--", &format!("-{group}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Stops the browser from anywhere, for a signal handler that exits without running
/// destructors.
#[derive(Clone, Debug)]
pub struct KillSwitch {
    group: u32,
    profile: PathBuf,
}

impl KillSwitch {
    /// Kills chromedriver and Chromium, and removes the profile.
    pub fn fire(&self) {
        kill_group(self.group);
        let _ = fs::remove_dir_all(&self.profile);
    }
}

/// One headless Chromium session, on a fresh profile. Dropping it kills the browser;
/// [`close`](Browser::close) ends the session politely first.
#[derive(Debug)]
pub struct Browser {
    client: Option<Client>,
    // Dropped in this order: the driver (and Chromium) first, then the profile.
    driver: Driver,
    profile: TempDir,
}

impl Browser {
    /// Starts chromedriver and a Chromium session whose default-port origins reach
    /// `page_port` (see [`chromium_args`]).
    pub async fn start(binaries: &Binaries, page_port: u16) -> io::Result<Browser> {
        let profile = TempDir::new("cors-browser-profile")?;
        let driver = Driver::start(&binaries.chromedriver)?;
        let capabilities = json!({
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "timeouts": { "script": 20_000, "pageLoad": 20_000 },
            "goog:chromeOptions": {
                "binary": binaries.chromium,
                "args": chromium_args(profile.path(), page_port),
            },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("an object literal")
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .map_err(|error| io::Error::other(format!("no Chromium session: {error}")))?;
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

    /// Ends the session (chromedriver quits Chromium), then kills what is left.
    pub async fn close(mut self) {
        if let Some(client) = self.client.take() {
            let _ = client.close().await;
        }
    }
}

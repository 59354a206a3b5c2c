//! The test harness (`harness = false`): one line per case in libtest's format, the
//! skip rule, and the clean-up.

use std::env;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

use tokio::signal::unix::{SignalKind, signal};

use crate::browser::{Binaries, Browser, Engine};
use crate::cases::{Case, cases};
use crate::runner::{self, Target};
use crate::servers::{Adapter, Servers};

/// The environment variable: `require` makes a missing browser a failure (CI), `skip`
/// skips the suite even when the browser is there.
pub const MODE_VAR: &str = "CORS_BROWSER_TESTS";

/// The name of the single test reported when `engine`'s browser or driver is missing:
/// `browser_suite_skipped_chromium_not_installed`.
pub fn skipped(engine: Engine) -> String {
    format!("browser_suite_skipped_{}_not_installed", engine.name())
}

/// What the command line asks (the subset of libtest's options that matters here;
/// others, such as `--nocapture` or `--test-threads`, are accepted and ignored).
#[derive(Debug, Default)]
struct Args {
    list: bool,
    ignored: bool,
    exact: bool,
    filters: Vec<String>,
}

impl Args {
    fn parse(args: impl Iterator<Item = String>) -> Args {
        let mut parsed = Args::default();
        let mut args = args.peekable();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--list" => parsed.list = true,
                "--ignored" => parsed.ignored = true,
                "--exact" => parsed.exact = true,
                // Options that take a value as the next argument.
                "--test-threads" | "--format" | "--color" | "--skip" | "--logfile" => {
                    args.next();
                }
                _ if arg.starts_with('-') => {}
                _ => parsed.filters.push(arg),
            }
        }
        parsed
    }

    fn selects(&self, name: &str) -> bool {
        self.filters.is_empty()
            || self.filters.iter().any(|filter| {
                if self.exact {
                    name == filter
                } else {
                    name.contains(filter.as_str())
                }
            })
    }
}

/// One case on one adapter in one engine.
struct Test {
    name: String,
    engine: Engine,
    adapter: Adapter,
    id: String,
    case: Case,
}

fn tests() -> Vec<Test> {
    let cases = cases();
    let mut tests = Vec::new();
    for engine in Engine::ALL {
        for adapter in Adapter::ALL {
            for (index, case) in cases.iter().enumerate() {
                let id = format!("c{:02}", index + 1);
                tests.push(Test {
                    name: format!("{}::{}::{id}: {}", engine.name(), adapter.name(), case.name),
                    engine,
                    adapter,
                    id,
                    case: case.clone(),
                });
            }
        }
    }
    tests
}

fn summary(ok: bool, passed: usize, failed: usize, filtered: usize, started: Instant) {
    println!(
        "\ntest result: {}. {passed} passed; {failed} failed; 0 ignored; 0 measured; {filtered} filtered out; finished in {:.2}s\n",
        if ok { "ok" } else { "FAILED" },
        started.elapsed().as_secs_f64()
    );
}

/// Runs the suite with the process's arguments and environment.
pub fn main() -> ExitCode {
    let started = Instant::now();
    let args = Args::parse(env::args().skip(1));
    let all = tests();
    if args.list {
        for test in &all {
            println!("{}: test", test.name);
        }
        return ExitCode::SUCCESS;
    }
    let total = all.len();
    let selected: Vec<Test> = all
        .into_iter()
        .filter(|test| !args.ignored && args.selects(&test.name))
        .collect();
    let filtered = total - selected.len();
    if selected.is_empty() {
        println!("\nrunning 0 tests");
        summary(true, 0, 0, filtered, started);
        return ExitCode::SUCCESS;
    }

    let mode = env::var(MODE_VAR).unwrap_or_default();
    let required = mode == "require";
    // Each engine the selection needs: its binaries, or why it does not run.
    let mut engines = Vec::new();
    let mut absent = Vec::new();
    for engine in Engine::ALL {
        let cases = selected.iter().filter(|test| test.engine == engine).count();
        if cases == 0 {
            continue;
        }
        let binaries = Binaries::from_env(engine);
        let missing = binaries.missing();
        if mode == "skip" {
            absent.push((engine, cases, format!("{MODE_VAR}=skip")));
        } else if !missing.is_empty() {
            let missing: Vec<String> = missing
                .iter()
                .map(|path| path.display().to_string())
                .collect();
            absent.push((engine, cases, format!("not found: {}", missing.join(", "))));
        } else {
            engines.push(binaries);
        }
    }
    let running: Vec<&Test> = selected
        .iter()
        .filter(|test| {
            engines
                .iter()
                .any(|binaries| binaries.engine == test.engine)
        })
        .collect();
    println!("\nrunning {} tests", running.len() + absent.len());
    let mut failures: Vec<(String, Vec<String>)> = Vec::new();
    let mut passed = 0;
    for (engine, cases, why) in &absent {
        let banner = format!(
            "\n{line}\n!!! THE BROWSER CONFORMANCE SUITE DID NOT RUN IN {} ({cases} cases): {why}\n\
             !!! Install it: {}\n\
             !!! (or point {} at them).\n\
             !!! {MODE_VAR}=require makes this a failure{}.\n{line}\n",
            engine.name().to_uppercase(),
            engine.install_hint(),
            match engine {
                Engine::Chromium => "CORS_CHROMIUM / CORS_CHROMEDRIVER",
                Engine::Firefox => "CORS_FIREFOX / CORS_GECKODRIVER",
            },
            if required {
                " (it is set)"
            } else {
                "; CI sets it"
            },
            line = "!".repeat(78),
        );
        println!("{banner}");
        if required {
            let name = format!("browser_suite_requires_{}", engine.name());
            println!("test {name} ... FAILED");
            failures.push((name, vec![why.clone()]));
        } else {
            println!("test {} ... ok", skipped(*engine));
            passed += 1;
        }
    }

    if !running.is_empty() {
        let runtime = match tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime,
            Err(error) => {
                eprintln!("no tokio runtime: {error}");
                return ExitCode::from(101);
            }
        };
        let outcome = runtime.block_on(run_all(&engines, &running));
        // Dropping the runtime ends the servers' remaining connection tasks.
        drop(runtime);
        match outcome {
            Ok(outcome) => {
                passed += running.len() - outcome.len();
                failures.extend(outcome);
            }
            Err(error) => {
                println!("\nthe browser suite could not start: {error}");
                summary(
                    false,
                    passed,
                    failures.len() + running.len(),
                    filtered,
                    started,
                );
                return ExitCode::from(101);
            }
        }
    }
    if !failures.is_empty() {
        println!("\nfailures:\n");
        for (name, problems) in &failures {
            println!("---- {name} ----\n    {}\n", problems.join("\n    "));
        }
        println!("failures:");
        for (name, _) in &failures {
            println!("    {name}");
        }
    }
    summary(
        failures.is_empty(),
        passed,
        failures.len(),
        filtered,
        started,
    );
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(101)
    }
}

/// Starts the servers, then each engine's browser in turn, runs every selected test of
/// that engine, and stops everything (on every path: the servers and the browsers also
/// stop on drop, should this panic). Prints each engine's time.
async fn run_all(
    engines: &[Binaries],
    selected: &[&Test],
) -> io::Result<Vec<(String, Vec<String>)>> {
    let servers = Servers::start().await?;
    let mut failures = Vec::new();
    for binaries in engines {
        let engine_started = Instant::now();
        let tests: Vec<&&Test> = selected
            .iter()
            .filter(|test| test.engine == binaries.engine)
            .collect();
        let browser = Browser::start(binaries, servers.page_port()).await?;
        // Ctrl-C or SIGTERM end the process without unwinding: stop the browser first
        // (its driver leads a process group of its own, which the terminal's Ctrl-C
        // does not reach).
        let kill_switch = browser.kill_switch();
        let watcher = tokio::spawn(async move {
            interrupted().await;
            kill_switch.fire();
            eprintln!("\ninterrupted: the browser was stopped");
            std::process::exit(130);
        });
        for test in &tests {
            let target = Target {
                engine: test.engine,
                adapter: test.adapter,
                id: &test.id,
                servers: &servers,
            };
            let problems = runner::run(browser.client(), &test.case, target).await;
            println!(
                "test {} ... {}",
                test.name,
                if problems.is_empty() { "ok" } else { "FAILED" }
            );
            let _ = io::stdout().flush();
            if !problems.is_empty() {
                failures.push((test.name.clone(), problems));
            }
        }
        watcher.abort();
        browser.close().await;
        println!(
            "({}: {} cases in {:.1}s, browser start and stop included)",
            binaries.engine.name(),
            tests.len(),
            engine_started.elapsed().as_secs_f64()
        );
    }
    drop(servers);
    Ok(failures)
}

/// Resolves on Ctrl-C or SIGTERM (never, if neither can be listened to).
async fn interrupted() {
    let terminate = async {
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
}

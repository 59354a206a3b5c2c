//! Headless Chromium and Firefox drive the demo's playground (the browser suite's machinery,
//! `cors_browser_tests::browser`): an invalid policy shows the compiler's errors with
//! their places and serves nothing; a valid one is served without a restart and decides
//! what the browser allows, and changing it changes that.
//!
//! The demo runs on free loopback ports. The browser maps every default-port host to the
//! page server, so the page is `http://app.test/playground`, the API
//! `http://app.test:<api port>` and the other site `http://app.test:<other port>`.
//! Without a browser this test passes with a banner saying it did not run in it, unless
//! `CORS_BROWSER_TESTS=require` (CI).

use std::time::{Duration, Instant};
use std::{env, io};

use cors_browser_tests::browser::{Binaries, Browser, Engine};
use cors_browser_tests::suite::MODE_VAR;
use cors_examples::demo::{self, Listeners};
use fantoccini::Client;
use serde_json::{Value, json};
use tokio::net::TcpListener;

/// Rows of the demo's fetches (`DEMO_ROWS` in `examples/demo/demo.js`), by position.
const SIMPLE_GET: usize = 0;
const PUT_JSON: usize = 4;
const DELETE: usize = 6;
const OTHER_SITE_GET: usize = 13;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_playground_shows_errors_and_its_policy_decides_what_the_browser_allows() {
    let mode = env::var(MODE_VAR).unwrap_or_default();
    for engine in Engine::ALL {
        let binaries = Binaries::from_env(engine);
        let missing = binaries.missing();
        if mode == "skip" || !missing.is_empty() {
            assert_ne!(
                mode,
                "require",
                "{MODE_VAR}=require, but {} is missing: {missing:?}",
                engine.name()
            );
            println!(
                "\n!!! THE PLAYGROUND'S BROWSER TEST DID NOT RUN IN {}: {MODE_VAR}={mode:?}, missing {missing:?}\n\
                 !!! {}; {MODE_VAR}=require makes this a failure\n",
                engine.name(),
                engine.install_hint()
            );
            continue;
        }
        let (page_port, other_port) = start_demo().await.expect("the demo starts");
        let browser = Browser::start(&binaries, page_port)
            .await
            .unwrap_or_else(|error| panic!("{} starts: {error}", engine.name()));
        let result = drive(browser.client(), other_port).await;
        browser.close().await;
        if let Err(error) = result {
            panic!("the playground in {}: {error}", engine.name());
        }
        println!("the playground behaves in {}", engine.name());
    }
}

/// Serves the demo on free ports; the page's and the other site's.
async fn start_demo() -> io::Result<(u16, u16)> {
    let bind = || TcpListener::bind("127.0.0.1:0");
    let listeners = Listeners {
        page: bind().await?,
        api: bind().await?,
        other: bind().await?,
    };
    let ports = (
        listeners.page.local_addr()?.port(),
        listeners.other.local_addr()?.port(),
    );
    tokio::spawn(demo::serve(listeners));
    Ok(ports)
}

type Outcome = Result<(), String>;

async fn drive(client: &Client, other_port: u16) -> Outcome {
    client
        .goto("http://app.test/playground")
        .await
        .map_err(|error| format!("the playground did not load: {error}"))?;

    // An invalid policy: every error, in the compiler's words (the trybuild snapshots'
    // messages), each with its place; nothing is served and nothing runs.
    let state = submit(
        client,
        "run",
        "origin = [\"http://app.test/\"]\nmethods = [\"patch\", \"PUT\"]\ncredentails = true\n",
    )
    .await?;
    check(
        state == "errors",
        format!("an invalid policy ends in {state:?}"),
    )?;
    let errors = page(
        client,
        "return [...document.querySelectorAll('#errors li')].map(li => li.innerText)",
    )
    .await?;
    let expected = json!([
        "credentails: unknown key `credentails` [K1]\n= help: did you mean `credentials`?",
        "origin[0]: origin `http://app.test/` ends with a slash; an origin has no path, and browsers never send one [O4]\n= help: write `http://app.test`",
        "methods[0]: `patch` is not normalized by browsers: a page's `patch` is sent as `patch`, and `PATCH` routes will not match it [M5]\n= help: write `PATCH` (and have pages send `PATCH`)",
    ]);
    check(errors == expected, format!("errors shown: {errors:#}"))?;
    let rows = page(
        client,
        "return document.querySelectorAll('#rows tr').length",
    )
    .await?;
    check(
        rows == json!(0),
        format!("{rows} rows ran for an invalid policy"),
    )?;
    let syntax = submit(client, "run", "origin = [\"http://app.test\"\n").await?;
    check(
        syntax == "errors",
        format!("a TOML syntax error ends in {syntax:?}"),
    )?;
    let place = page(
        client,
        "return document.querySelector('#errors li').dataset.place",
    )
    .await?;
    check(
        place == json!("line 1, column 28"),
        format!("the syntax error is placed at {place}"),
    )?;

    // A valid policy allowing PUT with a JSON body from this page only.
    let state = submit(
        client,
        "run",
        "origin = [\"http://app.test\"]\nmethods = [\"put\"]\nallow_headers = [\"Content-Type\"]\n",
    )
    .await?;
    check(state == "done", format!("a valid policy ends in {state:?}"))?;
    let cors = page(client, "return document.getElementById('cors').textContent").await?;
    check(
        cors == json!(
            "cors! {\n    origin: [\"http://app.test\"],\n    methods: [PUT],\n    allow_headers: [\"content-type\"],\n}"
        ),
        format!("the cors! text shown: {cors}"),
    )?;
    let first = outcomes(client).await?;
    expect_rows(
        &first,
        &[
            (SIMPLE_GET, "allowed"),
            (PUT_JSON, "allowed"),
            (DELETE, "blocked"),
            (OTHER_SITE_GET, "blocked"),
        ],
    )?;
    let why = page(
        client,
        &format!(
            "return document.querySelectorAll('#rows tr')[{DELETE}].querySelector('.why').innerText"
        ),
    )
    .await?;
    check(
        why.as_str()
            .is_some_and(|why| why.contains("method `DELETE` is not allowed [methods]")),
        format!("the DELETE row's explanation: {why}"),
    )?;

    // Another policy, same server: DELETE, and the other site; no content-type.
    let other_site = format!("http://app.test:{other_port}");
    let state = submit(
        client,
        "run",
        &format!("origin = [\"http://app.test\", \"{other_site}\"]\nmethods = [\"DELETE\"]\n"),
    )
    .await?;
    check(
        state == "done",
        format!("the second policy ends in {state:?}"),
    )?;
    let second = outcomes(client).await?;
    expect_rows(
        &second,
        &[
            (SIMPLE_GET, "allowed"),
            (PUT_JSON, "blocked"),
            (DELETE, "allowed"),
            (OTHER_SITE_GET, "allowed"),
        ],
    )?;

    // The visitor's own fetches against that policy: from the other site, with
    // credentials (not allowed by the policy), then a DELETE from this page.
    let state = own_fetch(client, "other", "GET", "/api/items", "", true).await?;
    check(
        state == "done",
        format!("the first own fetch ends in {state:?}"),
    )?;
    let state = own_fetch(client, "page", "DELETE", "/api/items/3", "", false).await?;
    check(
        state == "done",
        format!("the second own fetch ends in {state:?}"),
    )?;
    let all = outcomes(client).await?;
    let own: Vec<&(String, String)> = all
        .iter()
        .filter(|(title, _)| title == "your fetch")
        .collect();
    check(
        own == [
            &("your fetch".to_owned(), "blocked".to_owned()),
            &("your fetch".to_owned(), "allowed".to_owned()),
        ],
        format!("the own fetches: {own:?}"),
    )?;
    Ok(())
}

fn check(ok: bool, what: String) -> Outcome {
    if ok { Ok(()) } else { Err(what) }
}

/// Runs `script` in the page.
async fn page(client: &Client, script: &str) -> Result<Value, String> {
    client
        .execute(script, vec![])
        .await
        .map_err(|error| format!("script failed: {error}\n{script}"))
}

/// Writes `policy` into the editor, clicks button `button` and waits for the page to
/// settle; its final state (`errors` or `done`).
async fn submit(client: &Client, button: &str, policy: &str) -> Result<String, String> {
    client
        .execute(
            "document.getElementById('policy').value = arguments[0];
             document.getElementById('state').dataset.state = 'idle';
             document.getElementById(arguments[1]).click();",
            vec![json!(policy), json!(button)],
        )
        .await
        .map_err(|error| format!("could not submit: {error}"))?;
    settled(client).await
}

/// Fills in the own-fetch form and runs it; the page's final state.
async fn own_fetch(
    client: &Client,
    from: &str,
    method: &str,
    path: &str,
    headers: &str,
    credentials: bool,
) -> Result<String, String> {
    client
        .execute(
            "const [from, method, path, headers, credentials] = arguments;
             document.getElementById('from').value = from;
             document.getElementById('method').value = method;
             document.getElementById('path').value = path;
             document.getElementById('headers').value = headers;
             document.getElementById('credentials').checked = credentials;
             document.getElementById('state').dataset.state = 'idle';
             document.getElementById('fetch').click();",
            vec![
                json!(from),
                json!(method),
                json!(path),
                json!(headers),
                json!(credentials),
            ],
        )
        .await
        .map_err(|error| format!("could not run the own fetch: {error}"))?;
    settled(client).await
}

/// Waits (up to 60 s) for the page's state to be `errors` or `done`.
async fn settled(client: &Client) -> Result<String, String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let state = page(
            client,
            "return document.getElementById('state').dataset.state",
        )
        .await?;
        if let Some(state @ ("errors" | "done")) = state.as_str() {
            return Ok(state.to_owned());
        }
        if Instant::now() > deadline {
            return Err(format!("the page is still {state} after 60 s"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Each row of the table: its title and what the browser did.
async fn outcomes(client: &Client) -> Result<Vec<(String, String)>, String> {
    let rows = page(
        client,
        "return [...document.querySelectorAll('#rows tr')].map(tr => [tr.dataset.title, tr.dataset.outcome])",
    )
    .await?;
    serde_json::from_value(rows.clone()).map_err(|error| format!("rows {rows}: {error}"))
}

fn expect_rows(rows: &[(String, String)], expected: &[(usize, &str)]) -> Outcome {
    for &(index, outcome) in expected {
        let got = rows
            .get(index)
            .map(|(title, got)| (title.as_str(), got.as_str()));
        check(
            got.is_some_and(|(_, got)| got == outcome),
            format!(
                "row {} should be {outcome}, is {got:?}; all rows: {rows:?}",
                index + 1
            ),
        )?;
    }
    Ok(())
}

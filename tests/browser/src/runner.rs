//! Runs one case in the browser: opens the page, runs the case's steps in it (or in a
//! sandboxed iframe) with `execute_async`, and compares what the page observed and what
//! reached the servers with the case's expectations.

use std::collections::BTreeMap;

use fantoccini::Client;
use serde_json::{Value, json};

use crate::PolicyName;
use crate::app::Entry;
use crate::browser::Engine;
use crate::cases::{Case, Expect, Page, Script, Seen, SeenOrigin, Step};
use crate::servers::{Adapter, Servers};

/// Where a case runs: its engine, its adapter, its id (`c07`) and the servers.
#[derive(Clone, Copy, Debug)]
pub struct Target<'a> {
    /// The browser engine.
    pub engine: Engine,
    /// The adapter.
    pub adapter: Adapter,
    /// The case's id, unique within the run.
    pub id: &'a str,
    /// The servers.
    pub servers: &'a Servers,
}

impl Target<'_> {
    /// The case's own path prefix, on every server: `/axum/c07-firefox` (the engines
    /// share the servers, never a path).
    pub fn prefix(&self) -> String {
        format!(
            "/{}/{}-{}",
            self.adapter.name(),
            self.id,
            self.engine.name()
        )
    }

    /// The base URL of `policy`'s server for this case.
    pub fn base(&self, policy: PolicyName) -> String {
        format!(
            "http://{}:{}{}",
            policy.api_host(),
            self.servers.port(self.adapter, policy),
            self.prefix()
        )
    }
}

/// The JavaScript of a case's steps: `async function run(api, apis)` returning one result
/// per step, `{kind: "read", status, body, headers}`, `{kind: "error", error}`,
/// `{kind: "opaque"}` or `{kind: "done"}`.
pub fn run_function(steps: &[Step]) -> String {
    let mut js = String::from(
        "async function run(api, apis) {
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const read = async (step, names) => {
    try {
      const response = await step();
      if (!(response instanceof Response)) return {kind: 'done'};
      if (response.type === 'opaque') return {kind: 'opaque'};
      const headers = {};
      for (const name of names) headers[name] = response.headers.get(name);
      return {kind: 'read', status: response.status, body: await response.text(), headers};
    } catch (error) {
      return {kind: 'error', error: String(error)};
    }
  };
  const out = [];
",
    );
    for step in steps {
        let names: Vec<&str> = match &step.expect {
            Expect::Read { headers, .. } => headers.iter().map(|(name, _)| *name).collect(),
            _ => Vec::new(),
        };
        js.push_str(&format!(
            "  out.push(await read(() => {}, {}));\n",
            step.js,
            json!(names)
        ));
    }
    js.push_str("  return out;\n}\n");
    js
}

/// The `execute_async` script: runs [`run_function`] in the page, or in a sandboxed
/// iframe that posts its results back.
pub fn script(page: Page, steps: &[Step]) -> String {
    let run = run_function(steps);
    if page == Page::Sandboxed {
        let run = serde_json::to_string(&run).expect("a string serializes");
        format!(
            "const done = arguments[arguments.length - 1];
const [api, apis] = [arguments[0], arguments[1]];
const frame = document.createElement('iframe');
frame.setAttribute('sandbox', 'allow-scripts');
window.addEventListener('message', (event) => {{
  if (event.source === frame.contentWindow) done(event.data);
}});
frame.srcdoc = '<script>' + {run} + 'run(' + JSON.stringify(api) + ', ' + JSON.stringify(apis)
  + ').then((out) => parent.postMessage(out, \"*\"));<' + '/script>';
document.body.appendChild(frame);
"
        )
    } else {
        format!(
            "const done = arguments[arguments.length - 1];
{run}
run(arguments[0], arguments[1]).then(done, (error) => done([{{kind: 'error', error: String(error)}}]));
"
        )
    }
}

/// Runs `case` in `target.engine` and returns what went wrong (nothing: it passed).
pub async fn run(client: &Client, case: &Case, target: Target<'_>) -> Vec<String> {
    let Script { steps, log, .. } = case.script(target.engine);
    let page_port = target.servers.page_port();
    let mut problems = Vec::new();
    if let Err(error) = client.goto(&case.page.url(page_port)).await {
        return vec![format!(
            "could not open {}: {error}",
            case.page.url(page_port)
        )];
    }
    let apis: BTreeMap<&str, String> = PolicyName::ALL
        .iter()
        .map(|policy| (policy.key(), target.base(*policy)))
        .collect();
    let args = vec![json!(target.base(case.policy)), json!(apis)];
    let observed = match client.execute_async(&script(case.page, steps), args).await {
        Ok(Value::Array(observed)) => observed,
        Ok(other) => vec![other],
        Err(error) => {
            problems.push(format!("the page script failed: {error}"));
            Vec::new()
        }
    };
    if problems.is_empty() {
        if observed.len() != steps.len() {
            problems.push(format!(
                "{} steps, {} results: {observed:?}",
                steps.len(),
                observed.len()
            ));
        }
        for (index, (step, seen)) in steps.iter().zip(&observed).enumerate() {
            if let Some(problem) = compare_step(&step.expect, seen) {
                problems.push(format!("step {} `{}`: {problem}", index + 1, step.js));
            }
        }
    }
    let seen: Vec<View> = target
        .servers
        .log
        .under(&format!("{}/", target.prefix()))
        .iter()
        .map(View::of_entry)
        .collect();
    let origin = case.page.origin(page_port);
    let expected: Vec<View> = log
        .iter()
        .map(|seen| View::of_expected(seen, case.policy, &origin))
        .collect();
    if seen != expected {
        problems.push(format!(
            "the servers saw:\n{}\n      expected:\n{}",
            describe(&seen),
            describe(&expected)
        ));
    }
    problems
}

fn compare_step(expect: &Expect, seen: &Value) -> Option<String> {
    let kind = seen["kind"].as_str().unwrap_or("?");
    let wrong = || Some(format!("expected {expect:?}, the page saw {seen}"));
    match expect {
        Expect::Blocked if kind == "error" => None,
        Expect::Opaque if kind == "opaque" => None,
        Expect::Done if kind == "done" => None,
        Expect::Read {
            status,
            body,
            headers,
        } if kind == "read" => {
            let body_seen = seen["body"].as_str().unwrap_or_default();
            let body_ok = match body.strip_suffix('*') {
                Some(prefix) => body_seen.starts_with(prefix),
                None => body_seen == *body,
            };
            let headers_ok = headers
                .iter()
                .all(|(name, value)| seen["headers"][*name].as_str() == *value);
            if seen["status"].as_u64() == Some(u64::from(*status)) && body_ok && headers_ok {
                None
            } else {
                wrong()
            }
        }
        _ => wrong(),
    }
}

/// A request as the servers logged it, or as a case expects it: compared whole.
#[derive(Debug, PartialEq, Eq)]
struct View {
    policy: PolicyName,
    method: String,
    leaf: String,
    origin: Option<String>,
    acrm: Option<String>,
    acrh: Option<String>,
    cookie: bool,
    status: u16,
    handled: bool,
}

impl View {
    fn of_entry(entry: &Entry) -> View {
        View {
            policy: entry.policy,
            method: entry.method.clone(),
            leaf: entry.path.rsplit('/').next().unwrap_or_default().to_owned(),
            origin: entry.origin.clone(),
            acrm: entry.acrm.clone(),
            acrh: entry.acrh.clone(),
            cookie: entry.cookie.is_some(),
            status: entry.status,
            handled: entry.handled,
        }
    }

    fn of_expected(seen: &Seen, policy: PolicyName, page_origin: &str) -> View {
        View {
            policy: seen.policy.unwrap_or(policy),
            method: seen.method.to_owned(),
            leaf: seen.leaf.to_owned(),
            origin: match seen.origin {
                SeenOrigin::Page => Some(page_origin.to_owned()),
                SeenOrigin::Absent => None,
            },
            acrm: seen.acrm.map(str::to_owned),
            acrh: seen.acrh.map(str::to_owned),
            cookie: seen.cookie,
            status: seen.status,
            handled: seen.handled,
        }
    }
}

fn describe(views: &[View]) -> String {
    if views.is_empty() {
        return "        (nothing)".to_owned();
    }
    views
        .iter()
        .map(|view| {
            format!(
                "        {:?} {} .../{} origin={:?} acrm={:?} acrh={:?} cookie={} -> {}{}",
                view.policy,
                view.method,
                view.leaf,
                view.origin,
                view.acrm,
                view.acrh,
                view.cookie,
                view.status,
                if view.handled { " (handler)" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

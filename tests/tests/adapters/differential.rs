//! The randomized complement of the scenario table: generated requests through the three
//! adapters, which must answer each alike.
//!
//! The table pins what the answer must be on chosen rows; this checks that no adapter
//! drifts from the others anywhere else, on shapes nobody wrote a row for: methods in
//! every case, `OPTIONS *`, absolute-form targets, unrouted paths, zero to two `Origin`
//! lines of many shapes, `Access-Control-Request-*` lines in every count and shape,
//! `Sec-Fetch-Site`, `Host` and `Upgrade` variants, each request with a scripted handler
//! reply (its status, header lines — CORS and `Vary` ones included — and whether it
//! fails). An axum `Router` (`oneshot`), the hyper service (called directly: thousands of
//! requests cannot each cost a socket) and an actix-web `App` (`test::call_service`)
//! must give the same status, the same handler runs and the same `Access-Control-*` and
//! `Vary` lines. The reloadable, builder-made and async-origin forms of each policy must
//! answer as the policy itself does.
//!
//! The generator is seeded (`policy_spec`'s SplitMix64, the one `build.rs` draws
//! policies with), so a failure names the seed and the request's index, and reproduces. It is checked to reach every branch (accepted and refused preflights,
//! protection refusals, allowed and refused actual requests, handler failures), so that
//! a change to it cannot quietly make the comparison vacuous.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::fmt;
use std::sync::Arc;

use cors_runtime::{AsyncOrigins, CorsPolicy, DynamicOrigins, DynamicPolicy, ReloadablePolicy};
use cors_tests::policy_spec::Rng;
use cors_tests::{
    ACAO, ACRH, ACRM, ACRPN, APP, AnyContinue, AnyOrigin, Continue, EVIL, Outcome, PolicyName,
    PrivateNet, Reply, Req, SFS, SUB, Strict, built, write_lines,
};

use crate::{Exchange, Serve, via_actix, via_axum, via_hyper};

/// The adapters, in the order of every triple of answers.
const ADAPTERS: [&str; 3] = ["tower (axum)", "hyper (direct)", "actix-web"];

/// The named policies, each run through the generated requests.
const NAMED: [PolicyName; 6] = [
    PolicyName::Strict,
    PolicyName::AnyOrigin,
    PolicyName::Continue,
    PolicyName::AnyContinue,
    PolicyName::PrivateNet,
    PolicyName::Protected,
];

// The generated sets, as (how many exchanges, seed): sized so that the whole file takes
// about two seconds of a debug build on two shared cores.
/// Requests of every kind, through the named policies.
const REQUESTS: (usize, u64) = (2000, 7);
/// Preflights from allowed origins, through the static and reloadable layers.
const PREFLIGHTS: (usize, u64) = (1000, 5);
/// Requests of every kind, through [`EveryKey`], [`StarLists`] and their builder twins.
const COMBINED: (usize, u64) = (1500, 21);
/// Requests of every kind, through the reloadable and built forms of the named policies.
const FORMS: (usize, u64) = (800, 11);
/// Requests of every kind, through `DynamicOrigins` and `AsyncOrigins`.
const ORIGIN_SOURCES: (usize, u64) = (800, 13);

/// How often each branch must be reached by the generated requests over the named
/// policies (the rarest now, accepted preflights, about 170 times).
const MIN_BRANCH_HITS: usize = 50;

cors_runtime::cors! {
    /// Every key at once: origin patterns (a port wildcard among them), a custom method,
    /// `authorization`, credentials, max-age 0, private network, preflight continue with
    /// a custom status, and cross-origin protection.
    pub struct EveryKey {
        origin: ["https://app.test", "https://*.app.test", "http://localhost:*"],
        methods: [PUT, DELETE, "PROPFIND"],
        allow_headers: ["content-type", "x-api-key", "authorization"],
        expose_headers: ["x-total-count", "etag"],
        credentials: true,
        max_age: 0,
        private_network: true,
        preflight_continue: true,
        preflight_status: 299,
        cross_origin_protection: true,
    }
}

cors_runtime::cors! {
    /// Specific origins with `*` methods, `*` request headers (and `authorization`, which
    /// `*` never covers) and `*` exposed headers, private network and protection.
    pub struct StarLists {
        origin: ["https://app.test", "https://*.app.test"],
        methods: *,
        allow_headers: ["*", "authorization"],
        expose_headers: *,
        private_network: true,
        cross_origin_protection: true,
    }
}

/// [`EveryKey`] from `Policy::builder()`.
fn every_key_built() -> cors_runtime::Policy {
    cors_runtime::Policy::builder()
        .origins([APP, "https://*.app.test", "http://localhost:*"])
        .methods(["PUT", "DELETE", "PROPFIND"])
        .allow_headers(["content-type", "x-api-key", "authorization"])
        .expose_headers(["x-total-count", "etag"])
        .credentials(true)
        .max_age(0)
        .private_network(true)
        .preflight_continue(true)
        .preflight_status(299)
        .cross_origin_protection(true)
        .build()
        .expect("EveryKey is valid")
}

/// [`StarLists`] from `Policy::builder()`.
fn star_lists_built() -> cors_runtime::Policy {
    cors_runtime::Policy::builder()
        .origins([APP, "https://*.app.test"])
        .methods(["*"])
        .allow_headers(["*", "authorization"])
        .expose_headers(["*"])
        .private_network(true)
        .cross_origin_protection(true)
        .build()
        .expect("StarLists is valid")
}

// --- the generator -------------------------------------------------------------------

/// The values of the lines of one header a request may carry: each entry is one shape
/// (no line, one, two, empty, odd case…), drawn as often as it is listed.
type Shapes = &'static [&'static [&'static [u8]]];

const REQUEST_METHODS: Shapes = &[
    &[b"PUT"],
    &[b"DELETE"],
    &[b"patch"],
    &[b"GET"],
    &[b"PUT", b"PUT"],
    &[b""],
    &[],
];
const REQUEST_HEADERS: Shapes = &[
    &[b"content-type"],
    &[b"x-api-key, content-type"],
    &[b"authorization"],
    &[b"x-foo"],
    &[b", ,"],
    &[b"content-type", b"x-api-key"],
    &[b""],
    &[],
    &[],
];
const PRIVATE_NETWORK: Shapes = &[
    &[b"true"],
    &[b"TRUE"],
    &[b"false"],
    &[b"true", b"true"],
    &[],
    &[],
    &[],
];
const FETCH_SITE: Shapes = &[
    &[b"same-origin"],
    &[b"cross-site"],
    &[b"same-site"],
    &[b"none"],
    &[b"Same-Origin"],
    &[b"none", b"none"],
    &[],
    &[],
];
const HOST: Shapes = &[
    &[b"api.test"],
    &[b"api.test"],
    &[b"app.test"],
    &[b"api.test", b"api.test"],
    &[],
];
const UPGRADE: Shapes = &[&[b"websocket"], &[b"h2c"], &[], &[], &[]];

/// Header-line shapes a scripted reply draws from, as [`Shapes`]: `Vary` shapes (`*`,
/// empty, duplicated, not UTF-8, naming a request header), then CORS headers the layer
/// must replace.
type Lines = &'static [&'static [(&'static str, &'static [u8])]];

const REPLY_VARY: Lines = &[
    &[("vary", b"accept-encoding")],
    &[("vary", b"*")],
    &[("vary", b"Origin")],
    &[("vary", b""), ("vary", b"origin, origin")],
    &[("vary", b"\xfe\xff")],
    &[("vary", b"access-control-request-method")],
    &[("vary", b"accept, *")],
    &[],
    &[],
];
const REPLY_CORS: Lines = &[
    &[("access-control-allow-origin", b"*")],
    &[
        ("access-control-allow-origin", b"https://evil.test"),
        ("access-control-allow-origin", b"x"),
        ("access-control-allow-credentials", b"true"),
    ],
    &[
        ("access-control-allow-methods", b"*"),
        ("access-control-max-age", b"9"),
        ("access-control-allow-private-network", b"true"),
    ],
    &[],
    &[],
];

/// One line of `name` per value of a shape drawn from `shapes`.
fn lines_of(mut request: Req, name: &'static str, shapes: Shapes, rng: &mut Rng) -> Req {
    for &value in *rng.pick(shapes) {
        request = request.header(name, value);
    }
    request
}

/// A scripted reply: one of `statuses`, failing one time in four, with a `Vary` shape
/// and a CORS shape from [`REPLY_VARY`] and [`REPLY_CORS`].
fn scripted_reply(statuses: &[u16], rng: &mut Rng) -> Reply {
    let mut headers = rng.pick(REPLY_VARY).to_vec();
    let cors = rng.pick(REPLY_CORS);
    headers.extend_from_slice(cors);
    Reply {
        status: *rng.pick(statuses),
        headers,
        body: "scripted",
        fails: rng.chance(25),
    }
}

/// Generated exchanges, and the seed they came from (which a failure names with the
/// exchange's index).
struct Generated {
    seed: u64,
    exchanges: Vec<Exchange>,
}

impl Generated {
    /// `count` exchanges from `seed`, each made by `exchange`.
    fn new((count, seed): (usize, u64), mut exchange: impl FnMut(&mut Rng) -> Exchange) -> Self {
        let mut rng = Rng::new(seed);
        Generated {
            seed,
            exchanges: (0..count).map(|_| exchange(&mut rng)).collect(),
        }
    }
}

/// `count` requests of every kind from `seed`.
fn generated_requests(set: (usize, u64)) -> Generated {
    let long = format!("https://{}.app.test", "a".repeat(600)).into_bytes();
    let origins: [&[u8]; 11] = [
        APP.as_bytes(),
        SUB.as_bytes(),
        EVIL.as_bytes(),
        b"null",
        b"https://app.test/",
        &long,
        b"https://\xffapp.test",
        b"http://api.test",
        b"https://api.test",
        b"",
        b"HTTPS://APP.TEST",
    ];
    Generated::new(set, |rng| {
        let method = *rng.pick(&[
            "GET", "HEAD", "POST", "PUT", "OPTIONS", "OPTIONS", "OPTIONS", "DELETE", "get",
            "PATCH", "patch",
        ]);
        let target = *rng.pick(&[
            "/items",
            "/items",
            "http://api.test/items",
            "http://app.test/items",
            "/missing",
            "*",
        ]);
        // `*` is the target of `OPTIONS` alone (RFC 9112 §3.2.4).
        let target = if target == "*" && method != "OPTIONS" {
            "/items"
        } else {
            target
        };
        let mut request = Req::new(method, target);
        for _ in 0..*rng.pick(&[0, 1, 1, 1, 1, 2]) {
            request = request.header("origin", *rng.pick(&origins));
        }
        let request = lines_of(request, ACRM, REQUEST_METHODS, rng);
        let request = lines_of(request, ACRH, REQUEST_HEADERS, rng);
        let request = lines_of(request, ACRPN, PRIVATE_NETWORK, rng);
        let request = lines_of(request, SFS, FETCH_SITE, rng);
        let request = lines_of(request, "host", HOST, rng);
        let request = lines_of(request, "upgrade", UPGRADE, rng);
        Exchange {
            request,
            reply: Some(scripted_reply(&[200, 200, 204, 304, 404, 500, 302], rng)),
        }
    })
}

/// `count` preflights from `seed`, all from origins some policy allows: most of them
/// accepted, so the answers' `Allow-*` lines (and preflight continue's handler) are
/// compared, not only refusals.
fn generated_preflights(set: (usize, u64)) -> Generated {
    const METHODS: Shapes = &[
        &[b"PUT"],
        &[b"DELETE"],
        &[b"PROPFIND"],
        &[b"GET"],
        &[b"POST"],
        &[b"HEAD"],
        &[b"X-ANY"],
    ];
    const HEADERS: &[&[u8]] = &[
        b"content-type",
        b"x-api-key,content-type",
        b"authorization",
        b"",
        b" , ",
        b"X-Api-Key",
        b"x-other",
    ];
    const PRIVATE_NETWORK: Shapes = &[&[b"true"], &[b"True"], &[b""], &[], &[]];
    const FETCH_SITE: Shapes = &[&[b"cross-site"], &[b"same-origin"], &[], &[]];
    Generated::new(set, |rng| {
        let origin = *rng.pick(&[APP, SUB, "http://localhost:5173", "http://localhost"]);
        let target = *rng.pick(&["/items", "http://api.test/items"]);
        let mut request = Req::new("OPTIONS", target).header("origin", origin);
        request = lines_of(request, ACRM, METHODS, rng);
        for _ in 0..*rng.pick(&[0, 1, 1, 1, 2]) {
            request = request.header(ACRH, *rng.pick(HEADERS));
        }
        let request = lines_of(request, ACRPN, PRIVATE_NETWORK, rng);
        let request = lines_of(request, SFS, FETCH_SITE, rng);
        Exchange {
            request,
            reply: Some(scripted_reply(&[200, 204, 404, 405], rng)),
        }
    })
}

// --- running and comparing ----------------------------------------------------------------

/// What the comparison sees of a response: its status, the handler runs, and every
/// `Access-Control-*` and `Vary` line, grouped by name with each name's lines in order
/// (the frameworks order different names differently, which no client sees).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Seen {
    status: u16,
    handler_runs: usize,
    lines: Vec<(String, Vec<u8>)>,
}

impl From<Outcome> for Seen {
    fn from(outcome: Outcome) -> Self {
        let mut lines: Vec<_> = outcome
            .headers
            .into_iter()
            .filter(|(name, _)| name.starts_with("access-control-") || name == "vary")
            .collect();
        // Stable: the lines of one name keep their order.
        lines.sort_by(|(a, _), (b, _)| a.cmp(b));
        Seen {
            status: outcome.status,
            handler_runs: outcome.handler_runs,
            lines,
        }
    }
}

impl Seen {
    fn has(&self, name: &str) -> bool {
        self.lines.iter().any(|(line, _)| line == name)
    }
}

impl fmt::Display for Seen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, handler ran {}", self.status, self.handler_runs)?;
        write_lines(f, &self.lines)
    }
}

/// A scripted reply, for a failure message.
struct ShownReply<'a>(&'a Option<Reply>);

impl fmt::Display for ShownReply<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(reply) = self.0 else {
            return f.write_str("the route's own");
        };
        write!(f, "{}", reply.status)?;
        if reply.fails {
            f.write_str(", failing")?;
        }
        write_lines(f, &reply.headers)
    }
}

/// Each exchange's answers, one per adapter in [`ADAPTERS`] order.
type Answers = Vec<[Seen; 3]>;

/// Every exchange through each adapter, each serving all of them through one application
/// layered with `serve()` (a layer per adapter: a dynamic policy is not shared).
async fn through_every_adapter<P: CorsPolicy>(
    serve: impl Fn() -> Serve<P>,
    generated: &Generated,
) -> Answers {
    let exchanges = &generated.exchanges;
    let tower = via_axum::run_each(serve(), exchanges).await;
    let hyper = via_hyper::call_each(serve(), exchanges).await;
    let actix = via_actix::run_each(serve(), exchanges).await;
    tower
        .into_iter()
        .zip(hyper)
        .zip(actix)
        .map(|((tower, hyper), actix)| [tower.into(), hyper.into(), actix.into()])
        .collect()
}

/// A dynamic layer's policy, for [`through_every_adapter`] (`Serve`'s static type is
/// unused there).
fn dynamic(policy: impl Into<DynamicPolicy>) -> Serve<Strict> {
    Serve::Dynamic(policy.into())
}

/// The differences found, the first few written out in full.
#[derive(Default)]
struct Differences {
    count: usize,
    written: Vec<String>,
}

impl Differences {
    const WRITTEN: usize = 6;

    /// Where the adapters' `answers` disagree, or (given a `reference`, the answers of
    /// the layer these must match) where they differ from it.
    fn record(
        &mut self,
        layer: &str,
        generated: &Generated,
        answers: &Answers,
        reference: Option<(&str, &Answers)>,
    ) {
        let seed = generated.seed;
        for (index, (exchange, seen)) in generated.exchanges.iter().zip(answers).enumerate() {
            let expected = reference.map(|(name, answers)| (name, &answers[index]));
            let adapters_agree = seen.iter().all(|one| *one == seen[0]);
            if adapters_agree && expected.is_none_or(|(_, expected)| expected == seen) {
                continue;
            }
            self.count += 1;
            if self.written.len() == Self::WRITTEN {
                continue;
            }
            let mut text = format!(
                "{layer}: request {index} of seed {seed}: {}\n    handler reply: {}",
                exchange.request,
                ShownReply(&exchange.reply)
            );
            for (adapter, one) in ADAPTERS.iter().zip(seen) {
                text.push_str(&format!("\n    {adapter}: {one}"));
            }
            if let Some((name, expected)) = expected {
                for (adapter, one) in ADAPTERS.iter().zip(expected) {
                    text.push_str(&format!("\n    {adapter}, {name}: {one}"));
                }
            }
            self.written.push(text);
        }
    }

    fn assert_none(self) {
        assert!(
            self.count == 0,
            "{} differences; the first {}:\n{}",
            self.count,
            self.written.len(),
            self.written.join("\n")
        );
    }
}

// --- coverage -------------------------------------------------------------------------------

/// The branches of the runtime contract an answer shows it took.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Branch {
    AcceptedPreflight,
    RefusedPreflight,
    ProtectionRefusal,
    AllowedActual,
    RefusedActual,
    HandlerFailure,
    Unrouted,
}

impl Branch {
    const ALL: [Branch; 7] = [
        Branch::AcceptedPreflight,
        Branch::RefusedPreflight,
        Branch::ProtectionRefusal,
        Branch::AllowedActual,
        Branch::RefusedActual,
        Branch::HandlerFailure,
        Branch::Unrouted,
    ];

    /// The branches `seen` took for `exchange` (a failing handler's answer is an allowed
    /// or refused actual one too).
    fn of(exchange: &Exchange, seen: &Seen) -> Vec<Branch> {
        let request = &exchange.request;
        let has = |name: &str| request.headers.iter().any(|(line, _)| *line == name);
        if request.method == "OPTIONS" && has("origin") && has(ACRM) {
            return vec![if seen.has(ACAO) {
                Branch::AcceptedPreflight
            } else {
                Branch::RefusedPreflight
            }];
        }
        if seen.handler_runs == 0 {
            return vec![if seen.status == 403 {
                Branch::ProtectionRefusal
            } else {
                Branch::Unrouted
            }];
        }
        let mut branches = vec![if seen.has(ACAO) {
            Branch::AllowedActual
        } else {
            Branch::RefusedActual
        }];
        if exchange.reply.as_ref().is_some_and(|reply| reply.fails) {
            branches.push(Branch::HandlerFailure);
        }
        branches
    }
}

// --- the tests ------------------------------------------------------------------------------

#[actix_web::test]
async fn generated_requests_agree_across_adapters() {
    let generated = generated_requests(REQUESTS);
    let mut differences = Differences::default();
    let mut branches = BTreeMap::<Branch, usize>::new();
    for name in NAMED {
        let answers = cors_tests::with_policy!(name, |policy| through_every_adapter(
            || Serve::Static(policy),
            &generated
        )
        .await);
        differences.record(&format!("{name:?}"), &generated, &answers, None);
        for (exchange, [tower, ..]) in generated.exchanges.iter().zip(&answers) {
            for branch in Branch::of(exchange, tower) {
                *branches.entry(branch).or_default() += 1;
            }
        }
    }
    println!(
        "{} generated requests × {} policies × 3 adapters; branches reached: {branches:?}",
        generated.exchanges.len(),
        NAMED.len()
    );
    differences.assert_none();
    for branch in Branch::ALL {
        let hits = branches.get(&branch).copied().unwrap_or(0);
        assert!(
            hits >= MIN_BRANCH_HITS,
            "the generator reached {branch:?} {hits} times, under {MIN_BRANCH_HITS}: {branches:?}"
        );
    }
}

#[actix_web::test]
async fn generated_preflights_agree_across_adapters_and_layers() {
    let generated = generated_preflights(PREFLIGHTS);
    let mut differences = Differences::default();
    let mut accepted = Vec::new();
    // A macro, not a loop: each policy is its own type.
    macro_rules! compare {
        ($($policy:ident),*) => {$(
            let reference = through_every_adapter(|| Serve::Static($policy), &generated).await;
            differences.record(stringify!($policy), &generated, &reference, None);
            let reloadable =
                through_every_adapter(|| dynamic(ReloadablePolicy::new($policy)), &generated)
                    .await;
            differences.record(
                concat!(stringify!($policy), ", reloadable"),
                &generated,
                &reloadable,
                Some(("static", &reference)),
            );
            let count = reference.iter().filter(|[tower, ..]| tower.has(ACAO)).count();
            accepted.push((stringify!($policy), count));
        )*};
    }
    compare!(
        Strict,
        AnyOrigin,
        Continue,
        AnyContinue,
        PrivateNet,
        EveryKey,
        StarLists
    );
    let total = generated.exchanges.len();
    println!("{total} generated preflights; accepted per policy: {accepted:?}");
    differences.assert_none();
    // Each policy accepts some and refuses some, so both answers are compared (the
    // fewest accepted now: `Continue`'s and `PrivateNet`'s, which allow `PUT` alone,
    // about 4 in 100).
    for (policy, count) in accepted {
        assert!(
            count >= total / 50 && count < total,
            "{policy} accepted {count} of {total} generated preflights"
        );
    }
}

/// `policy` through every adapter, and its builder twin against it.
async fn record_with_twin<P: CorsPolicy + Copy>(
    differences: &mut Differences,
    generated: &Generated,
    name: &str,
    policy: P,
    twin: cors_runtime::Policy,
) {
    assert_eq!(twin.settings(), policy.settings(), "{name}'s twin");
    let reference = through_every_adapter(|| Serve::Static(policy), generated).await;
    differences.record(name, generated, &reference, None);
    let twin = Arc::new(twin);
    let answers = through_every_adapter(|| Serve::Static(Arc::clone(&twin)), generated).await;
    differences.record(
        &format!("{name}, built"),
        generated,
        &answers,
        Some(("cors!", &reference)),
    );
}

#[actix_web::test]
async fn combined_policies_agree_across_adapters_and_with_their_builder_twins() {
    let generated = generated_requests(COMBINED);
    let mut differences = Differences::default();
    let every_key = every_key_built();
    record_with_twin(
        &mut differences,
        &generated,
        "EveryKey",
        EveryKey,
        every_key,
    )
    .await;
    let star_lists = star_lists_built();
    record_with_twin(
        &mut differences,
        &generated,
        "StarLists",
        StarLists,
        star_lists,
    )
    .await;
    differences.assert_none();
}

#[actix_web::test]
async fn reloadable_and_built_forms_answer_as_their_static_policy() {
    let generated = generated_requests(FORMS);
    let mut differences = Differences::default();
    for name in NAMED {
        let label = |form: &str| format!("{name:?}, {form}");
        let (reference, reloadable) = cors_tests::with_policy!(name, |policy| (
            through_every_adapter(|| Serve::Static(policy), &generated).await,
            through_every_adapter(|| dynamic(ReloadablePolicy::new(policy)), &generated).await
        ));
        let expected = Some(("static", &reference));
        differences.record(&label("reloadable"), &generated, &reloadable, expected);
        let reloadable_built =
            through_every_adapter(|| dynamic(ReloadablePolicy::new(built(name))), &generated).await;
        differences.record(
            &label("reloadable, built"),
            &generated,
            &reloadable_built,
            expected,
        );
        let built_policy = Arc::new(built(name));
        let built_static =
            through_every_adapter(|| Serve::Static(Arc::clone(&built_policy)), &generated).await;
        differences.record(&label("built"), &generated, &built_static, expected);
    }
    differences.assert_none();
}

/// An asynchronous origin lookup that allows what the policy allows, through the dynamic
/// layers, answers as the synchronous predicate doing the same through the static ones:
/// awaiting the verdict changes nothing else.
#[actix_web::test]
async fn async_origins_answer_as_dynamic_origins() {
    let generated = generated_requests(ORIGIN_SOURCES);
    let mut differences = Differences::default();
    for name in NAMED {
        cors_tests::with_policy!(name, |policy| {
            let allows = move |origin: &str| policy.allows_origin(origin.as_bytes());
            let sync = through_every_adapter(
                || Serve::Static(DynamicOrigins::new(policy, allows)),
                &generated,
            )
            .await;
            differences.record(
                &format!("{name:?}, DynamicOrigins"),
                &generated,
                &sync,
                None,
            );
            let lookup = move |origin: String| async move {
                Ok::<_, Infallible>(policy.allows_origin(origin.as_bytes()))
            };
            let awaited =
                through_every_adapter(|| dynamic(AsyncOrigins::new(policy, lookup)), &generated)
                    .await;
            differences.record(
                &format!("{name:?}, AsyncOrigins"),
                &generated,
                &awaited,
                Some(("DynamicOrigins", &sync)),
            );
        });
    }
    differences.assert_none();
}

//! A policy as plain data ([`Spec`]), a seeded generator of valid ones, and their
//! `cors!` source.
//!
//! Shared, through `#[path]`, by the test library (the reference model reads specs), by
//! `tests/build.rs` (which writes a few dozen generated policies as `cors!` items into
//! `OUT_DIR`, with their specs beside them) and by the fuzz targets. It uses only `std`
//! and `cors_policy_core` (whose `check` repairs a random draw into a valid policy), so that
//! every includer compiles it the same way.

// Each includer uses a different part of this module.
#![allow(dead_code, unreachable_pub)]

use cors_policy_core::{At, Key, ListValue, PolicyInput, check};

/// A policy's keys as they would be written in `cors!` (entries in source form; a list
/// holding only `"*"` is written as a bare `*`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spec {
    /// `origin`.
    pub origins: Vec<String>,
    /// `methods`; `None` when the key is absent.
    pub methods: Option<Vec<String>>,
    /// `allow_headers`; `None` when absent.
    pub allow_headers: Option<Vec<String>>,
    /// `expose_headers`; `None` when absent.
    pub expose_headers: Option<Vec<String>>,
    /// `credentials`.
    pub credentials: bool,
    /// `max_age`.
    pub max_age: Option<u32>,
    /// `private_network`.
    pub private_network: bool,
    /// `preflight_status`.
    pub preflight_status: Option<u16>,
    /// `preflight_continue`.
    pub preflight_continue: bool,
    /// `dangerously_allow_null_origin`.
    pub allow_null: bool,
    /// `dangerously_allow_insecure_origins`.
    pub allow_insecure: bool,
    /// `cross_origin_protection`.
    pub cross_origin_protection: bool,
}

/// `&["a", "b"]` → owned strings (the generated data's shorthand).
pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| (*item).to_owned()).collect()
}

/// Which list an entry of a [`Spec`] belongs to (the place `check` reports).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The whole policy.
    Policy,
    /// A list key as a whole.
    List(Key),
    /// One entry of a list key.
    Entry(Key, usize),
    /// A scalar key.
    Scalar(Key),
}

impl Spec {
    /// The spec as `check`'s input, every value placed.
    pub fn to_input(&self) -> PolicyInput<Place> {
        let list = |field: Key, items: &[String]| {
            if items.len() == 1 && items[0] == "*" {
                ListValue::Any(Place::Entry(field, 0))
            } else {
                ListValue::List {
                    items: items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| At::new(item.clone(), Place::Entry(field, i)))
                        .collect(),
                    at: Place::List(field),
                }
            }
        };
        let flag = |field: Key, on: bool| on.then(|| At::new(true, Place::Scalar(field)));
        PolicyInput {
            at: Place::Policy,
            origin: Some(list(Key::Origin, &self.origins)),
            methods: self.methods.as_deref().map(|m| list(Key::Methods, m)),
            allow_headers: self
                .allow_headers
                .as_deref()
                .map(|h| list(Key::AllowHeaders, h)),
            expose_headers: self
                .expose_headers
                .as_deref()
                .map(|h| list(Key::ExposeHeaders, h)),
            credentials: flag(Key::Credentials, self.credentials),
            max_age: self
                .max_age
                .map(|s| At::new(i64::from(s), Place::Scalar(Key::MaxAge))),
            private_network: flag(Key::PrivateNetwork, self.private_network),
            preflight_status: self
                .preflight_status
                .map(|s| At::new(i64::from(s), Place::Scalar(Key::PreflightStatus))),
            preflight_continue: flag(Key::PreflightContinue, self.preflight_continue),
            dangerously_allow_null_origin: flag(Key::DangerouslyAllowNullOrigin, self.allow_null),
            dangerously_allow_insecure_origins: flag(
                Key::DangerouslyAllowInsecureOrigins,
                self.allow_insecure,
            ),
            cross_origin_protection: flag(Key::CrossOriginProtection, self.cross_origin_protection),
        }
    }

    /// The `cors!` item declaring this policy as `pub struct {name}`.
    pub fn to_cors_item(&self, name: &str, doc: &str) -> String {
        let list = |items: &[String]| {
            if items.len() == 1 && items[0] == "*" {
                "*".to_owned()
            } else {
                let quoted: Vec<String> = items.iter().map(|item| format!("{item:?}")).collect();
                format!("[{}]", quoted.join(", "))
            }
        };
        let mut keys = vec![format!("origin: {}", list(&self.origins))];
        for (key, value) in [
            ("methods", &self.methods),
            ("allow_headers", &self.allow_headers),
            ("expose_headers", &self.expose_headers),
        ] {
            if let Some(items) = value {
                keys.push(format!("{key}: {}", list(items)));
            }
        }
        for (key, on) in [
            ("credentials", self.credentials),
            ("private_network", self.private_network),
            ("preflight_continue", self.preflight_continue),
            ("dangerously_allow_null_origin", self.allow_null),
            ("dangerously_allow_insecure_origins", self.allow_insecure),
            ("cross_origin_protection", self.cross_origin_protection),
        ] {
            if on {
                keys.push(format!("{key}: true"));
            }
        }
        if let Some(seconds) = self.max_age {
            keys.push(format!("max_age: {seconds}"));
        }
        if let Some(status) = self.preflight_status {
            keys.push(format!("preflight_status: {status}"));
        }
        format!(
            "cors_runtime::cors! {{\n    #[doc = {doc:?}]\n    pub(crate) struct {name} {{\n        {},\n    }}\n}}\n",
            keys.join(",\n        ")
        )
    }

    /// A Rust expression building this spec (with `strings` and `Spec` in scope).
    pub fn to_rust(&self) -> String {
        let list = |items: &[String]| {
            let quoted: Vec<String> = items.iter().map(|item| format!("{item:?}")).collect();
            format!("strings(&[{}])", quoted.join(", "))
        };
        let optional_list = |items: &Option<Vec<String>>| match items {
            Some(items) => format!("Some({})", list(items)),
            None => "None".to_owned(),
        };
        format!(
            "Spec {{ origins: {}, methods: {}, allow_headers: {}, expose_headers: {}, \
             credentials: {}, max_age: {:?}, private_network: {}, preflight_status: {:?}, \
             preflight_continue: {}, allow_null: {}, allow_insecure: {}, \
             cross_origin_protection: {} }}",
            list(&self.origins),
            optional_list(&self.methods),
            optional_list(&self.allow_headers),
            optional_list(&self.expose_headers),
            self.credentials,
            self.max_age,
            self.private_network,
            self.preflight_status,
            self.preflight_continue,
            self.allow_null,
            self.allow_insecure,
            self.cross_origin_protection,
        )
    }

    /// Drops every value `check` refuses until it accepts the policy (an emptied origin
    /// list gets one safe origin). Deterministic: the same draw gives the same policy.
    pub fn repaired(mut self) -> Spec {
        for _ in 0..16 {
            let Err(violations) = check(&self.to_input()) else {
                return self;
            };
            let mut drop: Vec<(Key, usize)> = Vec::new();
            for violation in &violations {
                match violation.at {
                    Place::Entry(field, index) => drop.push((field, index)),
                    Place::Scalar(Key::PrivateNetwork) => self.private_network = false,
                    Place::Scalar(Key::Credentials) => self.credentials = false,
                    Place::Scalar(Key::MaxAge) => self.max_age = None,
                    Place::Scalar(Key::PreflightStatus) => self.preflight_status = None,
                    Place::Scalar(Key::CrossOriginProtection) => {
                        self.cross_origin_protection = false;
                    }
                    Place::Scalar(_) => {}
                    Place::List(Key::Origin) | Place::Policy => {
                        self.origins = strings(&["https://app.test"]);
                    }
                    Place::List(field) => self.clear(field),
                }
            }
            drop.sort_by_key(|&(field, index)| (std::cmp::Reverse(index), field as u8));
            drop.dedup();
            for (field, index) in drop {
                if let Some(items) = self.list_mut(field)
                    && index < items.len()
                {
                    items.remove(index);
                }
            }
            if self.origins.is_empty() {
                self.origins = strings(&["https://app.test"]);
            }
            for field in [Key::Methods, Key::AllowHeaders, Key::ExposeHeaders] {
                if self.list_mut(field).is_some_and(|items| items.is_empty()) {
                    self.clear(field);
                }
            }
        }
        panic!("could not repair {self:?}")
    }

    fn list_mut(&mut self, field: Key) -> Option<&mut Vec<String>> {
        match field {
            Key::Origin => Some(&mut self.origins),
            Key::Methods => self.methods.as_mut(),
            Key::AllowHeaders => self.allow_headers.as_mut(),
            Key::ExposeHeaders => self.expose_headers.as_mut(),
            _ => None,
        }
    }

    fn clear(&mut self, field: Key) {
        match field {
            Key::Methods => self.methods = None,
            Key::AllowHeaders => self.allow_headers = None,
            Key::ExposeHeaders => self.expose_headers = None,
            _ => {}
        }
    }
}

/// SplitMix64: a tiny deterministic generator, the same in the build script, the
/// tests and the fuzz targets.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Domains whose names overlap on purpose: prefixes, suffixes, concatenations
/// (`foo.com` + `bar.com` against `barfoo.com`), a domain and its subdomain.
pub const DOMAINS: [&str; 16] = [
    "example.com",
    "foo.com",
    "bar.com",
    "barfoo.com",
    "api.example.com",
    "example.co",
    "example.org",
    "app.test",
    "a.io",
    "ab.io",
    "localhost",
    "app.localhost",
    "xn--bcher-kva.example",
    "x_y.example.net",
    "b.a.example.com",
    "example.com.evil.com",
];

/// Hosts that take no `*.` pattern.
pub const IP_HOSTS: [&str; 4] = ["127.0.0.1", "10.0.0.1", "[::1]", "[2001:db8::1]"];

/// Ports written explicitly (none of them the default of http or https).
pub const PORTS: [u16; 6] = [3000, 5173, 8080, 8443, 1, 65535];

/// Method entries: normalized, custom, a lowercase custom one (`purge`, matched as is),
/// a lowercase standard one (`delete`, normalized to `DELETE`) and some `check`
/// refuses (`patch`, `TRACE`), which the repair drops.
pub const METHODS: [&str; 14] = [
    "PUT", "DELETE", "PATCH", "PROPFIND", "QUERY", "X-CUSTOM", "purge", "delete", "GET", "POST",
    "OPTIONS", "patch", "TRACE", "M",
];

/// Request header entries, some in mixed case, some refused (`cookie`).
pub const REQUEST_HEADERS: [&str; 14] = [
    "content-type",
    "x-api-key",
    "X-Requested-With",
    "authorization",
    "x-a",
    "x-ab",
    "x-b",
    "accept",
    "range",
    "x_under",
    "k",
    "X-K",
    "cookie",
    "x-api-key2",
];

/// Exposed header entries, some safelisted (dropped from the value), one refused.
pub const EXPOSE_HEADERS: [&str; 7] = [
    "x-total-count",
    "content-type",
    "X-Request-Id",
    "etag",
    "cache-control",
    "x-a",
    "set-cookie",
];

fn origin_entry(rng: &mut Rng) -> String {
    let scheme = *rng.pick(&["https", "https", "https", "http", "http", "wss", "tauri"]);
    let ip = rng.chance(12);
    let host = if ip {
        (*rng.pick(&IP_HOSTS)).to_owned()
    } else {
        (*rng.pick(&DOMAINS)).to_owned()
    };
    let host = if !ip && rng.chance(30) {
        format!("*.{host}")
    } else {
        host
    };
    let port = match rng.below(10) {
        0 | 1 => format!(":{}", rng.pick(&PORTS)),
        2 => ":*".to_owned(),
        _ => String::new(),
    };
    format!("{scheme}://{host}{port}")
}

/// `count` exact origins over a five-letter alphabet and three TLDs: thousands of
/// shared prefixes and suffixes, and concatenations of one entry inside another.
fn crowded_origins(rng: &mut Rng, count: usize) -> Vec<String> {
    let mut origins = Vec::with_capacity(count);
    while origins.len() < count {
        let len = 1 + rng.below(7);
        let label: String = (0..len)
            .map(|_| *rng.pick(&['a', 'b', 'f', 'o', 'r']))
            .collect();
        let tld = *rng.pick(&["com", "co", "io"]);
        // https only: with credentials, plain http would be dropped (rule O13).
        let origin = format!("https://{label}.{tld}");
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    origins
}

fn some_of(rng: &mut Rng, items: &[&str], max: usize) -> Vec<String> {
    let mut chosen: Vec<String> = Vec::new();
    for _ in 0..1 + rng.below(max) {
        let item = (*rng.pick(items)).to_owned();
        if !chosen.contains(&item) {
            chosen.push(item);
        }
    }
    chosen
}

fn list_key(rng: &mut Rng, items: &[&str], max: usize) -> Option<Vec<String>> {
    match rng.below(10) {
        0..=2 => None,
        3 => Some(strings(&["*"])),
        _ => Some(some_of(rng, items, max)),
    }
}

/// A random valid policy of about `origins` origin entries (1000 gives a crowded
/// exact set; otherwise entries mix exacts and patterns of overlapping domains).
pub fn generate(rng: &mut Rng, origins: usize) -> Spec {
    let origin_list = if origins >= 100 {
        let mut list = crowded_origins(rng, origins);
        list.push("https://*.foo.com".to_owned());
        list
    } else if rng.chance(8) {
        strings(&["*"])
    } else {
        let mut list: Vec<String> = Vec::new();
        for _ in 0..origins.max(1) {
            let entry = origin_entry(rng);
            if !list.contains(&entry) {
                list.push(entry);
            }
        }
        if rng.chance(10) {
            list.push("null".to_owned());
        }
        list
    };
    let mut allow_headers = list_key(rng, &REQUEST_HEADERS, 5);
    if let Some(headers) = &mut allow_headers
        && headers == &["*"]
        && rng.chance(40)
    {
        headers.push("authorization".to_owned());
    }
    let spec = Spec {
        origins: origin_list,
        methods: list_key(rng, &METHODS, 5),
        allow_headers,
        expose_headers: list_key(rng, &EXPOSE_HEADERS, 4),
        credentials: rng.chance(35),
        max_age: match rng.below(5) {
            0 => Some(0),
            1 => Some(600),
            2 => Some(86400),
            _ => None,
        },
        private_network: rng.chance(15),
        preflight_status: match rng.below(6) {
            0 => Some(200),
            1 => Some(299),
            _ => None,
        },
        preflight_continue: rng.chance(15),
        allow_null: rng.chance(70),
        allow_insecure: rng.chance(40),
        // Drawn last, so that every other key of a seed's policy stays what it was.
        cross_origin_protection: rng.chance(40),
    };
    spec.repaired()
}

/// The build script's fixed set: `(seed, origin count)` per generated policy. Seeds
/// are arbitrary but fixed, so the set (and the code generated from it) never changes
/// between builds.
pub fn fixed_set() -> Vec<(u64, usize)> {
    let mut set: Vec<(u64, usize)> = (0..40u64)
        .map(|i| (0xC0A5_0000 + i, 1 + (i as usize % 9)))
        .collect();
    set.push((0xC0A5_1000, 1000));
    set.push((0xC0A5_1001, 1000));
    set.push((0xC0A5_1002, 200));
    set
}

/// Hand-written policies every run includes: the digest's traps spelled out.
pub fn trap_specs() -> Vec<Spec> {
    vec![
        // jub0bs/cors's advisory: `foo.com` and `bar.com` must not admit `barfoo.com`.
        Spec {
            origins: strings(&["https://foo.com", "https://bar.com"]),
            ..Spec::default()
        },
        // Same length, one byte apart, shared prefix and suffix.
        Spec {
            origins: strings(&[
                "https://ab.io",
                "https://ba.io",
                "https://aa.io",
                "https://bb.io",
                "https://a.io",
                "https://b.io",
            ]),
            methods: Some(strings(&["PUT"])),
            ..Spec::default()
        },
        // A pattern and exacts of the same domain; any port on loopback.
        Spec {
            origins: strings(&[
                "https://example.com",
                "https://*.example.com",
                "http://localhost:*",
                "http://127.0.0.1:3000",
            ]),
            allow_headers: Some(strings(&["*", "authorization"])),
            credentials: false,
            ..Spec::default()
        },
        // Credentials, a custom lowercase method, exposed headers with a safelisted one.
        Spec {
            origins: strings(&["https://app.test", "https://*.app.test:8443", "null"]),
            methods: Some(strings(&["purge", "PATCH", "delete"])),
            allow_headers: Some(strings(&["X-Api-Key", "content-type", "k"])),
            expose_headers: Some(strings(&["x-total-count", "content-type"])),
            credentials: true,
            max_age: Some(0),
            private_network: true,
            allow_null: true,
            ..Spec::default()
        },
        // Cross-origin protection over exacts, a pattern and a loopback port wildcard.
        Spec {
            origins: strings(&[
                "https://app.test",
                "https://*.app.test",
                "http://localhost:*",
            ]),
            methods: Some(strings(&["PUT", "DELETE"])),
            credentials: true,
            cross_origin_protection: true,
            ..Spec::default()
        },
        // Any origin, any method, any header but authorization.
        Spec {
            origins: strings(&["*"]),
            methods: Some(strings(&["*"])),
            allow_headers: Some(strings(&["*"])),
            expose_headers: Some(strings(&["*"])),
            preflight_continue: true,
            preflight_status: Some(200),
            ..Spec::default()
        },
    ]
}

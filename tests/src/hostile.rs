//! Requests to throw at a policy: the valid, the almost valid and the hostile, derived
//! from the policy's own entries (look-alikes of each origin, its methods in every case,
//! its header names with odd spacing), for the property tests and the fuzz seeds.

use crate::policy_spec::Spec;

/// Origins that a listed entry (exact or pattern) matches, as a browser would send them.
pub fn instances(entry: &str) -> Vec<String> {
    if entry == "*" || entry == "null" {
        return vec![entry.to_owned()];
    }
    let Some((scheme, authority)) = entry.split_once("://") else {
        return vec![entry.to_owned()];
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') => (host, Some(port)),
        _ => (authority, None),
    };
    let hosts: Vec<String> = match host.strip_prefix("*.") {
        Some(domain) => vec![
            format!("a.{domain}"),
            format!("x-1.y_z.{domain}"),
            format!("{}.{domain}", "q".repeat(63)),
        ],
        None => vec![host.to_owned()],
    };
    let ports: Vec<String> = match port {
        None => vec![String::new()],
        Some("*") => vec![String::new(), ":8080".into(), ":1".into(), ":65535".into()],
        Some(port) => vec![format!(":{port}")],
    };
    let mut out = Vec::new();
    for host in &hosts {
        for port in &ports {
            out.push(format!("{scheme}://{host}{port}"));
        }
    }
    out
}

/// Near misses of one origin a browser would send: every classic suffix, prefix, case,
/// port, userinfo, path and encoding trick.
pub fn lookalikes(origin: &str) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut add = |text: String| out.push(text.into_bytes());
    let Some((scheme, authority)) = origin.split_once("://") else {
        add(origin.to_uppercase());
        add(format!("{origin} "));
        add(format!("https://{origin}"));
        return out;
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') => (host, format!(":{port}")),
        _ => (authority, String::new()),
    };
    if let Some(domain) = host.strip_prefix("*.") {
        // What the `*` of a pattern may stand for: LDH labels only.
        for labels in [
            "a", "a-b.c", "-a", "a-", "-", "a_b", "_", "A", "a.-b", "a-.b",
        ] {
            add(format!("{scheme}://{labels}.{domain}{port}"));
        }
    }
    add(origin.to_uppercase());
    add(format!("{scheme}://{}{port}", host.to_uppercase()));
    add(format!("{}://{authority}", scheme.to_uppercase()));
    add(format!("{origin}."));
    add(format!("{scheme}://{host}.{port}"));
    add(format!("{origin}/"));
    add(format!("{origin}/path"));
    add(format!("{origin}?q"));
    add(format!("{origin}#f"));
    add(format!("{scheme}://evil{host}{port}"));
    add(format!("{scheme}://evil.{host}{port}"));
    add(format!("{scheme}://{host}.evil.com{port}"));
    add(format!("{scheme}://{host}evil.com{port}"));
    add(format!("{scheme}://user@{authority}"));
    add(format!("{scheme}://user:pass@{authority}"));
    add(format!("{scheme}://{authority}@evil.com"));
    add(format!("{scheme}://evil.com#{authority}"));
    if port.is_empty() {
        for port in [":443", ":80", ":8443", ":0", ":", ":65536"] {
            add(format!("{origin}{port}"));
        }
    } else {
        add(format!("{scheme}://{host}"));
        add(format!("{scheme}://{host}:0{}", &port[1..]));
        add(format!("{origin}0"));
        add(format!("{origin}:1"));
    }
    let other = match scheme {
        "https" => "http",
        "http" => "https",
        _ => "https",
    };
    add(format!("{other}://{authority}"));
    add(format!("{scheme}:{authority}"));
    add(format!("{scheme}:/{authority}"));
    add(format!("{scheme}:///{authority}"));
    add(format!(" {origin}"));
    add(format!("{origin} "));
    add(format!("{origin}\t"));
    add(format!("{origin}\0"));
    add(format!("{origin},{origin}"));
    add(format!("{origin}, {origin}"));
    add(format!("{scheme}://.{authority}"));
    add(format!("{scheme}://a..{authority}"));
    add(format!("{scheme}://*.{authority}"));
    add(format!("{scheme}://\u{e9}.{authority}"));
    add(format!("{scheme}://a\u{212A}.{authority}"));
    out.push(origin.as_bytes()[..origin.len().saturating_sub(1)].to_vec());
    let mut bytes = origin.as_bytes().to_vec();
    bytes.push(0xff);
    out.push(bytes);
    let mut bytes = origin.as_bytes().to_vec();
    bytes.insert(scheme.len() + 3, 0x80);
    out.push(bytes);
    out
}

/// Origins around the 512-byte cap that a `*.domain` pattern would otherwise match:
/// one of each length from 510 to 514, and one far over it.
pub fn long_instances(entry: &str) -> Vec<Vec<u8>> {
    let Some((scheme, authority)) = entry.split_once("://") else {
        return Vec::new();
    };
    let Some(domain) = authority.strip_prefix("*.") else {
        return Vec::new();
    };
    if domain.contains(':') {
        return Vec::new();
    }
    let fixed = scheme.len() + 3 + domain.len() + 1;
    let mut out = Vec::new();
    for target in [510usize, 511, 512, 513, 514, 4096] {
        let Some(mut remaining) = target.checked_sub(fixed) else {
            continue;
        };
        // Labels of 59 bytes and their dots, then one last label of 4 to 63 bytes.
        let mut labels = String::new();
        while remaining > 63 {
            labels.push_str(&"a".repeat(59));
            labels.push('.');
            remaining -= 60;
        }
        labels.push_str(&"b".repeat(remaining));
        let origin = format!("{scheme}://{labels}.{domain}");
        out.push(origin.into_bytes());
    }
    out
}

/// Every origin to try against `spec`: its entries' instances and their look-alikes,
/// the long ones, and a few that match nothing. At most `per_list` entries of a long
/// list are expanded (spread over the list).
pub fn origin_pool(spec: &Spec, per_list: usize) -> Vec<Vec<u8>> {
    let step = (spec.origins.len() / per_list.max(1)).max(1);
    let mut pool: Vec<Vec<u8>> = Vec::new();
    for entry in spec.origins.iter().step_by(step) {
        for instance in instances(entry) {
            pool.extend(lookalikes(&instance));
            pool.push(instance.into_bytes());
        }
        pool.extend(long_instances(entry));
        // A pattern's bare domain, and its look-alikes (`evilexample.com` against
        // `*.example.com`), which the pattern must not match.
        if let Some((scheme, domain)) = entry.split_once("://*.") {
            let bare = format!("{scheme}://{}", domain.replace(":*", ""));
            pool.extend(lookalikes(&bare));
            pool.push(bare.into_bytes());
        }
    }
    for fixed in [
        "null",
        "NULL",
        "*",
        "",
        "https://",
        "https://evil.test",
        "file://",
        "https://[::1",
        "http://[::1]x",
        "http://[::1]:",
    ] {
        pool.push(fixed.as_bytes().to_vec());
    }
    pool
}

/// Methods to ask for: the policy's own in every case, the always-allowed ones, and
/// some no policy allows.
pub fn method_pool(spec: &Spec) -> Vec<Vec<u8>> {
    let mut pool: Vec<Vec<u8>> = Vec::new();
    let mut add = |text: &str| {
        for variant in [
            text.to_owned(),
            text.to_lowercase(),
            text.to_uppercase(),
            capitalized(text),
            format!(" {text}"),
            format!("{text},{text}"),
        ] {
            pool.push(variant.into_bytes());
        }
    };
    for method in spec.methods.iter().flatten() {
        add(method);
    }
    for method in [
        "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE", "purge",
        "*", "",
    ] {
        add(method);
    }
    pool.push(b"P\xffT".to_vec());
    pool.push(b"PU\0T".to_vec());
    pool
}

/// Header names to ask for: the policy's own in every case, names it does not allow,
/// `authorization`, and the non-tokens.
pub fn header_name_pool(spec: &Spec) -> Vec<Vec<u8>> {
    let mut pool: Vec<Vec<u8>> = Vec::new();
    let mut add = |text: &str| {
        for variant in [
            text.to_owned(),
            text.to_uppercase(),
            capitalized(text),
            format!("{text}x"),
        ] {
            pool.push(variant.into_bytes());
        }
        pool.push(text.as_bytes()[..text.len().saturating_sub(1)].to_vec());
    };
    for name in spec.allow_headers.iter().flatten() {
        add(name);
    }
    for name in [
        "authorization",
        "content-type",
        "x-evil",
        "x-api-key",
        "k",
        "cookie",
        "a b",
        "x\u{212A}",
        "*",
    ] {
        add(name);
    }
    pool.push("\u{212A}".as_bytes().to_vec());
    pool.push(b"x-\xff".to_vec());
    pool.push(b"x-a;b".to_vec());
    pool
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.map(|c| c.to_ascii_lowercase()))
            .collect(),
        None => String::new(),
    }
}

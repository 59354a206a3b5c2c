//! Hosts as browsers serialize them (canonical IP addresses, punycode, public suffixes,
//! loopback), and the checks of an origin's host against them.

use std::net::Ipv6Addr;

use crate::rule::{Problem, Rule};

/// Parses a host as the URL standard's IPv4 parser does (`127.1`, `0x7f.0.0.1`, `017.0.0.1`
/// are all IPv4) and returns the canonical dotted quad, or `None` when the host is not
/// an IPv4 address at all (its last label is not numeric), or `Some(Err(()))` when it
/// looks like one but is invalid.
pub(crate) fn parse_ipv4(host: &str) -> Option<Result<String, ()>> {
    let host = host.strip_suffix('.').unwrap_or(host);
    let last = host.rsplit('.').next()?;
    if last.is_empty()
        || parse_ipv4_number(last).is_none() && !last.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let parts: Vec<&str> = host.split('.').collect();
    if parts.len() > 4 {
        return Some(Err(()));
    }
    let mut numbers = Vec::with_capacity(parts.len());
    for part in &parts {
        match parse_ipv4_number(part) {
            Some(number) => numbers.push(number),
            None => return Some(Err(())),
        }
    }
    let (last, init) = numbers.split_last()?;
    if init.iter().any(|&n| n > 255) || *last >= 256u64.pow(5 - numbers.len() as u32) {
        return Some(Err(()));
    }
    let mut address: u64 = *last;
    for (i, n) in init.iter().enumerate() {
        address += n * 256u64.pow(3 - i as u32);
    }
    let [a, b, c, d] = (address as u32).to_be_bytes();
    Some(Ok(format!("{a}.{b}.{c}.{d}")))
}

/// The URL standard's IPv4 number parser: `None` when `part` is not a number (it is then
/// a domain label), else its value, saturated at `u64::MAX`: a number of any length is
/// still a number (`0x7f12725611256` makes the host an invalid IPv4 address, which no
/// browser sends, not a domain).
fn parse_ipv4_number(part: &str) -> Option<u64> {
    if part.is_empty() {
        return None;
    }
    let (digits, radix) =
        if let Some(hex) = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")) {
            (hex, 16)
        } else if part.len() > 1 && part.starts_with('0') {
            (&part[1..], 8)
        } else {
            (part, 10)
        };
    if !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    if digits.is_empty() {
        return Some(0);
    }
    // All digits: the only error left is an overflow.
    Some(u64::from_str_radix(digits, radix).unwrap_or(u64::MAX))
}

/// The URL standard's IPv6 serialization: lowercase hex, no leading zeros, the first
/// longest run of two or more zero pieces compressed to `::`.
pub(crate) fn serialize_ipv6(address: Ipv6Addr) -> String {
    let pieces = address.segments();
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < 8 {
        if pieces[i] == 0 {
            let start = i;
            while i < 8 && pieces[i] == 0 {
                i += 1;
            }
            let len = i - start;
            if len > 1 && best.is_none_or(|(_, best_len)| len > best_len) {
                best = Some((start, len));
            }
        } else {
            i += 1;
        }
    }
    let mut out = String::new();
    let mut i = 0;
    while i < 8 {
        if let Some((start, len)) = best
            && i == start
        {
            out.push_str(if i == 0 { "::" } else { ":" });
            i += len;
            continue;
        }
        out.push_str(&format!("{:x}", pieces[i]));
        if i < 7 {
            out.push(':');
        }
        i += 1;
    }
    out
}

/// Whether an (already validated, lowercase) host is loopback: `localhost`,
/// `*.localhost`, 127.0.0.0/8 or `[::1]`.
pub(crate) fn is_loopback(host: &str) -> bool {
    // `localhost.` is the same host, fully qualified.
    let host = host.strip_suffix('.').unwrap_or(host);
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "[::1]"
        || (host.starts_with("127.") && matches!(parse_ipv4(host), Some(Ok(_))))
}

/// Multi-label public suffixes under which `*.` would admit unrelated sites. Not the
/// whole Public Suffix List (a large download and build cost): its most used entries.
/// Single-label suffixes (TLDs) are refused by shape.
const PUBLIC_SUFFIXES: &[&str] = &[
    "ac.jp",
    "ac.uk",
    "ac.za",
    "amplifyapp.com",
    "app.github.dev",
    "appspot.com",
    "azurestaticapps.net",
    "azurewebsites.net",
    "blogspot.com",
    "cloudfront.net",
    "cloudfunctions.net",
    "co.id",
    "co.il",
    "co.in",
    "co.jp",
    "co.kr",
    "co.nz",
    "co.th",
    "co.uk",
    "co.za",
    "codesandbox.io",
    "com.ar",
    "com.au",
    "com.br",
    "com.cn",
    "com.co",
    "com.hk",
    "com.mx",
    "com.my",
    "com.pl",
    "com.sg",
    "com.tr",
    "com.tw",
    "com.ua",
    "com.vn",
    "deno.dev",
    "edu.au",
    "elasticbeanstalk.com",
    "firebaseapp.com",
    "fly.dev",
    "github.io",
    "gitlab.io",
    "glitch.me",
    "gov.au",
    "gov.uk",
    "herokuapp.com",
    "ltd.uk",
    "me.uk",
    "myshopify.com",
    "ne.jp",
    "net.au",
    "net.br",
    "netlify.app",
    "ngrok-free.app",
    "ngrok-free.dev",
    "ngrok.app",
    "ngrok.dev",
    "ngrok.io",
    "nhs.uk",
    "onrender.com",
    "or.jp",
    "org.au",
    "org.br",
    "org.uk",
    "pages.dev",
    "plc.uk",
    "r2.dev",
    "railway.app",
    "readthedocs.io",
    "repl.co",
    "run.app",
    "s3.amazonaws.com",
    "sch.uk",
    "surge.sh",
    "trycloudflare.com",
    "up.railway.app",
    "vercel.app",
    "web.app",
    "workers.dev",
];

/// Whether `*.domain` would span a public suffix (a TLD or a well-known shared suffix).
pub(crate) fn is_public_suffix(domain: &str) -> bool {
    (!domain.contains('.') && domain != "localhost") || PUBLIC_SUFFIXES.contains(&domain)
}

/// Encodes a host label by label into punycode (RFC 3492), lowercasing first; labels
/// that are already ASCII stay as they are.
pub(crate) fn to_punycode_host(host: &str) -> Option<String> {
    let labels: Option<Vec<String>> = host
        .split('.')
        .map(|label| {
            let label = label.to_lowercase();
            if label.is_ascii() {
                Some(label)
            } else if label.starts_with("xn--") {
                // Already an encoded label's prefix, with Unicode after it: no encoding
                // of it is a label browsers send.
                None
            } else {
                punycode_label(&label).map(|p| format!("xn--{p}"))
            }
        })
        .collect();
    labels.map(|labels| labels.join("."))
}

/// Whether browsers' host parsing (the URL Standard's domain to ASCII: UTS #46 mapping,
/// which is NFKC case folding with removals, then NFC) may change `c` before the punycode
/// encoding, so that encoding the host as written, as [`to_punycode_host`] does after
/// lowercasing, would give an origin browsers never send. Without the UTS #46 tables
/// (not a dependency), this is a conservative list: what it names gets no fix, what it
/// misses gets the plain encoding.
///
/// - `。`, `．`, `｡`: label separators, read as `.`.
/// - Full-width and half-width forms (U+FF00–U+FFEF): `ｅ` is `e`.
/// - Default-ignorable code points (DerivedCoreProperties' `Default_Ignorable_Code_Point`),
///   removed or refused: the soft hyphen, U+034F, the Mongolian selectors, zero-width
///   spaces and joiners, bidirectional controls, U+2060–U+206F, variation selectors, the
///   byte-order mark, the Hangul fillers, tags; and the specials block (U+FFF0–U+FFFF,
///   the replacement character among them), which is disallowed.
/// - Characters NFC composes or changes: combining diacritical marks (`u` + U+0308 is
///   `ü`), the Hangul jamo, kana voicing marks, the composition exclusions of Indic
///   scripts and Tibetan (`क़` is `क` + `़`), the Greek Extended block (oxia forms and
///   iota subscripts), singletons such as the Kelvin and Ohm signs.
/// - Compatibility characters NFKC expands (ligatures, superscripts, enclosed and
///   mathematical letters, presentation forms, CJK compatibility ideographs, Roman
///   numerals, dot leaders, `µ`, `ĳ`, `ǆ`, `ſ`…) and case foldings that are not
///   [`char::to_lowercase`] (`ẞ` is `ss`, Greek symbol letters, Cherokee).
fn idna_maps(c: char) -> bool {
    matches!(
        u32::from(c),
        // Separators read as `.`.
        0x3002 | 0xFF0E | 0xFF61
        // Full-width and half-width forms (with U+FFA0, a filler).
        | 0xFF00..=0xFFEF
        // Default-ignorable code points.
        | 0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFF0..=0xFFFF | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF
        // Latin-1 symbols NFKC maps (`ª`, `²`, `µ`, `¼`…).
        | 0x00A0..=0x00BF
        // Latin ligatures and digraphs, long s, and their kin.
        | 0x0132..=0x0133 | 0x013F..=0x0140 | 0x0149 | 0x017F | 0x01C4..=0x01CC
        | 0x01F1..=0x01F3
        // Modifier letters NFKC maps (`ʰ`, `ˡ`, spacing accents), combining marks (NFC
        // composes them).
        | 0x02B0..=0x02B8 | 0x02D8..=0x02DD | 0x02E0..=0x02E4 | 0x0300..=0x036F
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        // Greek: singletons and spacing accents, symbol letters (`ϐ` folds to `β`), and
        // the Greek Extended block (oxia singletons, iota subscripts folded to `ι`).
        | 0x0374 | 0x037A | 0x037E | 0x0384..=0x0385 | 0x0387 | 0x03D0..=0x03D6
        | 0x03F0..=0x03F5 | 0x03F9 | 0x1F00..=0x1FFF
        // Armenian, Arabic, Thai, Lao and Tibetan compatibility forms.
        | 0x0587 | 0x0675..=0x0678 | 0x0E33 | 0x0EB3 | 0x0EDC..=0x0EDD | 0x0F0C
        | 0x0F43 | 0x0F4D | 0x0F52 | 0x0F57 | 0x0F5C | 0x0F69 | 0x0F73 | 0x0F75..=0x0F79
        | 0x0F81 | 0x0F93 | 0x0F9D | 0x0FA2 | 0x0FA7 | 0x0FAC | 0x0FB9
        // Indic composition exclusions (nukta letters).
        | 0x0958..=0x095F | 0x09DC..=0x09DD | 0x09DF | 0x0A33 | 0x0A36 | 0x0A59..=0x0A5B
        | 0x0A5E | 0x0B5C..=0x0B5D
        // Hangul jamo (NFC composes syllables) and compatibility jamo.
        | 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xD7B0..=0xD7FF
        // Cherokee (folded to uppercase), Cyrillic and Latin case-folding extras.
        | 0x13A0..=0x13FF | 0xAB70..=0xABBF | 0x1C80..=0x1C88 | 0x1E9A..=0x1E9B | 0x1E9E
        // Phonetic modifiers, superscripts and subscripts.
        | 0x1D2C..=0x1D6A | 0x1D78 | 0x1D9B..=0x1DBF | 0x2070..=0x209F
        // Dot leaders and the ellipsis (NFKC: `.`, `..`, `...`), letterlike symbols,
        // number forms, enclosed alphanumerics.
        | 0x2024..=0x2026 | 0x2100..=0x218F | 0x2460..=0x24FF | 0x2C7C..=0x2C7D
        // Kana voicing marks, enclosed CJK, CJK compatibility (and its ideographs).
        | 0x3099..=0x309C | 0x309F | 0x30FF | 0x3200..=0x33FF | 0xF900..=0xFAFF
        // Presentation forms, vertical, compatibility and small forms.
        | 0xFB00..=0xFDFF | 0xFE10..=0xFE1F | 0xFE30..=0xFE6F | 0xFE70..=0xFEFE
        // Mathematical alphanumerics, enclosed supplement, CJK compatibility supplement.
        | 0x1D400..=0x1D7FF | 0x1F100..=0x1F1FF | 0x2F800..=0x2FA1F
    )
}

/// RFC 3492's parameters for punycode (section 5), shared by the encoder and the decoder.
const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;

/// RFC 3492's bias adaptation (section 6.1), shared by the encoder and the decoder.
fn adapt(mut delta: u32, points: u32, first: bool) -> u32 {
    delta /= if first { DAMP } else { 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

/// Decodes the part of a label after `xn--` (RFC 3492, section 6.2); `None` when it is
/// not valid punycode (a digit sequence cut short, an overflow, a code point beyond
/// Unicode or a surrogate, a non-digit after the last `-`).
fn decode_punycode(input: &str) -> Option<Vec<char>> {
    // A delimiter is one only after at least one basic code point (section 6.2): a
    // leading `-` is read as a digit, which it is not.
    let (basic, extended) = match input.rfind('-') {
        Some(end) if end > 0 => (&input[..end], &input[end + 1..]),
        _ => ("", input),
    };
    if !basic.is_ascii() {
        return None;
    }
    let mut output: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (128u32, 0u32, 72u32);
    let mut digits = extended.bytes().peekable();
    while digits.peek().is_some() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let digit = match digits.next()? {
                byte @ b'a'..=b'z' => u32::from(byte - b'a'),
                byte @ b'A'..=b'Z' => u32::from(byte - b'A'),
                byte @ b'0'..=b'9' => u32::from(byte - b'0') + 26,
                _ => return None,
            };
            i = i.checked_add(digit.checked_mul(w)?)?;
            let t = if k <= bias {
                T_MIN
            } else if k >= bias + T_MAX {
                T_MAX
            } else {
                k - bias
            };
            if digit < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let points = output.len() as u32 + 1;
        bias = adapt(i - old_i, points, old_i == 0);
        n = n.checked_add(i / points)?;
        i %= points;
        output.insert(i as usize, char::from_u32(n)?);
        i += 1;
    }
    Some(output)
}

/// Whether `label` is an `xn--` label browsers refuse (UTS #46, section 4, step 4.1,
/// which the URL standard's host parser applies): the rest is not valid punycode, or
/// decodes to nothing, to ASCII only (which would have been written as is), or to a
/// control character or white space (disallowed, or forbidden in a host), or to a
/// character the UTS #46 mapping would change (an uppercase letter, or one that
/// [`idna_maps`] names: a valid label is mapped already). Other validity criteria need
/// the UTS #46 tables; a label they refuse is not caught here.
fn is_invalid_a_label(label: &str) -> bool {
    let Some(encoded) = label.strip_prefix("xn--") else {
        return false;
    };
    decode_punycode(encoded).is_none_or(|decoded| {
        decoded.iter().all(char::is_ascii)
            || decoded
                .iter()
                .any(|&c| c.is_control() || c.is_whitespace() || c.is_uppercase() || idna_maps(c))
    })
}

fn punycode_label(input: &str) -> Option<String> {
    fn digit(d: u32) -> char {
        (if d < 26 {
            b'a' + d as u8
        } else {
            b'0' + (d - 26) as u8
        }) as char
    }
    let code_points: Vec<u32> = input.chars().map(u32::from).collect();
    let mut output: String = input.chars().filter(char::is_ascii).collect();
    let basic = output.len() as u32;
    let mut handled = basic;
    if basic > 0 {
        output.push('-');
    }
    let (mut n, mut delta, mut bias) = (128u32, 0u32, 72u32);
    while (handled as usize) < code_points.len() {
        let m = code_points.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in &code_points {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    output.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                output.push(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    Some(output)
}

// --- checking an origin's host (rules O4, O5, O8, O9, O12) ---------------------------

/// O12's help: where a wildcard may stand.
pub(crate) const WILDCARD_PLACES: &str = "a wildcard may only be a whole leading label (`https://*.example.com`) or the port (`http://localhost:*`)";

/// O12: `*.` on an IP address (IPv4 here, `[IPv6]` when the authority is split).
pub(crate) fn star_on_ip(text: &str) -> Problem {
    Problem::new(
        Rule::O12,
        format!("origin `{text}` puts `*.` on an IP address, which has no subdomains"),
    )
}

/// Checks the host; returns it (without a `*.` prefix) and whether it had one.
///
/// Rules O4 (empty host, bad characters, empty or overlong labels), O5 (uppercase), O8
/// (non-ASCII), O9 (IP forms) and O12 (misplaced `*`, `*.` on an IP or a public suffix).
/// `text` is the whole origin, for messages and fixes.
pub(crate) fn check_host(text: &str, scheme: &str, host: &str) -> Result<(String, bool), Problem> {
    // The host right after `://`, not its first occurrence: in `HTTPS://S` that is
    // inside the scheme.
    let replace_host = |new_host: &str| match text
        .split_once("://")
        .and_then(|(_, authority)| authority.strip_prefix(host))
    {
        Some(rest) => format!("{}://{new_host}{rest}", scheme.to_ascii_lowercase()),
        None => text.replacen(host, new_host, 1),
    };
    if host.is_empty() {
        return Err(Problem::new(
            Rule::O4,
            format!("origin `{text}` has no host"),
        ));
    }
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return check_ipv6(text, inner, &replace_host).map(|h| (h, false));
    }
    if !host.is_ascii() {
        let problem = Problem::new(
            Rule::O8,
            format!("origin `{text}` has a non-ASCII host; browsers send it in punycode"),
        );
        // No fix when browsers would map the host before encoding it: the punycode of
        // the characters as written is then not what they send.
        if host.chars().any(idna_maps) {
            return Err(problem);
        }
        return Err(match to_punycode_host(host) {
            Some(encoded) => problem.help(format!("write `{}`", replace_host(&encoded))),
            None => problem,
        });
    }
    let (domain, subdomains) = match host.strip_prefix("*.") {
        Some(domain) => (domain, true),
        None => (host, false),
    };
    if domain.contains('*') || (!subdomains && host.contains('*')) {
        return Err(Problem::new(
            Rule::O12,
            format!("origin `{text}` has a `*` inside its host"),
        )
        .help(WILDCARD_PLACES));
    }
    if domain.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(Problem::new(
            Rule::O5,
            format!("origin `{text}` has an uppercase host; browsers always send it in lowercase"),
        )
        .help(format!(
            "write `{}`",
            replace_host(&host.to_ascii_lowercase())
        )));
    }
    if let Some(ipv4) = parse_ipv4(domain) {
        if subdomains {
            return Err(star_on_ip(text));
        }
        return match ipv4 {
            Ok(canonical) if canonical == domain => Ok((canonical, false)),
            Ok(canonical) => Err(Problem::new(Rule::O9, format!("origin `{text}` is not in canonical dotted-quad form; browsers send `{canonical}`"))
                .help(format!("write `{}`", replace_host(&canonical)))),
            Err(()) => Err(Problem::new(Rule::O9, format!("origin `{text}` has an invalid IPv4 address"))),
        };
    }
    check_domain_labels(text, domain)?;
    if subdomains && is_public_suffix(domain.strip_suffix('.').unwrap_or(domain)) {
        let what = if domain.contains('.') {
            "a public suffix"
        } else {
            "a top-level domain"
        };
        return Err(Problem::new(Rule::O12, format!("origin `{text}` puts `*.` directly on {what} (`{domain}`): it would admit unrelated sites"))
            .help(format!("name your own domain, as in `{scheme}://*.example.{domain}`")));
    }
    Ok((domain.to_string(), subdomains))
}

fn check_ipv6(
    text: &str,
    inner: &str,
    replace_host: &dyn Fn(&str) -> String,
) -> Result<String, Problem> {
    if inner.contains('%') {
        let without_zone = inner.split('%').next().unwrap_or(inner);
        return Err(Problem::new(
            Rule::O9,
            format!("origin `{text}` has an IPv6 zone identifier, which browsers never send"),
        )
        .help(format!(
            "write `{}`",
            replace_host(&format!("[{without_zone}]"))
        )));
    }
    let Ok(address) = inner.parse::<Ipv6Addr>() else {
        return Err(Problem::new(
            Rule::O9,
            format!("origin `{text}` has an invalid IPv6 address"),
        ));
    };
    let canonical = format!("[{}]", serialize_ipv6(address));
    if canonical[1..canonical.len() - 1] == *inner {
        Ok(canonical)
    } else {
        Err(Problem::new(
            Rule::O9,
            format!(
                "origin `{text}` is not in the compressed IPv6 form browsers send (`{canonical}`)"
            ),
        )
        .help(format!("write `{}`", replace_host(&canonical))))
    }
}

fn check_domain_labels(text: &str, domain: &str) -> Result<(), Problem> {
    if let Some(c) = domain
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(Problem::new(
            Rule::O4,
            format!("origin `{text}` has an invalid character `{c}` in its host"),
        ));
    }
    // A fully qualified host (`example.com.`) is a distinct origin that browsers send as
    // written (the URL standard keeps the dot): it is accepted as that origin. Only one
    // dot may end it; the labels before it are checked like any others.
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    if domain.split('.').any(str::is_empty) {
        return Err(Problem::new(
            Rule::O4,
            format!("origin `{text}` has an empty label in its host"),
        ));
    }
    if domain.len() > 253 || domain.split('.').any(|label| label.len() > 63) {
        return Err(Problem::new(
            Rule::O4,
            format!(
                "origin `{text}` has a host longer than DNS allows (labels of at most 63 bytes, 253 in all)"
            ),
        ));
    }
    // O4, not O8: O8 is a non-ASCII host written where its punycode belongs, and has that
    // punycode as its fix. This host is ASCII and has no Unicode form: like a bad
    // character or an empty label, it is a host the URL parser refuses, so the entry is
    // not a serialized origin and no browser sends it.
    if let Some(label) = domain.split('.').find(|label| is_invalid_a_label(label)) {
        return Err(Problem::new(
            Rule::O4,
            format!(
                "origin `{text}` has a label `{label}` that is not valid punycode; browsers refuse such a host"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn o9_ipv4_is_canonicalized_like_the_url_parser() {
        assert_eq!(parse_ipv4("127.0.0.1"), Some(Ok("127.0.0.1".into())));
        assert_eq!(parse_ipv4("127.1"), Some(Ok("127.0.0.1".into())));
        assert_eq!(parse_ipv4("0x7f.0.0.1"), Some(Ok("127.0.0.1".into())));
        assert_eq!(parse_ipv4("017.0.0.1"), Some(Ok("15.0.0.1".into())));
        assert_eq!(parse_ipv4("2130706433"), Some(Ok("127.0.0.1".into())));
        assert_eq!(parse_ipv4("256.0.0.1"), Some(Err(())));
        assert_eq!(parse_ipv4("1.2.3.4.5"), Some(Err(())));
        assert_eq!(parse_ipv4("example.com"), None);
        assert_eq!(parse_ipv4("1.2.3.com"), None);
        // A number of any length is a number: past 32 bits, an invalid address (the URL
        // standard's IPv4 parser fails), never a domain.
        assert_eq!(parse_ipv4("0x7f12725611256"), Some(Err(())));
        assert_eq!(parse_ipv4("0xffffffffffffffffffff"), Some(Err(())));
        assert_eq!(parse_ipv4("1.2.3.0x100000000"), Some(Err(())));
        assert_eq!(parse_ipv4("99999999999999999999999"), Some(Err(())));
        assert_eq!(parse_ipv4("0x"), Some(Ok("0.0.0.0".into())));
        assert_eq!(parse_ipv4("0xffffffff"), Some(Ok("255.255.255.255".into())));
        assert_eq!(parse_ipv4("0xg"), None);
    }

    #[test]
    fn o9_ipv6_serialization() {
        let s = |t: &str| serialize_ipv6(t.parse().unwrap());
        assert_eq!(s("0:0:0:0:0:0:0:1"), "::1");
        assert_eq!(s("2001:DB8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");
        assert_eq!(s("2001:db8:0:1:1:1:1:1"), "2001:db8:0:1:1:1:1:1");
        assert_eq!(s("::ffff:1.2.3.4"), "::ffff:102:304");
        assert_eq!(s("1::"), "1::");
    }

    #[test]
    fn o8_punycode_matches_rfc_3492() {
        assert_eq!(
            to_punycode_host("bücher.example").as_deref(),
            Some("xn--bcher-kva.example")
        );
        assert_eq!(
            to_punycode_host("münchen.de").as_deref(),
            Some("xn--mnchen-3ya.de")
        );
        assert_eq!(
            to_punycode_host("例え.jp").as_deref(),
            Some("xn--r8jz45g.jp")
        );
    }

    #[test]
    fn o4_xn_labels_must_decode_to_unicode() {
        for (label, decoded) in [
            ("bcher-kva", "bücher"),
            ("mnchen-3ya", "münchen"),
            ("r8jz45g", "例え"),
            ("n3h", "☃"),
        ] {
            let chars = decode_punycode(label).expect(label);
            assert_eq!(chars.iter().collect::<String>(), decoded);
            assert!(!is_invalid_a_label(&format!("xn--{label}")), "{label}");
            assert_eq!(punycode_label(decoded).as_deref(), Some(label));
        }
        // Empty, cut short, ASCII only, a control character (`xn--a` is U+0080), a
        // bad digit, overflowing, beyond Unicode.
        for label in [
            "xn--",
            "xn--0",
            "xn--abc-",
            "xn--a",
            "xn--ls8h-",
            "xn--bcher-kv",
            "xn--bcher-kv_",
            "xn--99999999999",
            "xn--99999a",
            // A leading `-` is no delimiter (RFC 3492, 6.2): read as a digit, it fails.
            "xn---example",
            "xn---com",
            // Decodes to a label UTS #46 would map: an uppercase `Ω` (`xn--example` is
            // `Ωίθηδ`), U+3236 (enclosed CJK), an uppercase `Ʈ`.
            "xn--example",
            "xn--vnk",
            "xn--0-kra",
        ] {
            assert!(is_invalid_a_label(label), "{label}");
        }
        assert!(!is_invalid_a_label("example"));
        assert!(!is_invalid_a_label("ab--cd"));
    }

    #[test]
    fn o13_loopback_hosts() {
        for host in [
            "localhost",
            "app.localhost",
            "127.0.0.1",
            "127.8.9.10",
            "[::1]",
        ] {
            assert!(is_loopback(host), "{host}");
        }
        for host in [
            "localhost.evil.com",
            "127.evil.com",
            "10.0.0.1",
            "[::2]",
            "mylocalhost",
        ] {
            assert!(!is_loopback(host), "{host}");
        }
    }

    #[test]
    fn o12_public_suffixes() {
        assert!(is_public_suffix("com"));
        assert!(is_public_suffix("co.uk"));
        assert!(is_public_suffix("github.io"));
        // Hosting platforms whose every customer is a subdomain (each an entry of the
        // Public Suffix List's private section).
        for platform in [
            "run.app",
            "deno.dev",
            "r2.dev",
            "myshopify.com",
            "app.github.dev",
        ] {
            assert!(is_public_suffix(platform), "{platform}");
        }
        assert!(!is_public_suffix("example.com"));
        assert!(!is_public_suffix("localhost"));
    }
}

//! [`PolicyText`]: a checked policy written back in the `cors!` language, which is what
//! `{:?}` prints for `cors!` types and runtime policies alike.

use core::fmt;

use crate::model::{AllowHeaders, CompiledPolicy, ExposeHeaders, Methods, Origins};

/// A [`CompiledPolicy`] in the policy language, from [`CompiledPolicy::text`].
///
/// `{}` writes one line, `Name { origin: [...], methods: [...] }`; `{:#}` writes one key
/// per line with trailing commas, which with the name `cors!` is a `cors! { … }`
/// invocation to paste into code. Keys left at their defaults are omitted; values are
/// written as checked (methods normalized, header names lowercased, exact origins sorted
/// and without duplicates, then the patterns).
///
/// ```
/// use cors_policy_core::{At, ListValue, PolicyInput, check};
///
/// let mut input = PolicyInput::new(());
/// input.origin = Some(ListValue::List {
///     items: vec![At::new("https://app.example.com".to_string(), ())],
///     at: (),
/// });
/// input.max_age = Some(At::new(600, ()));
/// let policy = check(&input).unwrap();
/// assert_eq!(
///     policy.text("Policy").to_string(),
///     r#"Policy { origin: ["https://app.example.com"], max_age: 600 }"#
/// );
/// assert_eq!(
///     format!("{:#}", policy.text("cors!")),
///     "cors! {\n    origin: [\"https://app.example.com\"],\n    max_age: 600,\n}"
/// );
/// ```
#[derive(Clone, Copy, Debug)]
pub struct PolicyText<'a> {
    name: &'a str,
    policy: &'a CompiledPolicy,
}

impl CompiledPolicy {
    /// This policy in the `cors!` language, named `name`. See [`PolicyText`].
    pub fn text<'a>(&'a self, name: &'a str) -> PolicyText<'a> {
        PolicyText { name, policy: self }
    }
}

/// A list of strings, `["a", "b"]`, each in Rust string syntax.
struct Quoted<'a, I>(&'a I);

impl<'a, I> fmt::Display for Quoted<'a, I>
where
    &'a I: IntoIterator<Item: fmt::Display>,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (index, item) in self.0.into_iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{:?}", item.to_string())?;
        }
        f.write_str("]")
    }
}

/// A method as `cors!` takes it: an identifier when it is one (`PUT`), else a string.
struct MethodToken<'a>(&'a str);

/// The words `cors!` cannot take as a bare method: every keyword syn's `Ident` parser
/// refuses (strict, reserved and weak keywords: its `accept_as_ident`, which `cors!`'s
/// `peek(Ident)` uses), `_`, and `gen` (reserved since edition 2024; syn still accepts
/// it, but a string is never wrong and the printed text may be pasted into any edition).
/// `match` or `type` are valid HTTP methods (tokens) that the rules accept: printed
/// bare, the `cors!` text of such a policy would not compile.
const NOT_IDENTIFIERS: &[&str] = &[
    "_", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "Self", "self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

impl fmt::Display for MethodToken<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let method = self.0;
        let identifier = method
            .bytes()
            .next()
            .is_some_and(|first| first.is_ascii_alphabetic())
            && method
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
            && !NOT_IDENTIFIERS.contains(&method);
        if identifier {
            f.write_str(method)
        } else {
            write!(f, "{method:?}")
        }
    }
}

impl fmt::Display for PolicyText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let policy = self.policy;
        let settings = crate::CorsPolicy::settings(policy);
        let multiline = f.alternate();
        let mut first = true;
        let mut field = |f: &mut fmt::Formatter<'_>, value: fmt::Arguments<'_>| {
            if multiline {
                write!(f, "\n    {value},")
            } else {
                let separator = if first { " " } else { ", " };
                first = false;
                write!(f, "{separator}{value}")
            }
        };
        write!(f, "{} {{", self.name)?;
        match policy.origins() {
            Origins::Any => field(f, format_args!("origin: *"))?,
            Origins::List { exact, patterns } => {
                let all: Vec<String> = exact
                    .iter()
                    .cloned()
                    .chain(patterns.iter().map(ToString::to_string))
                    .collect();
                field(f, format_args!("origin: {}", Quoted(&all)))?;
            }
        }
        match policy.methods() {
            Methods::Any => field(f, format_args!("methods: *"))?,
            Methods::List(methods) if !methods.is_empty() => {
                let tokens: Vec<String> = methods
                    .iter()
                    .map(|method| MethodToken(method).to_string())
                    .collect();
                field(f, format_args!("methods: [{}]", tokens.join(", ")))?;
            }
            Methods::List(_) => {}
        }
        match policy.allow_headers() {
            AllowHeaders::Any {
                authorization: false,
            } => field(f, format_args!("allow_headers: *"))?,
            AllowHeaders::Any {
                authorization: true,
            } => field(f, format_args!(r#"allow_headers: ["*", "authorization"]"#))?,
            AllowHeaders::List(names) if !names.is_empty() => {
                field(f, format_args!("allow_headers: {}", Quoted(names)))?
            }
            AllowHeaders::List(_) => {}
        }
        match policy.expose_headers() {
            ExposeHeaders::Any => field(f, format_args!("expose_headers: *"))?,
            ExposeHeaders::List(names) if !names.is_empty() => {
                field(f, format_args!("expose_headers: {}", Quoted(names)))?
            }
            ExposeHeaders::List(_) => {}
        }
        if settings.credentials {
            field(f, format_args!("credentials: true"))?;
        }
        if let Some(seconds) = policy.max_age() {
            field(f, format_args!("max_age: {seconds}"))?;
        }
        for (key, on) in [
            ("private_network", settings.private_network),
            ("preflight_continue", settings.preflight_continue),
            (
                "dangerously_allow_null_origin",
                policy.opt_ins().null_origin,
            ),
            (
                "dangerously_allow_insecure_origins",
                policy.opt_ins().insecure_origins,
            ),
            ("cross_origin_protection", settings.cross_origin_protection),
        ] {
            if on {
                field(f, format_args!("{key}: true"))?;
            }
        }
        if settings.preflight_status != 204 {
            field(
                f,
                format_args!("preflight_status: {}", settings.preflight_status),
            )?;
        }
        if multiline {
            f.write_str("\n}")
        } else {
            f.write_str(" }")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_named_like_rust_keywords_are_written_as_strings() {
        for keyword in NOT_IDENTIFIERS {
            assert_eq!(
                MethodToken(keyword).to_string(),
                format!("{keyword:?}"),
                "{keyword}"
            );
        }
        assert_eq!(MethodToken("PUT").to_string(), "PUT");
        assert_eq!(MethodToken("matches").to_string(), "matches");
        assert_eq!(MethodToken("M-SEARCH").to_string(), "\"M-SEARCH\"");
    }
}

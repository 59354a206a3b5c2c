//! Tokens → a raw list of `key: value` entries.
//!
//! The body is first split at top-level commas, and each entry is parsed on its own:
//! a malformed entry is one error, and the entries after it are still read and checked.

use proc_macro2::{Delimiter, Spacing, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Ident, LitBool, LitInt, LitStr, Token, Visibility};

use crate::errors::Place;

/// The whole invocation.
pub(crate) struct Invocation {
    /// `Some` for the item form `cors! { pub struct Name { ... } }`.
    pub(crate) item: Option<ItemHeader>,
    pub(crate) entries: Vec<Entry>,
    /// Where a missing key is reported.
    pub(crate) span: Span,
}

pub(crate) struct ItemHeader {
    pub(crate) attrs: Vec<Attribute>,
    pub(crate) vis: Visibility,
    pub(crate) ident: Ident,
}

/// One `key: value`, or the error that kept it from being read (with the key's name
/// when it got that far, so a malformed `origin` is not also reported as missing).
pub(crate) enum Entry {
    Valid {
        key: Ident,
        value: Value,
    },
    Invalid {
        key: Option<String>,
        error: syn::Error,
    },
}

/// A value, as written.
pub(crate) enum Value {
    Star(Span),
    List {
        items: Vec<Element>,
        span: Span,
        /// A `,` missing between two elements, at the second: said, and both read.
        missing_commas: Vec<syn::Error>,
    },
    Str(LitStr),
    Bool(LitBool),
    Int {
        /// Saturated to `i64`, its sign kept: a number too large is still a number, and
        /// its range rule (A1, S1) explains it.
        value: i64,
        /// What follows the digits (`ms` in `600ms`), or `""`.
        suffix: String,
        /// From the `-` of a negative number to its digits.
        place: Place,
    },
    Ident(Ident),
    /// A path, a name missing its quotes or a macro call: something of a known shape
    /// written where a literal belongs.
    Misplaced {
        shape: Misplaced,
        place: Place,
    },
    /// A literal of another kind (`b"..."`, `'x'`, `600.0`): what it was, in words, and
    /// where.
    Literal {
        literal: syn::Lit,
        found: String,
        place: Place,
    },
    /// Anything else: what it was, in words, and where.
    Other {
        found: String,
        place: Place,
    },
}

/// What tokens written where a literal belongs look like, when their K3 can say it.
pub(crate) enum Misplaced {
    /// `Method::PUT`, `header::CONTENT_TYPE`, by segment: a constant.
    Path(Vec<String>),
    /// `content-type`: names joined by `-`, missing their quotes.
    Unquoted(String),
    /// `env!("APP_ORIGIN")`, shown `env!(…)`: a macro call, which expands only after
    /// `cors!` has read it.
    MacroCall(String),
}

impl Misplaced {
    /// The shape of `tokens`, if it is one of these.
    fn of(tokens: &TokenStream) -> Option<Misplaced> {
        if let Some(segments) = path_segments(tokens) {
            return Some(Misplaced::Path(segments));
        }
        if let Some(text) = unquoted_name(tokens) {
            return Some(Misplaced::Unquoted(text));
        }
        macro_name(tokens).map(Misplaced::MacroCall)
    }
}

/// One element of a `[...]` list.
pub(crate) enum Element {
    Str(LitStr),
    Ident(Ident),
    Star(Span),
    /// As [`Value::Misplaced`].
    Misplaced {
        shape: Misplaced,
        place: Place,
    },
    /// A number, read as the value's is ([`Value::Int`]): the intake words a number
    /// where a list holds none as a configuration's is worded ("a number").
    Int {
        value: i64,
        suffix: String,
        place: Place,
    },
    /// A list in a list (`[["x-api-key"]]`), worded as a configuration's ("a list").
    List(Place),
    Literal {
        literal: syn::Lit,
        found: String,
        place: Place,
    },
    Other {
        found: String,
        place: Place,
    },
}

impl Parse for Invocation {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let fork = input.fork();
        let _ = fork.call(Attribute::parse_outer);
        let _: Option<Visibility> = fork.parse().ok();
        // `pub strcut Name { ... }`: never a policy body (whose entries start `key:`),
        // so the item form with a wrong keyword, which keeps the expansion an item.
        let wrong_keyword = !fork.peek(Token![struct])
            && fork.peek(Ident::peek_any)
            && fork.peek2(Ident::peek_any)
            && fork.peek3(syn::token::Brace);
        if fork.peek(Token![struct]) || wrong_keyword {
            let attrs = input.call(Attribute::parse_outer)?;
            let vis: Visibility = input.parse()?;
            let mut entries = Vec::new();
            if wrong_keyword {
                let keyword = input.call(Ident::parse_any)?;
                entries.push(Entry::Invalid {
                    key: None,
                    error: syn::Error::new(
                        keyword.span(),
                        format!(
                            "expected `struct`, found `{keyword}`\n= help: the item form is `cors! {{ pub struct Name {{ ... }} }}`"
                        ),
                    ),
                });
            } else {
                input.parse::<Token![struct]>()?;
            }
            let ident: Ident = input.parse()?;
            let span = ident.span();
            // The type's name is known from here: a mistake in the rest of the item is
            // reported as an entry, and the placeholder type is still declared, so that
            // the uses of the type do not fail as well.
            let (error, body) = item_body(input);
            if let Some(error) = error {
                // Without a body no key can be read: `origin`, the one required, is not
                // also reported missing.
                let key = body.is_none().then(|| "origin".to_owned());
                entries.push(Entry::Invalid { key, error });
            }
            entries.extend(body.map(split_entries).unwrap_or_default());
            if let Some(error) = item_tail(input) {
                entries.push(Entry::Invalid { key: None, error });
            }
            Ok(Invocation {
                item: Some(ItemHeader { attrs, vis, ident }),
                entries,
                span,
            })
        } else {
            let body: TokenStream = input.parse()?;
            Ok(Invocation {
                item: None,
                entries: split_entries(body),
                span: Span::call_site(),
            })
        }
    }
}

/// The item form's `{ ... }` after the type's name, and what is wrong before it: generics
/// (a policy type has none; reported, and the body still read) or no body at all (the
/// tokens up to the end taken, this one error saying what is wrong with them).
fn item_body(input: ParseStream<'_>) -> (Option<syn::Error>, Option<TokenStream>) {
    let mut error = None;
    if input.peek(Token![<]) {
        match input.parse::<syn::Generics>() {
            Ok(generics) => {
                error = Some(syn::Error::new_spanned(
                    &generics,
                    "a policy type takes no generics\n= help: write `struct Name { ... }`: a policy is one type, its values constants",
                ));
            }
            Err(parse_error) => error = Some(parse_error),
        }
    }
    let body = (|| {
        let body;
        syn::braced!(body in input);
        body.parse::<TokenStream>()
    })();
    match body {
        Ok(body) => (error, Some(body)),
        Err(_) => {
            let missing = input.error(
                "expected the policy's `{ ... }`\n= help: the item form is `cors! { pub struct Name { origin: ... } }`",
            );
            let _: Result<TokenStream, _> = input.parse();
            (error.or(Some(missing)), None)
        }
    }
}

/// What follows the item form's `{ ... }` (nothing should): one error, the tokens taken.
fn item_tail(input: ParseStream<'_>) -> Option<syn::Error> {
    if input.is_empty() {
        return None;
    }
    let error = if input.peek(Token![;]) {
        input.error("unexpected `;` after the policy's `{ ... }`\n= help: remove the `;`: the item form ends with its `}`")
    } else {
        input.error("unexpected tokens after the policy's `{ ... }`")
    };
    // Taken, so that parsing ends here; the error says what was wrong with them.
    let _: Result<TokenStream, _> = input.parse();
    Some(error)
}

/// Splits at top-level commas; parses each non-empty segment as `key: value`. A `;`
/// in a comma's place, and a comma with no entry before it, are errors where they are
/// (the entries around them are read as usual).
fn split_entries(body: TokenStream) -> Vec<Entry> {
    let mut segments: Vec<Result<Vec<TokenTree>, syn::Error>> = vec![Ok(Vec::new())];
    for tree in body {
        match &tree {
            TokenTree::Punct(punct) if punct.as_char() == ',' || punct.as_char() == ';' => {
                let after_nothing =
                    !matches!(segments.last(), Some(Ok(segment)) if !segment.is_empty());
                if punct.as_char() == ';' {
                    segments.push(Err(syn::Error::new(
                        punct.span(),
                        "expected `,`, found `;`\n= help: entries are separated by `,`: `origin: ..., methods: [...]`",
                    )));
                } else if after_nothing {
                    segments.push(Err(syn::Error::new(
                        punct.span(),
                        "unexpected `,`: there is no `key: value` before it\n= help: remove it",
                    )));
                }
                segments.push(Ok(Vec::new()));
            }
            _ => match segments.last_mut() {
                Some(Ok(segment)) => segment.push(tree),
                _ => segments.push(Ok(vec![tree])),
            },
        }
    }
    segments
        .into_iter()
        .filter(|segment| !matches!(segment, Ok(trees) if trees.is_empty()))
        .flat_map(|segment| match segment {
            Ok(segment) => at_missing_commas(segment),
            Err(error) => vec![Err(error)],
        })
        .flat_map(|segment| {
            let segment = match segment {
                Ok(segment) => segment,
                Err(error) => return vec![Entry::Invalid { key: None, error }],
            };
            let key = key_name(&segment);
            match syn::parse2::<KeyValue>(segment.into_iter().collect()) {
                Ok(KeyValue {
                    key: ident,
                    value,
                    problems,
                }) => {
                    let mut entries: Vec<Entry> = problems
                        .into_iter()
                        .map(|error| Entry::Invalid {
                            key: key.clone(),
                            error,
                        })
                        .collect();
                    // A key read but not an identifier is said already.
                    if let Some(ident) = ident {
                        entries.push(Entry::Valid { key: ident, value });
                    }
                    entries
                }
                Err(error) => vec![Entry::Invalid { key, error }],
            }
        })
        .collect()
}

/// `origin: "https://a.example" methods: [PUT]`: a segment holding a second `key:` after
/// the first key's value is two entries with a `,` missing between them, said at the
/// second key; each is still read.
fn at_missing_commas(segment: Vec<TokenTree>) -> Vec<Result<Vec<TokenTree>, syn::Error>> {
    let mut parts = Vec::new();
    let mut rest = segment;
    // The first key, then a value of at least one token, then another key.
    while let Some(first) = (0..rest.len()).find(|&i| starts_key(&rest, i))
        && let Some(second) = (first + 3..rest.len()).find(|&i| starts_key(&rest, i))
    {
        let tail = rest.split_off(second);
        let next = tail[0].to_string();
        parts.push(Ok(core::mem::replace(&mut rest, tail)));
        parts.push(Err(syn::Error::new(
            rest[0].span(),
            format!(
                "expected `,` before `{next}`\n= help: missing `,`: each `key: value` ends with one"
            ),
        )));
    }
    parts.push(Ok(rest));
    parts
}

/// A key starts at `i`: a name (or a quoted one) then a lone `:` (not a path's `::`).
fn starts_key(trees: &[TokenTree], i: usize) -> bool {
    let colon = |tree: Option<&TokenTree>| matches!(tree, Some(TokenTree::Punct(punct)) if punct.as_char() == ':');
    let name = match &trees[i] {
        TokenTree::Ident(_) => true,
        TokenTree::Literal(literal) => literal.to_string().starts_with('"'),
        _ => false,
    };
    name && !(i > 0 && colon(trees.get(i - 1)))
        && matches!(trees.get(i + 1), Some(TokenTree::Punct(punct)) if punct.as_char() == ':' && punct.spacing() == Spacing::Alone)
        && !colon(trees.get(i + 2))
}

/// The name a segment's key was meant to have, past attributes and quotes (so that a
/// malformed `origin` entry is not also reported missing).
fn key_name(segment: &[TokenTree]) -> Option<String> {
    let mut trees = segment.iter().peekable();
    while let Some(TokenTree::Punct(punct)) = trees.peek() {
        if punct.as_char() != '#' {
            break;
        }
        trees.next();
        if let Some(TokenTree::Punct(bang)) = trees.peek()
            && bang.as_char() == '!'
        {
            trees.next();
        }
        trees.next();
    }
    match trees.next()? {
        TokenTree::Ident(ident) => Some(ident.to_string()),
        TokenTree::Literal(literal) => {
            syn::parse2::<LitStr>(TokenTree::Literal(literal.clone()).into())
                .ok()
                .map(|string| string.value())
        }
        _ => None,
    }
}

struct KeyValue {
    /// `None` for a key read but not an identifier (`"max-age"`): said in `problems`.
    key: Option<Ident>,
    value: Value,
    /// Mistakes around the key that leave the entry readable (an attribute on it, quotes
    /// around it): said, and the entry still read.
    problems: Vec<syn::Error>,
}

impl Parse for KeyValue {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut problems = Vec::new();
        let attrs = input.call(Attribute::parse_outer)?;
        if let (Some(first), Some(last)) = (attrs.first(), attrs.last()) {
            problems.push(attributes_on_key(first, last, &attrs));
        }
        let key = if input.peek(LitStr) {
            let quoted: LitStr = input.parse()?;
            let (problem, key) = quoted_key(&quoted);
            problems.push(problem);
            key
        } else {
            let key: Ident = input.call(Ident::parse_any).map_err(|error| {
                syn::Error::new(
                    error.span(),
                    "expected a key such as `origin:`, `methods:` or `credentials:`",
                )
            })?;
            Some(key)
        };
        let shown = key.as_ref().map(ToString::to_string).unwrap_or_default();
        let key_span = key.as_ref().map_or_else(|| input.span(), Ident::span);
        if !input.peek(Token![:]) {
            return Err(syn::Error::new(
                key_span,
                format!("expected `:` after `{shown}`\n= help: write `{shown}: value`"),
            ));
        }
        input.parse::<Token![:]>()?;
        if input.is_empty() {
            return Err(syn::Error::new(key_span, format!("`{shown}` has no value")));
        }
        // A value is one literal, list or `*`; anything longer (an expression, a path)
        // is one wrong value, reported by the key's own K3 message.
        let tokens: TokenStream = input.parse()?;
        let value = syn::parse2::<SingleValue>(tokens.clone()).map_or_else(
            |_| match Misplaced::of(&tokens) {
                Some(shape) => Value::Misplaced {
                    shape,
                    place: place_of(&tokens),
                },
                None => Value::Other {
                    found: describe(&tokens),
                    place: place_of(&tokens),
                },
            },
            |single| single.0,
        );
        Ok(KeyValue {
            key,
            value,
            problems,
        })
    }
}

/// The error for attributes (a doc comment among them) written on a key, from the first
/// `#` to the last `]`.
fn attributes_on_key(first: &Attribute, last: &Attribute, attrs: &[Attribute]) -> syn::Error {
    let place = Place::new(first.pound_token.span, last.bracket_token.span.close());
    let doc = attrs.iter().any(|attr| attr.path().is_ident("doc"));
    let message = if doc {
        "attributes are not allowed on keys: a doc comment documents nothing here\n= help: write a `//` comment"
    } else {
        "attributes are not allowed on keys\n= help: remove it"
    };
    place.error(message)
}

/// The error for a key written as a string, and the key as an identifier when it is one.
fn quoted_key(quoted: &LitStr) -> (syn::Error, Option<Ident>) {
    let name = quoted.value();
    // Placed at the string; a raw `r#origin` keeps its `r#` (Rust's, as for a bare one).
    let ident = syn::parse_str::<Ident>(&name).ok().map(|mut ident| {
        ident.set_span(quoted.span());
        ident
    });
    let meant = cors_policy_core::Key::from_name(&name)
        .or_else(|| cors_policy_core::suggest_key(&name))
        .map(|key| key.name().to_owned())
        .or_else(|| ident.as_ref().map(ToString::to_string));
    let message = format!(
        "`{}` is a string: keys are written without quotes",
        quoted.token()
    );
    let message = match meant {
        Some(meant) => format!("{message}\n= help: write `{meant}:` without quotes"),
        None => message,
    };
    (syn::Error::new(quoted.span(), message), ident)
}

struct SingleValue(Value);

impl Parse for SingleValue {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        parse_value(input).map(SingleValue)
    }
}

fn parse_value(input: ParseStream<'_>) -> syn::Result<Value> {
    let value = if input.peek(Token![*]) {
        Value::Star(input.parse::<Token![*]>()?.span)
    } else if input.peek(syn::token::Bracket) {
        let content;
        let bracket = syn::bracketed!(content in input);
        let (mut items, mut missing_commas) = (Vec::new(), Vec::new());
        while !content.is_empty() {
            items.push(content.parse::<Element>()?);
            if content.is_empty() {
                break;
            }
            if content.peek(Token![,]) {
                content.parse::<Token![,]>()?;
            } else {
                missing_commas.push(syn::Error::new(
                    content.span(),
                    "expected `,` between two elements\n= help: missing `,`: the elements of a list are separated by commas",
                ));
            }
        }
        Value::List {
            items,
            span: bracket.span.join(),
            missing_commas,
        }
    } else if input.peek(LitStr) {
        Value::Str(input.parse()?)
    } else if input.peek(LitBool) {
        Value::Bool(input.parse()?)
    } else if starts_number(input) {
        let (value, suffix, place) = number(input)?;
        Value::Int {
            value,
            suffix,
            place,
        }
    } else if input.peek(Ident) {
        Value::Ident(input.parse()?)
    } else if input.peek(syn::Lit) {
        let (literal, found, place) = other_literal(input)?;
        Value::Literal {
            literal,
            found,
            place,
        }
    } else {
        let rest: TokenStream = input.parse()?;
        return Ok(Value::Other {
            found: describe(&rest),
            place: place_of(&rest),
        });
    };
    if input.is_empty() {
        Ok(value)
    } else {
        Err(input.error("one value expected"))
    }
}

/// Where the number ahead is written: its literal, or from its `-` to its literal.
fn number_place(input: ParseStream<'_>) -> Place {
    let fork = input.fork();
    match fork.parse::<TokenTree>() {
        Ok(TokenTree::Punct(minus)) if minus.as_char() == '-' => match fork.parse::<TokenTree>() {
            Ok(digits) => Place::new(minus.span(), digits.span()),
            Err(_) => minus.span().into(),
        },
        Ok(tree) => tree.span().into(),
        Err(_) => input.span().into(),
    }
}

/// An integer is ahead, with its `-` if negative.
fn starts_number(input: ParseStream<'_>) -> bool {
    input.peek(LitInt) || input.peek(Token![-]) && input.peek2(LitInt)
}

/// Reads an integer (a value's or a list element's): its value saturated to `i64`, the
/// suffix after its digits, and its place from the `-` of a negative one (syn reads
/// `-1` as one literal, spanned at its `-`: the place is the two tokens).
fn number(input: ParseStream<'_>) -> syn::Result<(i64, String, Place)> {
    let place = number_place(input);
    let negated = input.parse::<Option<Token![-]>>()?.is_some();
    let literal: LitInt = input.parse()?;
    Ok((
        saturating(&literal, negated),
        literal.suffix().to_owned(),
        place,
    ))
}

/// An integer literal's value (negated when `negated`), saturated to `i64`. The literal
/// may carry its own sign: a `-1` passed through a declarative macro is one token.
fn saturating(literal: &LitInt, negated: bool) -> i64 {
    let digits = literal.base10_digits();
    let (negative, digits) = match digits.strip_prefix('-') {
        Some(digits) => (!negated, digits),
        None => (negated, digits),
    };
    let magnitude = digits.parse::<u64>().unwrap_or(u64::MAX);
    if negative {
        0_i64.checked_sub_unsigned(magnitude).unwrap_or(i64::MIN)
    } else {
        i64::try_from(magnitude).unwrap_or(i64::MAX)
    }
}

impl Parse for Element {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(LitStr) {
            return Ok(Element::Str(input.parse()?));
        }
        if input.peek(Token![*]) {
            return Ok(Element::Star(input.parse::<Token![*]>()?.span));
        }
        // `[PUT DELETE]`: two names in a row are two elements, a `,` missing between them.
        if input.peek(Ident)
            && (input.peek2(Token![,])
                || is_last(input)
                || input.peek2(Ident)
                || input.peek2(LitStr))
        {
            return Ok(Element::Ident(input.parse()?));
        }
        if starts_number(input) && whole_element(input, |fork| number(fork).is_ok()) {
            let (value, suffix, place) = number(input)?;
            return Ok(Element::Int {
                value,
                suffix,
                place,
            });
        }
        if input.peek(syn::token::Bracket)
            && whole_element(input, |fork| fork.parse::<proc_macro2::Group>().is_ok())
        {
            let group: proc_macro2::Group = input.parse()?;
            return Ok(Element::List(Place::from(group.span())));
        }
        if input.peek(syn::Lit) && whole_element(input, |fork| fork.parse::<syn::Lit>().is_ok()) {
            let (literal, found, place) = other_literal(input)?;
            return Ok(Element::Literal {
                literal,
                found,
                place,
            });
        }
        // Anything else, up to the next comma, is one wrong element.
        let mut tokens = TokenStream::new();
        while !input.is_empty() && !input.peek(Token![,]) {
            tokens.extend([input.parse::<TokenTree>()?]);
        }
        if tokens.is_empty() {
            // `[PUT, , DELETE]`: nothing between two commas, shown at the second one.
            return Ok(Element::Other {
                found: "an empty element".to_owned(),
                place: Place::from(input.span()),
            });
        }
        let place = place_of(&tokens);
        Ok(match Misplaced::of(&tokens) {
            Some(shape) => Element::Misplaced { shape, place },
            None => Element::Other {
                found: describe(&tokens),
                place,
            },
        })
    }
}

/// A literal other than a string, a `true`/`false` or an integer, with what it is in words
/// and where (from its `-`, for a negative number).
fn other_literal(input: ParseStream<'_>) -> syn::Result<(syn::Lit, String, Place)> {
    let place = number_place(input);
    let literal: syn::Lit = input.parse()?;
    let found = describe(&quote::ToTokens::to_token_stream(&literal));
    Ok((literal, found, place))
}

/// What `read` reads ahead (on a fork) is a whole element: a `,` or the end follows it.
fn whole_element(input: ParseStream<'_>, read: impl FnOnce(ParseStream<'_>) -> bool) -> bool {
    let fork = input.fork();
    read(&fork) && (fork.is_empty() || fork.peek(Token![,]))
}

fn is_last(input: ParseStream<'_>) -> bool {
    let fork = input.fork();
    fork.parse::<TokenTree>().is_ok() && fork.is_empty()
}

/// The place of `tokens`: from the first token to the last.
pub(crate) fn place_of(tokens: &TokenStream) -> Place {
    let mut trees = tokens.clone().into_iter();
    let Some(first) = trees.next() else {
        return Place::from(Span::call_site());
    };
    let start = first.span();
    Place::new(start, trees.last().map_or(start, |last| last.span()))
}

/// The segments of a plain path of two or more segments (`Method::PUT`,
/// `http::header::CONTENT_TYPE`), or `None`.
fn path_segments(tokens: &TokenStream) -> Option<Vec<String>> {
    let path = syn::parse2::<syn::Path>(tokens.clone()).ok()?;
    let plain = path
        .segments
        .iter()
        .all(|segment| segment.arguments.is_none());
    (plain && path.segments.len() > 1).then(|| {
        path.segments
            .iter()
            .map(|segment| segment.ident.to_string())
            .collect()
    })
}

/// Names joined by single `-` (`content-type`, `x-b3-traceid`, `x-v2`), as one text:
/// the way a header name is written, missing its quotes. `None` for anything else.
fn unquoted_name(tokens: &TokenStream) -> Option<String> {
    let mut text = String::new();
    let mut name_expected = true;
    for tree in tokens.clone() {
        match tree {
            TokenTree::Ident(ident) if name_expected => text.push_str(&ident.to_string()),
            TokenTree::Literal(literal) if name_expected => {
                let digits = literal.to_string();
                if !digits.bytes().all(|byte| byte.is_ascii_alphanumeric()) {
                    return None;
                }
                text.push_str(&digits);
            }
            TokenTree::Punct(punct)
                if !name_expected
                    && punct.as_char() == '-'
                    && punct.spacing() == Spacing::Alone =>
            {
                text.push('-');
            }
            _ => return None,
        }
        name_expected = !name_expected;
    }
    // Ends on a name, and holds a `-` (one identifier alone is `Value::Ident`).
    (!name_expected && text.contains('-')).then_some(text)
}

/// The macro call `tokens` are, shown short (`env!(…)`, `std::concat!(…)`, `vec![…]`),
/// or `None`.
fn macro_name(tokens: &TokenStream) -> Option<String> {
    let mac = syn::parse2::<syn::Macro>(tokens.clone()).ok()?;
    let path: Vec<String> = mac
        .path
        .segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect();
    let (open, close) = match mac.delimiter {
        syn::MacroDelimiter::Paren(_) => ('(', ')'),
        syn::MacroDelimiter::Brace(_) => ('{', '}'),
        syn::MacroDelimiter::Bracket(_) => ('[', ']'),
    };
    Some(format!("{}!{open}…{close}", path.join("::")))
}

/// What a token stream is, in words, for "expected X, found Y".
fn describe(tokens: &TokenStream) -> String {
    let mut trees = tokens.clone().into_iter();
    let first = trees.next();
    let text = tokens.to_string();
    let shown = if text.len() > 40 {
        format!(
            "{}…",
            &text[..text.char_indices().nth(40).map_or(text.len(), |(i, _)| i)]
        )
    } else {
        text
    };
    match first {
        Some(TokenTree::Literal(_)) if trees.next().is_none() => format!("the literal `{shown}`"),
        Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Brace => {
            "a `{ ... }` block".to_string()
        }
        Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis => {
            "a `( ... )` group".to_string()
        }
        _ => format!("`{shown}`"),
    }
}

//! The `cors!` pipeline's diagnostics, read from its output: which errors an invocation
//! gets (every one at once, none cascaded) and how they are emitted.
use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

fn expand(input: TokenStream) -> TokenStream {
    cors_macro_core::expand_policy(&quote!(::cors_runtime), input)
}

/// The message of every `compile_error!` in `tokens`, in the order rustc reports them:
/// the expansion writes them last first (`errors.rs` says why).
fn errors(tokens: TokenStream) -> Vec<String> {
    fn walk(tokens: TokenStream, out: &mut Vec<String>) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, tree) in trees.iter().enumerate() {
            match tree {
                TokenTree::Ident(ident) if ident == "__cors_compile_error" => {
                    if let Some(TokenTree::Group(group)) = trees.get(i + 2) {
                        let lit: syn::LitStr = syn::parse2(group.stream()).expect("a string");
                        out.push(lit.value());
                    }
                }
                TokenTree::Group(group) => walk(group.stream(), out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(tokens, &mut out);
    out.reverse();
    out
}

/// An edition-2015 crate has no `::core` (no `extern crate core;`): an error emitted as
/// `::core::compile_error!` would read "cannot find `core` in the crate root" there.
#[test]
fn errors_are_emitted_through_the_runtime_path() {
    for input in [
        quote!(origin: "https://a.example/"),
        quote!(pub struct Api { origin: "https://a.example/" }),
        quote!(pub struct Api { origin: "https://a.example" } extra),
    ] {
        let output = expand(input).to_string();
        assert!(!output.contains(":: core ::"), "{output}");
        assert!(
            output.contains(
                "use :: cors_runtime :: __private :: compile_error as __cors_compile_error ;"
            ),
            "{output}"
        );
        assert!(!errors(expand(quote!(origin: "https://a.example/"))).is_empty());
    }
}

/// K3 for every wrong element of a list, and the rules for the right ones beside them.
#[test]
fn every_wrong_element_of_a_list_is_reported_and_the_others_checked() {
    let found = errors(expand(
        quote!(origin: "https://a.example", allow_headers: [content_type, x_api_key]),
    ));
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found.iter().all(|e| e.contains("[K3]")), "{found:#?}");
    let found = errors(expand(
        quote!(origin: "https://a.example", methods: [PUT, , patch]),
    ));
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].contains("[K3]") && found[1].contains("[M5]"),
        "{found:#?}"
    );
    let found = errors(expand(quote!(origin: [APP_ORIGIN, "https://b.example/"])));
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].contains("[K3]") && found[1].contains("[O4]"),
        "{found:#?}"
    );
    // Only wrong elements: their K3s, and no "`origin` is empty" (O1) after them.
    let found = errors(expand(quote!(origin: [APP_ORIGIN, API_ORIGIN])));
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found.iter().all(|e| e.contains("[K3]")), "{found:#?}");
}

/// K1 says "did you mean `origin`?"; the value is checked as `origin` too, so following
/// the help does not reveal a second error (here O4).
#[test]
fn k1_the_value_of_a_mistyped_key_is_checked_as_the_key_meant() {
    let found = errors(expand(quote!(orign: "https://a.example/")));
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].contains("[K1]") && found[1].contains("[O4]"),
        "{found:#?}"
    );
    let found = errors(expand(
        quote!(origin: "https://a.example", crendentials: "yes"),
    ));
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].contains("[K1]") && found[1].contains("[K3]"),
        "{found:#?}"
    );
    // The key meant is given, before or after: its own value is the one checked.
    for input in [
        quote!(orign: "https://a.example/", origin: "https://b.example"),
        quote!(origin: "https://b.example", orign: "https://a.example/"),
    ] {
        let found = errors(expand(input));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].contains("[K1]"), "{found:#?}");
    }
}

/// K1 never suggests a key that is given already (following it would be K2), whether
/// it is given before or after the typo.
#[test]
fn k1_does_not_suggest_a_key_already_given() {
    for input in [
        quote!(origin: "https://a.example", origins: ["https://b.example"]),
        quote!(origins: ["https://b.example"], origin: "https://a.example"),
    ] {
        let found = errors(expand(input));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].contains("[K1]"), "{found:#?}");
        assert!(!found[0].contains("did you mean `origin`?"), "{found:#?}");
        assert!(found[0].contains("`origin` is given already"), "{found:#?}");
    }
}

/// A doc comment or attribute on a key is one error, not also "expected a key" and a
/// missing `origin` (O1); the entry's value is still read and checked.
#[test]
fn an_attribute_on_a_key_is_one_error() {
    let found = errors(expand(
        quote!(#[doc = " The front end."] origin: "https://a.example"),
    ));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("attributes are not allowed on keys"),
        "{found:#?}"
    );
    let found = errors(expand(
        quote!(#[allow(unused)] origin: "https://a.example/"),
    ));
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[1].contains("[O4]"), "{found:#?}");
}

/// A quoted key (`"origin": ...`, as in JSON) is one error whose help unquotes it, not
/// also a missing `origin` (O1); the entry is still read as that key.
#[test]
fn a_quoted_key_is_one_error() {
    let found = errors(expand(quote!("origin": "https://a.example")));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("help: write `origin:` without quotes"),
        "{found:#?}"
    );
    // Not an identifier: the help names the key meant.
    let found = errors(expand(
        quote!("origin": "https://a.example/", "max-age": 600),
    ));
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found[1].contains("help: write `max_age:` without quotes"),
        "{found:#?}"
    );
    assert!(found[2].contains("[O4]"), "{found:#?}");
    // A raw identifier or a keyword in quotes: said, never a panic.
    for input in [
        quote!("r#origin": "https://a.example"),
        quote!("struct": 1),
        quote!("": 1),
    ] {
        assert!(!errors(expand(input)).is_empty());
    }
}

/// `cors! { pub strcut ApiCors { ... } }` at module level: expanded as an expression, it
/// would be rustc's "macro expansion ignores `{`" and hide the real errors; it is the
/// item form, with an error on the keyword, and the policy still checked.
#[test]
fn a_wrong_keyword_in_the_item_form_still_expands_to_items() {
    for input in [
        quote!(pub strcut ApiCors { origin: "https://a.example/" }),
        quote!(#[doc = " Docs."] enum ApiCors { origin: "https://a.example/" }),
    ] {
        let output = expand(input);
        assert!(
            syn::parse2::<syn::File>(output.clone()).is_ok(),
            "not items: {output}"
        );
        let found = errors(output);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].starts_with("expected `struct`"), "{found:#?}");
        assert!(found[1].contains("[O4]"), "{found:#?}");
    }
}

/// `{:?}` of an item names the type as declared: a `__` prefix is the user's own (only
/// the expression form's type is unnamed), and a raw identifier's `r#` is Rust's.
#[test]
fn debug_names_the_item_as_declared() {
    let output = expand(quote!(pub struct __Internal { origin: "https://a.example" })).to_string();
    assert!(output.contains(r#""__Internal { origin"#), "{output}");
    let output = expand(quote!(pub struct r#Match { origin: "https://a.example" })).to_string();
    assert!(output.contains(r#""Match { origin"#), "{output}");
    let output = expand(quote!(origin: "https://a.example")).to_string();
    assert!(output.contains(r#""CorsPolicy { origin"#), "{output}");
}

/// K3 for a literal of another kind: the help writes the string, or the number, meant.
#[test]
fn k3_a_literal_of_another_kind_gets_the_literal_meant_as_its_fix() {
    for (input, fix) in [
        (
            quote!(origin: b"https://a.example"),
            "write `\"https://a.example\"`",
        ),
        (
            quote!(origin: c"https://a.example"),
            "write `\"https://a.example\"`",
        ),
        (
            quote!(origin: "https://a.example", methods: ['X']),
            "write `\"X\"`",
        ),
        (
            quote!(origin: "https://a.example", max_age: 600.0),
            "write `max_age: 600`",
        ),
        (
            quote!(origin: "https://a.example", max_age: 1e3),
            "write `max_age: 1000`",
        ),
        (
            quote!(origin: "https://a.example", max_age: 600f32),
            "write `max_age: 600`",
        ),
        (
            quote!(origin: "https://a.example", max_age: b"600"),
            "write `max_age: 600`",
        ),
    ] {
        let found = errors(expand(input));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].contains("[K3]"), "{found:#?}");
        assert!(found[0].contains(fix), "{fix}: {found:#?}");
        assert!(
            !found[0].contains("its values are literals, written in place"),
            "{found:#?}"
        );
    }
    // Not a whole number: no number to suggest.
    let found = errors(expand(quote!(origin: "https://a.example", max_age: 1.5)));
    assert!(!found[0].contains("write `max_age:"), "{found:#?}");
    // A number the key refuses (A1, S1) is no fix either.
    for input in [
        quote!(origin: "https://a.example", max_age: -600.0),
        quote!(origin: "https://a.example", max_age: b"-1"),
        quote!(origin: "https://a.example", max_age: 100000.0),
        quote!(origin: "https://a.example", preflight_status: 600.0),
    ] {
        let found = errors(expand(input));
        assert!(found[0].contains("[K3]"), "{found:#?}");
        assert!(!found[0].contains("write `"), "{found:#?}");
    }
}

/// Two entries, or two elements, without a `,` between them: "missing `,`", and both
/// are still read.
#[test]
fn a_missing_comma_is_said_and_both_sides_read() {
    let found = errors(expand(
        quote!(origin: "https://a.example/" methods: [patch]),
    ));
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].contains("missing `,`"), "{found:#?}");
    assert!(
        found[1].contains("[O4]") && found[2].contains("[M5]"),
        "{found:#?}"
    );
    let found = errors(expand(
        quote!(origin: ["https://a.example" "https://b.example/"]),
    ));
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].contains("missing `,`"), "{found:#?}");
    assert!(found[1].contains("[O4]"), "{found:#?}");
    let found = errors(expand(
        quote!(origin: "https://a.example", methods: [PUT DELETE]),
    ));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("missing `,`"), "{found:#?}");
}

/// A mistake after the item form's name (a `;`, generics, no body) is one error, and the
/// placeholder type is still declared, so that its uses do not fail as well.
#[test]
fn a_malformed_item_still_declares_its_type() {
    for (input, said) in [
        (
            quote!(pub struct Api { origin: "https://a.example" };),
            "unexpected `;` after the policy's `{ ... }`",
        ),
        (
            quote!(
                pub struct Api;
            ),
            "expected the policy's `{ ... }`",
        ),
        (
            quote!(pub struct Api<T> { origin: "https://a.example" }),
            "a policy type takes no generics",
        ),
    ] {
        let output = expand(input);
        let found = errors(output.clone());
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].starts_with(said), "{found:#?}");
        assert!(
            output.to_string().contains("struct Api"),
            "no placeholder type: {output}"
        );
    }
}

/// `;` between entries is said where it is, once each; the values around it are fine.
#[test]
fn a_semicolon_between_entries_is_said_at_the_semicolon() {
    let found = errors(expand(quote!(origin: "https://a.example"; methods: [PUT];)));
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found
            .iter()
            .all(|error| error.starts_with("expected `,`, found `;`")),
        "{found:#?}"
    );
}

/// An empty entry between two commas is an error, as an empty element of a list is.
#[test]
fn two_commas_between_entries_are_an_error() {
    for input in [
        quote!(origin: "https://a.example",, methods: [PUT]),
        quote!(, origin: "https://a.example"),
    ] {
        let found = errors(expand(input));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].starts_with("unexpected `,`"), "{found:#?}");
    }
    // A trailing comma is fine.
    assert!(errors(expand(quote!(origin: "https://a.example",))).is_empty());
}

/// Names joined by `-` without quotes (`content-type`, as `methods` are written) are
/// said as written, with the quoted name as the fix; anything else made of names and
/// dashes stays "found `…`" with no fix to offer.
#[test]
fn an_unquoted_name_is_said_as_written_with_its_quotes_as_the_fix() {
    let found = errors(expand(
        quote!(origin: "https://a.example", allow_headers: [content-type, x-v2, a--b, -a, a-], expose_headers: x-total-count),
    ));
    assert_eq!(found.len(), 6, "{found:#?}");
    for (error, name) in found.iter().zip(["content-type", "x-v2"]) {
        assert!(
            error.contains(&format!("found `{name}` [K3]"))
                && error.ends_with(&format!("= help: write it as a string: `\"{name}\"`")),
            "{error}"
        );
    }
    for error in &found[2..5] {
        assert!(error.contains("[K3]") && !error.contains("help"), "{error}");
    }
    assert!(
        found[5].contains("`expose_headers`")
            && found[5].ends_with("write it as a string: `\"x-total-count\"`"),
        "{:?}",
        found[5]
    );
}

/// A macro call where a literal belongs is named as one (with its path and delimiter),
/// as a value or a list element, with why `cors!` cannot see its value.
#[test]
fn a_macro_call_is_named_with_why_its_value_is_out_of_reach() {
    let found = errors(expand(
        quote!(origin: env!("APP_ORIGIN"), allow_headers: [std::concat!("x-", "a")], methods: [vec![1]]),
    ));
    assert_eq!(found.len(), 3, "{found:#?}");
    for (error, shown) in found.iter().zip(["env!(…)", "std::concat!(…)", "vec![…]"]) {
        assert!(
            error.contains(&format!("found the macro call `{shown}` [K3]"))
                && error.contains(&format!("`cors!` reads its input before `{shown}` expands"))
                && error.contains("`Policy::builder()`"),
            "{error}"
        );
    }
}

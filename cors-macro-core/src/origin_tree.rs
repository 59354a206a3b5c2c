//! Exact origins → nested `match`es on single bytes, ending in one full comparison.
//!
//! Origins are grouped by length; inside a group, each level switches on the byte
//! position that splits the remaining candidates most, until one (or two) remain, which
//! are compared whole. The cost is a few byte loads and one `memcmp`, nearly flat from
//! one origin to thousands, with no hashing and no runtime table.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::expand::{byte_slice, local};

/// `origin.len()` → per-length decision trees; the origin (named by [`local`]) must be
/// a `&[u8]` in scope.
pub(crate) fn exact_origin_matcher(private: &TokenStream, origins: &[String]) -> TokenStream {
    if origins.is_empty() {
        return quote!(false);
    }
    let (origin, chunk) = (local("origin"), local("bytes"));
    let slice = byte_slice(private);
    let mut lengths: Vec<usize> = origins.iter().map(String::len).collect();
    lengths.sort_unstable();
    lengths.dedup();
    let arms = lengths.iter().map(|&len| {
        let group: Vec<&[u8]> = origins
            .iter()
            .map(String::as_bytes)
            .filter(|origin| origin.len() == len)
            .collect();
        let tree = decision_tree(&group);
        let len_literal = Literal::usize_unsuffixed(len);
        quote! {
            #len_literal => match <#slice>::first_chunk::<#len_literal>(#origin) {
                #private::Option::Some(#chunk) => #tree,
                #private::Option::None => false,
            },
        }
    });
    quote! {
        match <#slice>::len(#origin) {
            #(#arms)*
            _ => false,
        }
    }
}

/// Distinct candidates of one length → an expression over the origin's bytes as
/// `&[u8; N]` (named by [`local`]).
fn decision_tree(candidates: &[&[u8]]) -> TokenStream {
    let chunk = local("bytes");
    if candidates.len() <= 2 {
        let comparisons = candidates.iter().map(|candidate| {
            let literal = Literal::byte_string(candidate);
            quote!(*#chunk == *#literal)
        });
        return quote!(#(#comparisons)||*);
    }
    let position = most_splitting_position(candidates);
    let mut bytes: Vec<u8> = candidates
        .iter()
        .map(|candidate| candidate[position])
        .collect();
    bytes.sort_unstable();
    bytes.dedup();
    let arms = bytes.iter().map(|&byte| {
        let subset: Vec<&[u8]> = candidates
            .iter()
            .copied()
            .filter(|candidate| candidate[position] == byte)
            .collect();
        let subtree = decision_tree(&subset);
        let byte_literal = Literal::byte_character(byte);
        quote!(#byte_literal => #subtree,)
    });
    let position_literal = Literal::usize_unsuffixed(position);
    quote! {
        match #chunk[#position_literal] {
            #(#arms)*
            _ => false,
        }
    }
}

/// The byte position with the most distinct values among the candidates (ties: the
/// smallest largest bucket, then the earliest position). Candidates are distinct, so
/// some position always has at least two values.
fn most_splitting_position(candidates: &[&[u8]]) -> usize {
    let len = candidates[0].len();
    (0..len)
        .map(|position| {
            let mut counts = [0usize; 256];
            for candidate in candidates {
                counts[usize::from(candidate[position])] += 1;
            }
            let distinct = counts.iter().filter(|&&count| count > 0).count();
            let largest = counts.iter().copied().max().unwrap_or(0);
            (position, distinct, largest)
        })
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)).then(b.0.cmp(&a.0)))
        .map_or(0, |(position, _, _)| position)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_the_most_discriminating_byte() {
        let candidates: [&[u8]; 3] = [b"https://a.com", b"https://b.com", b"https://c.com"];
        assert_eq!(most_splitting_position(&candidates), 8);
        let tree = decision_tree(&candidates).to_string();
        assert!(tree.starts_with("match __cors_bytes [8]"), "{tree}");
    }

    #[test]
    fn small_groups_compare_whole() {
        let candidates: [&[u8]; 2] = [b"https://a.com", b"https://b.com"];
        let tree = decision_tree(&candidates).to_string();
        assert_eq!(tree.matches("* __cors_bytes ==").count(), 2, "{tree}");
    }
}

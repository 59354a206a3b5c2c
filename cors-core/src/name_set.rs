//! A runtime policy's methods and request-header names, looked up per request.
//!
//! The `cors!` macro compiles these lists into a `match` on byte strings, which the
//! compiler turns into a switch on the length and a few word comparisons. A policy built
//! at run time has only the list; comparing with each entry through `==` calls `memcmp`
//! for every entry of the same length, and case-insensitively it is a loop over bytes
//! (≈ 100 instructions a requested header with five allowed, measured with callgrind).
//! So each entry carries a [`Key`] of fixed size, computed once, and a lookup compares
//! a few words per entry: what the generated `match` does, with the list as data.
//!
//! A policy's exact origins can number in the thousands: [`SortedNameSet`] keeps them
//! sorted by length, then bytes, and finds one by binary search, which compares bytes
//! only with origins of the same length: a refused origin of a length no allowed one
//! has costs no `memcmp` at all. (Keys as above were measured too: they spare the
//! `memcmp`s of a search through many origins of one length, but computing the key
//! cost an allowed origin 29 instructions more on a one-origin list.)

use core::fmt;

/// A name's length and two words of its bytes: for a name of at most 16 bytes the words
/// hold every byte (overlapping where the name is shorter than 16), so equal keys mean
/// equal names; a longer name's bytes are compared as well.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    len: usize,
    words: [u64; 2],
}

/// The longest name whose key holds all of its bytes.
const WHOLE_IN_KEY: usize = 16;

impl Key {
    #[inline]
    fn of(bytes: &[u8]) -> Key {
        let len = bytes.len();
        let words = match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
            (Some(&head), Some(&tail)) => [u64::from_le_bytes(head), u64::from_le_bytes(tail)],
            _ => match (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
                (Some(&head), Some(&tail)) => [
                    u64::from(u32::from_le_bytes(head)) | u64::from(u32::from_le_bytes(tail)) << 32,
                    0,
                ],
                // One to three bytes: the first, the middle and the last are all of them.
                _ => match (bytes.first(), bytes.get(len / 2), bytes.last()) {
                    (Some(&first), Some(&middle), Some(&last)) => [
                        u64::from(first) | u64::from(middle) << 8 | u64::from(last) << 16,
                        0,
                    ],
                    _ => [0, 0],
                },
            },
        };
        Key { len, words }
    }
}

/// A list of names with their [`Key`]s, in the list's order.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct NameSet {
    entries: Box<[(Key, Box<str>)]>,
}

impl NameSet {
    /// The set of `names`.
    pub(crate) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        NameSet {
            entries: names
                .into_iter()
                .map(|name| (Key::of(name.as_bytes()), Box::from(name)))
                .collect(),
        }
    }

    /// Whether `name` is in the set, byte for byte.
    #[inline]
    pub(crate) fn contains(&self, name: &[u8]) -> bool {
        let key = Key::of(name);
        self.entries.iter().any(|(entry, text)| {
            *entry == key && (key.len <= WHOLE_IN_KEY || text.as_bytes() == name)
        })
    }

    /// Whether `name` is in the set in any ASCII case. The set's names are canonical
    /// (lowercase), as browsers send them: those are found by [`contains`](Self::contains);
    /// only another spelling is compared byte by byte.
    #[inline]
    pub(crate) fn contains_ignoring_case(&self, name: &[u8]) -> bool {
        self.contains(name)
            || self
                .entries
                .iter()
                .any(|(_, text)| text.as_bytes().eq_ignore_ascii_case(name))
    }
}

/// A set of names sorted by length, then by bytes: a lookup is a binary search.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct SortedNameSet {
    entries: Box<[Box<str>]>,
}

impl SortedNameSet {
    /// The set of `names` (a name listed twice is kept once).
    pub(crate) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut entries: Vec<Box<str>> = names.into_iter().map(Box::from).collect();
        entries.sort_unstable_by(|a, b| by_length_then_bytes(a.as_bytes(), b.as_bytes()));
        entries.dedup();
        SortedNameSet {
            entries: entries.into_boxed_slice(),
        }
    }

    /// Whether `name` is in the set, byte for byte.
    #[inline]
    pub(crate) fn contains(&self, name: &[u8]) -> bool {
        self.entries
            .binary_search_by(|entry| by_length_then_bytes(entry.as_bytes(), name))
            .is_ok()
    }
}

/// The set's order: a length comparison decides most steps of a search.
#[inline]
fn by_length_then_bytes(a: &[u8], b: &[u8]) -> core::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

impl fmt::Debug for SortedNameSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.entries.iter()).finish()
    }
}

impl fmt::Debug for NameSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.entries.iter().map(|(_, name)| name))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::{NameSet, SortedNameSet};

    /// `len` letters, `abc…`.
    fn letters(len: usize) -> String {
        (0..len)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect()
    }

    /// Each of `names` is found by `contains`, and none with one byte changed at any
    /// position, nor (up to `longer_up_to` bytes) with one more byte.
    fn assert_finds_exactly(
        names: &[String],
        contains: impl Fn(&[u8]) -> bool,
        longer_up_to: usize,
    ) {
        for name in names {
            assert!(contains(name.as_bytes()), "{name:?}");
            for position in 0..name.len() {
                let mut other = name.clone().into_bytes();
                other[position] = b'-';
                assert!(!contains(&other), "{:?}", String::from_utf8_lossy(&other));
            }
            let mut longer = name.clone().into_bytes();
            longer.push(b'-');
            if longer.len() <= longer_up_to {
                assert!(!contains(&longer));
            }
        }
    }

    /// Names of every length from 0 to 40, and for each a name that differs from it in
    /// one byte at every position: each is found exactly when it is in the set.
    #[test]
    fn a_name_is_found_exactly_when_its_bytes_are_in_the_set() {
        let names: Vec<String> = (0..=40).map(letters).collect();
        let set = NameSet::new(names.iter().map(String::as_str));
        assert_finds_exactly(&names, |name| set.contains(name), 40);
    }

    #[test]
    fn names_of_the_same_length_and_ends_are_told_apart() {
        // Same length, same first and last eight bytes: only the middle differs.
        let set = NameSet::new(["x-aaaaaaaa-1-bbbbbbbb", "ab", "abc"]);
        assert!(set.contains(b"x-aaaaaaaa-1-bbbbbbbb"));
        assert!(!set.contains(b"x-aaaaaaaa-2-bbbbbbbb"));
        assert!(!set.contains(b"ac"));
        assert!(!set.contains(b"aac"));
        assert!(!set.contains(b""));
    }

    #[test]
    fn another_case_is_found_only_when_asked() {
        let set = NameSet::new(["content-type", "x-b3-traceid"]);
        assert!(set.contains(b"content-type"));
        assert!(!set.contains(b"Content-Type"));
        assert!(set.contains_ignoring_case(b"Content-Type"));
        assert!(set.contains_ignoring_case(b"X-B3-TRACEID"));
        assert!(!set.contains_ignoring_case(b"x-b3-traceids"));
    }

    /// The same names as [`a_name_is_found_exactly_when_its_bytes_are_in_the_set`],
    /// through the sorted set, with every other length left out and names that share
    /// their key's bytes but differ in the middle.
    #[test]
    fn the_sorted_set_finds_exactly_its_names() {
        let names: Vec<String> = (0..=60)
            .step_by(2)
            .map(letters)
            .chain([
                "https://a.example.com:1".into(),
                "https://a.example.com:2".into(),
            ])
            .chain([
                "https://app.example.com".into(),
                "https://app.example.com".into(),
            ])
            .collect();
        let set = SortedNameSet::new(names.iter().map(String::as_str));
        assert_finds_exactly(&names, |name| set.contains(name), usize::MAX);
        // Same length, same first and last eight bytes.
        assert!(!set.contains(b"https://b.example.com:1"));
        assert!(!set.contains(b"https://a.example.com:3"));
        assert!(!SortedNameSet::default().contains(b""));
    }
}

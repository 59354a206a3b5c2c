//! [`HeaderMap`] for the `http` 1.x map of the tower and hyper adapters.

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, VARY};

use cors_policy_core::{HeaderField, Vary};

use super::header_map::{HeaderMap, Survey, TRUE, fits_static_value, vary_text};

type ValueBytes<'a> = fn(&'a HeaderValue) -> &'a [u8];

impl HeaderMap for http::HeaderMap {
    type Name = HeaderName;
    type Value = HeaderValue;
    type Values<'a> = core::iter::Map<http::header::ValueIter<'a, HeaderValue>, ValueBytes<'a>>;

    const VARY_ORIGIN: HeaderValue = HeaderValue::from_static(vary_text(Vary::ORIGIN));
    const VARY_PREFLIGHT: HeaderValue = HeaderValue::from_static(vary_text(Vary::PREFLIGHT));
    const TRUE: HeaderValue = HeaderValue::from_static(TRUE);

    #[inline]
    fn name(name: &'static str) -> HeaderName {
        HeaderName::from_static(name)
    }

    #[inline]
    fn static_value(text: &'static str) -> Option<HeaderValue> {
        // `from_static` panics on any other text: checked first.
        fits_static_value(text).then(|| HeaderValue::from_static(text))
    }

    #[inline]
    fn shared_value(text: &str) -> Option<HeaderValue> {
        // `Bytes::from(Vec)` would allocate again on its first clone; an owner-backed
        // `Bytes` is reference counted from the start.
        HeaderValue::from_maybe_shared(Bytes::from_owner(text.to_owned())).ok()
    }

    #[inline]
    fn values<'a>(&'a self, name: &HeaderName) -> Self::Values<'a> {
        self.get_all(name).iter().map(HeaderValue::as_bytes)
    }

    #[inline]
    fn field_and_first(&self, name: &HeaderName) -> (HeaderField<'_>, Option<&HeaderValue>) {
        // One walk over the lines: the first, and whether there is a second.
        let mut lines = self.get_all(name).into_iter();
        let first = lines.next();
        let field = match (first, lines.next()) {
            (None, _) => HeaderField::Absent,
            (Some(value), None) => HeaderField::One(value.as_bytes()),
            (Some(_), Some(_)) => HeaderField::Many,
        };
        (field, first)
    }

    /// Looking up a custom name hashes all of it (38 bytes for
    /// `Access-Control-Request-Private-Network`: about 250 instructions per preflight,
    /// measured); comparing it with each of the request's names first is a few
    /// instructions a name, and the lookup is then made only when it is there.
    #[inline]
    fn seldom_field(&self, name: &HeaderName) -> HeaderField<'_> {
        if self.keys().any(|key| key == name) {
            seldom_field_present(self, name)
        } else {
            HeaderField::Absent
        }
    }

    #[inline]
    fn survey(&self, _: &HeaderName) -> Survey {
        let mut survey = Survey::default();
        // `keys` visits each name once, however many lines it has.
        for name in self.keys() {
            survey.note(name.as_str(), *name == VARY);
        }
        survey
    }

    #[inline]
    fn clear(&mut self) {
        http::HeaderMap::clear(self);
    }

    // The name is cloned, not passed by reference: `http` turns a `&HeaderName` into a
    // name through `From<&HeaderName>`, an out-of-line call (18 instructions a header,
    // measured), where the derived `clone` is inlined (a standard name is one byte).
    #[inline]
    fn append(&mut self, name: &HeaderName, value: HeaderValue) {
        http::HeaderMap::append(self, name.clone(), value);
    }

    #[inline]
    fn replace(&mut self, name: &HeaderName, value: HeaderValue) {
        self.insert(name, value);
    }

    #[inline]
    fn remove_all(&mut self, name: &HeaderName) {
        self.remove(name);
    }
}

/// The lookup [`HeaderMap::seldom_field`] makes for a name the request has: kept out
/// of line, so that the usual walk stays small where it is inlined.
#[cold]
#[inline(never)]
fn seldom_field_present<'a>(map: &'a http::HeaderMap, name: &HeaderName) -> HeaderField<'a> {
    HeaderField::from_values(HeaderMap::values(map, name))
}

//! [`HeaderMap`] for actix-web's own map (a hash map of names to small vectors of
//! `http` 0.2 values): the actix adapter works over it directly, never converting.

use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::web::Bytes;

use cors_policy_core::{HeaderField, Vary};

use super::header_map::{HeaderMap, Survey, TRUE, fits_static_value, vary_text};

type ValueBytes<'a> = fn(&'a HeaderValue) -> &'a [u8];

impl HeaderMap for header::HeaderMap {
    type Name = HeaderName;
    type Value = HeaderValue;
    type Values<'a> = core::iter::Map<core::slice::Iter<'a, HeaderValue>, ValueBytes<'a>>;

    const VARY_ORIGIN: HeaderValue = HeaderValue::from_static(vary_text(Vary::ORIGIN));
    const VARY_PREFLIGHT: HeaderValue = HeaderValue::from_static(vary_text(Vary::PREFLIGHT));
    const TRUE: HeaderValue = HeaderValue::from_static(TRUE);

    fn name(name: &'static str) -> HeaderName {
        HeaderName::from_static(name)
    }

    fn static_value(text: &'static str) -> Option<HeaderValue> {
        // `from_static` panics on any other text: checked first.
        fits_static_value(text).then(|| HeaderValue::from_static(text))
    }

    fn shared_value(text: &str) -> Option<HeaderValue> {
        // `Bytes::from(Vec)` would allocate again on its first clone; an owner-backed
        // `Bytes` is reference counted from the start.
        HeaderValue::from_maybe_shared(Bytes::from_owner(text.to_owned())).ok()
    }

    fn values<'a>(&'a self, name: &HeaderName) -> Self::Values<'a> {
        self.get_all(name).map(HeaderValue::as_bytes)
    }

    fn field_and_first(&self, name: &HeaderName) -> (HeaderField<'_>, Option<&HeaderValue>) {
        let all = self.get_all(name);
        let first = all.clone().next();
        let field = HeaderField::from_values(all.map(HeaderValue::as_bytes));
        (field, first)
    }

    // `seldom_field` stays a lookup here: a walk over actix's hash map saves 19-39
    // instructions on a preflight with only its CORS headers and costs 150-175 more on
    // one with a browser's other ten (`CORS_BENCH_BROWSER_HEADERS=1
    // bash scripts/bench-callgrind.sh actix_ours`).

    fn survey(&self, vary: &HeaderName) -> Survey {
        let mut survey = Survey::default();
        for name in self.keys() {
            survey.note(name.as_str(), name == vary);
        }
        survey
    }

    fn clear(&mut self) {
        header::HeaderMap::clear(self);
    }

    fn append(&mut self, name: &HeaderName, value: HeaderValue) {
        header::HeaderMap::append(self, name.clone(), value);
    }

    fn replace(&mut self, name: &HeaderName, value: HeaderValue) {
        self.insert(name.clone(), value);
    }

    fn remove_all(&mut self, name: &HeaderName) {
        header::HeaderMap::remove(self, name);
    }
}

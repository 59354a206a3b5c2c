//! What CORS needs of a framework's header map.
//!
//! The tower and hyper adapters use the `http` 1.x map (`http_header_map.rs`),
//! actix-web its own map over `http` 0.2 types (`actix_header_map.rs`); everything else
//! in this module is written once, against this trait.

use cors_policy_core::{HeaderField, Vary};

/// The text the engine gives the flag headers (credentials, private network): sent as
/// [`HeaderMap::TRUE`]. Were the engine to give another, it would be prepared like
/// any other text: the same header, only not a compile-time constant.
pub(crate) const TRUE: &str = "true";

/// The text of one of the engine's `Vary` values, for a compile-time constant.
pub(crate) const fn vary_text(vary: Vary) -> &'static str {
    match vary.value() {
        Some(text) => text,
        None => panic!("a Vary with members"),
    }
}

/// A framework's header map, reduced to what CORS needs.
pub(crate) trait HeaderMap: 'static {
    /// A header name.
    type Name: Send + Sync + 'static;
    /// A header value; cloning one made by [`static_value`](HeaderMap::static_value)
    /// is free, one made by [`shared_value`](HeaderMap::shared_value) or taken from a
    /// request is a reference-count bump: neither allocates.
    type Value: Clone + Send + Sync + 'static;
    /// The values of one header, as bytes.
    type Values<'a>: Iterator<Item = &'a [u8]>
    where
        Self: 'a;

    /// The value of [`Vary::ORIGIN`] (every actual response's, unless any origin is
    /// allowed), built at compile time.
    ///
    /// The constants are built where they are sent, a few stores; a value kept in the
    /// prepared headers is cloned through its vtable, a call. Measured (BENCHMARKS.md
    /// has the command), these three take 17 to 30 instructions off each actual request
    /// through tower, 21 to 28 off each preflight (`cors!` and builder policies), 8 to
    /// 14 off each request through actix.
    const VARY_ORIGIN: Self::Value;
    /// The value of [`Vary::PREFLIGHT`] (every preflight's, unless any origin is
    /// allowed or private network access is on), built at compile time.
    const VARY_PREFLIGHT: Self::Value;
    /// [`TRUE`] (`Access-Control-Allow-Credentials`, `-Allow-Private-Network`), built at
    /// compile time.
    const TRUE: Self::Value;
    /// A name known to be valid: the CORS header names.
    fn name(name: &'static str) -> Self::Name;
    /// A static value (clones are free), or `None` when `text` cannot be one (see
    /// [`fits_static_value`]; a valid value that cannot is built as a
    /// [`shared_value`](HeaderMap::shared_value) instead). Checked once, when a layer is
    /// built.
    fn static_value(text: &'static str) -> Option<Self::Value>;
    /// A value built once whose clones are reference-count bumps, or `None` when `text`
    /// is not a valid header value.
    fn shared_value(text: &str) -> Option<Self::Value>;

    /// Every value of `name`, in order.
    fn values<'a>(&'a self, name: &Self::Name) -> Self::Values<'a>;
    /// The values of `name` counted as a [`HeaderField`], and the first of them, from
    /// one lookup (the engine judges the `Origin` bytes; an echo reuses that value).
    fn field_and_first(&self, name: &Self::Name) -> (HeaderField<'_>, Option<&Self::Value>);

    /// [`values`](HeaderMap::values) counted as a [`HeaderField`], for a header that
    /// requests seldom carry (`Access-Control-Request-Private-Network`). A map whose
    /// lookups cost more than a walk over a request's few names overrides it.
    fn seldom_field(&self, name: &Self::Name) -> HeaderField<'_> {
        HeaderField::from_values(self.values(name))
    }
    /// One pass over the names the map already has: whether it has `Vary`, and any
    /// `Access-Control-*` header (which the layer must replace or remove).
    fn survey(&self, vary: &Self::Name) -> Survey;
    /// Removes every header, keeping the map's capacity: the layer's own answer is
    /// written into the request's map, which has room for it. (actix answers in a
    /// pooled response head instead, which keeps its capacity too.)
    #[cfg_attr(not(any(feature = "tower", feature = "hyper")), allow(dead_code))]
    fn clear(&mut self);
    /// Adds a line for `name`, keeping the others (on a name the map does not have:
    /// the cheapest insert).
    fn append(&mut self, name: &Self::Name, value: Self::Value);
    /// [`append`](HeaderMap::append) of a clone of `value`, cloned where the map stores
    /// it (a constant's clone is then written once, not built and moved).
    #[inline]
    fn append_clone(&mut self, name: &Self::Name, value: &Self::Value) {
        self.append(name, value.clone());
    }
    /// [`append`](HeaderMap::append) of the value taken out of `slot`, if any (taken
    /// where the map stores it).
    #[inline]
    fn append_taken(&mut self, name: &Self::Name, slot: &mut Option<Self::Value>) {
        if let Some(value) = slot.take() {
            self.append(name, value);
        }
    }
    /// Sets `name` to `value` alone, replacing every value it had.
    fn replace(&mut self, name: &Self::Name, value: Self::Value);
    /// Removes every line of `name`.
    fn remove_all(&mut self, name: &Self::Name);
}

/// Whether `text` can be a static header value: visible ASCII and tabs only, what
/// `HeaderValue::from_static` accepts (in `http` 1.x and in actix's 0.2 alike; it panics
/// on anything else). Other valid values (bytes from 0x80 up) are built shared.
pub(crate) fn fits_static_value(text: &str) -> bool {
    text.bytes()
        .all(|byte| byte == b'\t' || (b' '..=b'~').contains(&byte))
}

/// What a response already has that the layer must account for, from one pass.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Survey {
    /// The map has `Vary` (the layer's members are merged in, not set).
    pub(crate) vary: bool,
    /// The map has some `Access-Control-*` header (the layer replaces or removes them).
    pub(crate) cors: bool,
}

impl Survey {
    /// Notes one header name of the map, given as lowercase text.
    #[inline]
    pub(crate) fn note(&mut self, name: &str, is_vary: bool) {
        self.vary |= is_vary;
        self.cors |= name.starts_with("access-control-");
    }
}

/// Every line of one header of a map; `Copy`, so it can be iterated more than once
/// (which [`Vary::missing_from`](cors_policy_core::Vary::missing_from) does).
pub(crate) struct Lines<'a, H: HeaderMap>(pub(crate) &'a H, pub(crate) &'a H::Name);

impl<H: HeaderMap> Clone for Lines<'_, H> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<H: HeaderMap> Copy for Lines<'_, H> {}

impl<'a, H: HeaderMap> IntoIterator for Lines<'a, H> {
    type Item = &'a [u8];
    type IntoIter = H::Values<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.values(self.1)
    }
}

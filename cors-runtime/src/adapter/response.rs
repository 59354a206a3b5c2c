//! Writing a decision's headers: the layer's own answer, written into the request's
//! map (cleared, its capacity kept: no allocation), and a handler's response completed
//! in one pass over the names it already has.

use cors_policy_core::{CorsHeader, HeaderSet, Vary};

use super::header_map::{HeaderMap, Lines};
use super::prepared::{PreparedHeaders, ValueSource};
use super::request::{Answer, Echoes, PendingHeaders};

impl<H: HeaderMap> Answer<H> {
    /// Turns `map`, the request's own header map, into the answer's: clears it (keeping
    /// its capacity, which the request's headers needed and the answer's few fit in) and
    /// writes the answer's headers.
    #[inline]
    #[cfg_attr(not(any(feature = "tower", feature = "hyper")), allow(dead_code))]
    pub(crate) fn write_into_request_map(self, prepared: &PreparedHeaders<H>, map: &mut H) {
        map.clear();
        self.write(prepared, map);
    }

    /// Writes the answer's headers into `map`, which has none of them.
    #[inline]
    pub(crate) fn write(mut self, prepared: &PreparedHeaders<H>, map: &mut H) {
        set_vary_line(prepared, self.vary, map);
        set_cors_headers(prepared, self.headers, &mut self.echoes, map, false);
    }
}

impl<H: HeaderMap> PendingHeaders<H> {
    /// Completes a handler's response: one pass over its names says whether it has
    /// `Vary` (then only the missing members are appended, one line each, never
    /// duplicated, `Vary: *` left alone) and CORS headers of its own (then each is
    /// replaced or removed: the policy is the only source of CORS headers, so a handler
    /// or a proxied upstream cannot widen it for a refused origin). Without either, as
    /// usual, every header goes in with the cheapest insert.
    #[inline(always)]
    pub(crate) fn complete(&mut self, map: &mut H) {
        let prepared: &PreparedHeaders<H> = &self.prepared;
        let survey = map.survey(&prepared.vary_name);
        if survey.vary {
            merge_vary(prepared, self.vary, map);
        } else {
            set_vary_line(prepared, self.vary, map);
        }
        set_cors_headers(prepared, self.headers, &mut self.echoes, map, survey.cors);
    }
}

/// Adds the whole `Vary` value on one line, to a map without `Vary`.
#[inline(always)]
fn set_vary_line<H: HeaderMap>(prepared: &PreparedHeaders<H>, vary: Vary, map: &mut H) {
    // The usual two are constants, built in place.
    if vary == Vary::ORIGIN {
        return map.append(&prepared.vary_name, H::VARY_ORIGIN);
    }
    if vary == Vary::PREFLIGHT {
        return map.append(&prepared.vary_name, H::VARY_PREFLIGHT);
    }
    match prepared.vary(vary) {
        Some(prepared_vary) => {
            if let Some(whole) = &prepared_vary.whole {
                map.append_clone(&prepared.vary_name, whole);
            }
        }
        None => {
            if let Some(value) = vary.value().and_then(H::static_value) {
                map.append(&prepared.vary_name, value);
            }
        }
    }
}

/// Appends the members of `vary` that the map's `Vary` lines lack, one line each.
fn merge_vary<H: HeaderMap>(prepared: &PreparedHeaders<H>, vary: Vary, map: &mut H) {
    let prepared_vary = prepared.vary(vary);
    // One member per round, so that the lines are not borrowed while appending; each
    // round adds a member the next one finds present. Bounded all the same.
    for _ in vary.members() {
        let Some(member) = vary.missing_from(Lines(map, &prepared.vary_name)).next() else {
            break;
        };
        let value = prepared_vary
            .and_then(|prepared_vary| {
                let index = vary.members().iter().position(|m| *m == member)?;
                prepared_vary.members.get(index).cloned()
            })
            .or_else(|| H::static_value(member));
        if let Some(value) = value {
            map.append(&prepared.vary_name, value);
        }
    }
}

/// Makes the CORS response headers exactly what the decision says: each one in
/// `wanted` once, with the policy's value; with `foreign` (the map has CORS headers of
/// its own), every other one removed and the wanted ones replacing what was there.
#[inline(always)]
fn set_cors_headers<H: HeaderMap>(
    prepared: &PreparedHeaders<H>,
    wanted: HeaderSet,
    echoes: &mut Echoes<H>,
    map: &mut H,
    foreign: bool,
) {
    if !foreign {
        if wanted.is_empty() {
            return;
        }
        // The usual case: only the wanted headers are visited, each appended.
        for header in wanted.iter() {
            let Some((name, Some(source))) = prepared.headers.get(header.index()) else {
                continue;
            };
            // The two sources every policy has are cloned or taken where the map stores
            // them, not built here and moved (measured: 15 to 104 instructions a
            // request). The others, only a wildcard policy's preflight has; naming them
            // instead of `_`, or moving this `match` into a function, measured 10 to 27
            // instructions more.
            match source {
                ValueSource::Constant(value) => map.append_clone(name, value),
                ValueSource::True => map.append(name, H::TRUE),
                ValueSource::EchoOrigin => map.append_taken(name, &mut echoes.origin),
                _ => {
                    if let Some(value) = value_of(source, echoes) {
                        map.append(name, value);
                    }
                }
            }
        }
        return;
    }
    for (header, (name, source)) in CorsHeader::ALL.into_iter().zip(&prepared.headers) {
        let value = match source {
            Some(source) if wanted.contains(header) => value_of(source, echoes),
            _ => None,
        };
        match value {
            Some(value) => map.replace(name, value),
            None => map.remove_all(name),
        }
    }
}

/// The value a header gets from its source: a constant's clone, or an echoed request
/// value (moved out of `echoes`).
#[inline(always)]
fn value_of<H: HeaderMap>(
    source: &ValueSource<H::Value>,
    echoes: &mut Echoes<H>,
) -> Option<H::Value> {
    match source {
        ValueSource::Constant(value) => Some(value.clone()),
        ValueSource::True => Some(H::TRUE),
        ValueSource::EchoOrigin => echoes.origin.take(),
        ValueSource::EchoRequestMethod => echoes.request_method.take(),
        ValueSource::EchoRequestHeaders(otherwise) => Some(
            echoes
                .request_headers
                .take()
                .unwrap_or_else(|| otherwise.clone()),
        ),
    }
}

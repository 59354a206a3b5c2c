//! The engine's decision in the reference model's terms, so that the two compare with
//! `==` (shared, through `#[path]`, with the fuzz targets).

// The fuzz targets include this file beside the reference model.
#![allow(unreachable_pub)]

use cors_policy_core::{
    Action, CorsHeader, CorsPolicy, HeaderField, HeaderValueSource, RequestHead, decide,
};

use crate::reference::{Answer, Expected, Request};

fn field(lines: &[Vec<u8>]) -> HeaderField<'_> {
    HeaderField::from_values(lines.iter().map(Vec::as_slice))
}

/// What the engine decides for `request` under `policy`: the answer, every CORS header
/// with its value (the echoed origin resolved), the `Vary` members.
pub fn observe(policy: &dyn CorsPolicy, request: &Request) -> Expected {
    let decision = decide(
        policy,
        RequestHead {
            method: &request.method,
            origin: field(&request.origin),
            request_method: field(&request.request_method),
            request_headers: request.request_headers.iter().map(Vec::as_slice),
            request_private_network: field(&request.request_private_network),
            fetch_site: field(&request.fetch_site),
            host: field(&request.host),
            upgrade: field(&request.upgrade),
        },
    );
    let settings = policy.settings();
    let headers = decision
        .headers()
        .iter()
        .map(|header: CorsHeader| {
            let value = match header.value(&settings) {
                Some(HeaderValueSource::Text(text)) => text.as_bytes().to_vec(),
                Some(HeaderValueSource::EchoOrigin) => request.origin[0].clone(),
                Some(HeaderValueSource::EchoRequestMethod) => request.request_method[0].clone(),
                Some(HeaderValueSource::EchoRequestHeaders { otherwise }) => {
                    match request.request_headers.as_slice() {
                        [line] => line.clone(),
                        _ => otherwise.as_bytes().to_vec(),
                    }
                }
                None => panic!("{header:?} decided without a value"),
            };
            (header.name(), value)
        })
        .collect();
    Expected {
        answer: match decision.action() {
            Action::Respond(status) => Answer::Status(status),
            Action::Forward => Answer::Forward,
        },
        headers,
        vary: decision.vary().members().to_vec(),
    }
}

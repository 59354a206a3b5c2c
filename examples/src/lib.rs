//! What the three example servers and the demo share: the address they listen on and
//! the application's answers, so that each example file shows only its framework and
//! its CORS policy.

pub mod demo;

use std::io;
use std::net::{Ipv4Addr, SocketAddr};

/// The catalogue `GET /api/items` answers with, as JSON written by hand (the examples
/// avoid a serializer dependency for three objects).
pub const ITEMS_JSON: &str =
    r#"[{"id":1,"name":"apple"},{"id":2,"name":"pear"},{"id":3,"name":"plum"}]"#;

/// The `x-total-count` header sent with [`ITEMS_JSON`]: the header the policies expose.
pub const ITEMS_COUNT: &str = "3";

/// The `Allow` header of the application's own `OPTIONS /api/items` answer. A browser
/// page's `fetch(url, { method: "OPTIONS" })` and `curl -X OPTIONS` without
/// `Access-Control-Request-Method` are not preflights: they reach this handler.
pub const ALLOW: &str = "GET, OPTIONS";

/// The body of the error route's 500, which a page may still read when its origin is
/// allowed: CORS headers go on error responses too.
pub const ERROR_BODY: &str = "something broke\n";

/// The body of `PUT /api/items/{id}`.
pub fn updated(id: u32) -> String {
    format!("updated item {id}\n")
}

/// The id in a `/api/items/{id}` path, for routers that match paths by hand.
pub fn item_id(path: &str) -> Option<u32> {
    path.strip_prefix("/api/items/")?.parse().ok()
}

/// `127.0.0.1` and the port in the `PORT` environment variable, or `default_port`.
///
/// Loopback only: the examples are for trying out, not for serving a network.
///
/// # Errors
///
/// When `PORT` is set but is not a port number.
pub fn listen_addr(default_port: u16) -> io::Result<SocketAddr> {
    let port = match std::env::var("PORT") {
        Ok(text) => text.trim().parse().map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("PORT must be a port number, not {text:?}"),
            )
        })?,
        Err(_) => default_port,
    };
    Ok(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
}

/// `text` as a JSON string literal, quotes included.
///
/// The demo's explanations contain request bytes (a refused origin, a header name), so
/// everything outside printable ASCII is escaped rather than trusted.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_string_escapes_quotes_controls_and_non_ascii() {
        assert_eq!(json_string("plain"), r#""plain""#);
        assert_eq!(json_string("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(
            json_string("\n\u{7f}é😀"),
            r#""\u000a\u007f\u00e9\ud83d\ude00""#
        );
    }

    #[test]
    fn item_ids_are_numbers_under_the_collection() {
        assert_eq!(item_id("/api/items/7"), Some(7));
        assert_eq!(item_id("/api/items/x"), None);
        assert_eq!(item_id("/api/items/"), None);
        assert_eq!(item_id("/api/other/7"), None);
    }
}

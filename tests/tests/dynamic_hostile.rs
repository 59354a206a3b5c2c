//! Hostile `Origin` values against an origin source that would allow anything: the
//! rules refuse them before the source is asked, the source never reads more than
//! `MAX_ORIGIN_LEN` bytes, nothing panics, and every response is a plain refusal.
//! Through the tower dynamic layer (async lookup) and the static one (sync predicate).

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Body;
use axum::routing::any;
use cors_runtime::engine::MAX_ORIGIN_LEN;
use cors_runtime::tower::{CorsLayer, DynamicCorsLayer};
use cors_runtime::{AsyncOrigins, DynamicOrigins};
use cors_tests::{CORS_HEADERS, Strict};
use http::header::HeaderValue;
use tower::ServiceExt;

/// What the source was asked: how many times, and the longest origin.
#[derive(Clone, Default)]
struct Asked {
    times: Arc<AtomicUsize>,
    longest: Arc<AtomicUsize>,
}

impl Asked {
    fn record(&self, origin: &str) {
        self.times.fetch_add(1, Ordering::SeqCst);
        self.longest.fetch_max(origin.len(), Ordering::SeqCst);
    }
}

fn hostile_origins() -> Vec<Vec<u8>> {
    let mut origins = vec![
        format!("https://{}.example", "a".repeat(1024 * 1024)).into_bytes(),
        format!("https://{}.example", "a".repeat(MAX_ORIGIN_LEN)).into_bytes(),
        ",".repeat(10_000).into_bytes(),
        b"https://tenant.example\xff".to_vec(),
        b"https://tenant.example\x80\x80".to_vec(),
        b"https://tenant.example\t".to_vec(),
        b"https://ten\x7fant.example".to_vec(),
        b"*".to_vec(),
        b"null".to_vec(),
        b"https://*.example.com".to_vec(),
        b"https://user:pw@tenant.example".to_vec(),
        b"https://tenant.example/path?q#f".to_vec(),
        b"http://[::ffff:127.0.0.1]".to_vec(),
        b"http://0x7f.1".to_vec(),
        b"HTTPS://TENANT.EXAMPLE".to_vec(),
        b"javascript://alert(1)".to_vec(),
        b"".to_vec(),
    ];
    // Every byte value after a valid prefix (but those a host may hold).
    for byte in 0..=255u8 {
        if !byte.is_ascii_alphanumeric() && !b"-._".contains(&byte) {
            origins.push([&b"https://tenant.example"[..], &[byte]].concat());
        }
    }
    origins
}

async fn refused_everywhere(app: Router, asked: &Asked) {
    for origin in hostile_origins() {
        let Ok(value) = HeaderValue::from_bytes(&origin) else {
            continue; // not sendable as a header value at all
        };
        for preflight in [true, false] {
            let mut request = http::Request::builder().uri("/items");
            request = if preflight {
                request
                    .method("OPTIONS")
                    .header("access-control-request-method", "PUT")
            } else {
                request.method("GET")
            };
            let mut request = request.body(Body::empty()).expect("valid request");
            request.headers_mut().insert("origin", value.clone());
            let response = app
                .clone()
                .oneshot(request)
                .await
                .unwrap_or_else(|never| match never {});
            let shown = String::from_utf8_lossy(&origin[..origin.len().min(40)]).into_owned();
            assert_eq!(
                response.status(),
                if preflight { 403 } else { 200 },
                "{shown:?}"
            );
            for name in CORS_HEADERS {
                assert!(
                    response.headers().get(name).is_none(),
                    "{name} for {shown:?}"
                );
            }
        }
    }
    assert_eq!(
        asked.times.load(Ordering::SeqCst),
        0,
        "the source was asked about a rule-breaking origin"
    );
}

#[tokio::test]
async fn an_async_source_never_sees_hostile_origins() {
    let asked = Asked::default();
    let recorder = asked.clone();
    let lookup = move |origin: String| {
        recorder.record(&origin);
        async { Ok::<_, Infallible>(true) }
    };
    let app = Router::new()
        .route("/items", any(|| async { "ok" }))
        .layer(DynamicCorsLayer::new(AsyncOrigins::new(Strict, lookup)));
    refused_everywhere(app, &asked).await;
}

#[tokio::test]
async fn a_sync_source_never_sees_hostile_origins() {
    let asked = Asked::default();
    let recorder = asked.clone();
    let policy = DynamicOrigins::new(Strict, move |origin: &str| {
        recorder.record(origin);
        true
    });
    let app = Router::new()
        .route("/items", any(|| async { "ok" }))
        .layer(CorsLayer::new(policy));
    refused_everywhere(app, &asked).await;
    // A valid origin is asked about, and allowed.
    let request = http::Request::builder()
        .uri("/items")
        .header("origin", "https://tenant.example")
        .body(Body::empty())
        .expect("valid request");
    let response = Router::new()
        .route("/items", any(|| async { "ok" }))
        .layer(CorsLayer::new(DynamicOrigins::new(Strict, |_: &str| true)))
        .oneshot(request)
        .await
        .unwrap_or_else(|never| match never {});
    assert_eq!(
        response
            .headers()
            .get("access-control-allow-origin")
            .map(|v| v.as_bytes()),
        Some(&b"https://tenant.example"[..])
    );
    assert!(asked.longest.load(Ordering::SeqCst) <= MAX_ORIGIN_LEN);
}

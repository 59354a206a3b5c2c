//! A `tracing` subscriber that records events as text, shared by the tests that check
//! what the layer logs.

use std::fmt::{self, Write as _};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use http::{Request, Response};
use tower_service::Service;
use tracing::field::{Field, Visit};
use tracing::{Event, Metadata, Subscriber, span};

/// Records each event as `LEVEL target: message field=value…`, the layout of
/// `tracing_subscriber::fmt` without its timestamp.
#[derive(Clone, Default)]
pub(crate) struct Recorder(Arc<Mutex<Vec<String>>>);

struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.0, "{value:?}");
        } else {
            let _ = write!(self.0, " {}={value:?}", field.name());
        }
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &span::Attributes<'_>) -> span::Id {
        span::Id::from_u64(1)
    }
    fn record(&self, _: &span::Id, _: &span::Record<'_>) {}
    fn record_follows_from(&self, _: &span::Id, _: &span::Id) {}
    fn event(&self, event: &Event<'_>) {
        let metadata = event.metadata();
        let mut line = Line(format!("{} {}: ", metadata.level(), metadata.target()));
        event.record(&mut line);
        self.0.lock().expect("not poisoned").push(line.0);
    }
    fn enter(&self, _: &span::Id) {}
    fn exit(&self, _: &span::Id) {}
}

impl Recorder {
    /// Every event recorded so far, in order.
    pub(crate) fn lines(&self) -> Vec<String> {
        self.0.lock().expect("not poisoned").clone()
    }
}

/// Sends `request` through `app` on a current-thread runtime (timers on, for sources
/// with a timeout) with a [`Recorder`] as the subscriber: the response, and what the
/// layer logged while answering it.
pub(crate) fn logged(mut app: Router, request: Request<Body>) -> (Response<Body>, Vec<String>) {
    let recorder = Recorder::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let response = tracing::subscriber::with_default(recorder.clone(), || {
        runtime.block_on(async {
            std::future::poll_fn(|cx| Service::<Request<Body>>::poll_ready(&mut app, cx))
                .await
                .unwrap_or_else(|never| match never {});
            app.call(request)
                .await
                .unwrap_or_else(|never| match never {})
        })
    });
    (response, recorder.lines())
}

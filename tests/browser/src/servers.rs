//! The servers the browser talks to: the page server (any host name, any path: an empty
//! page), and one server per (policy × adapter), each on a free loopback port, each
//! logging what reached it into one [`RequestLog`] before its CORS layer sees it.
//!
//! - axum: a `Router` of the routes in [`LEAVES`] under `Router::layer(CorsLayer)`, served
//!   by hyper's HTTP/1.1 connection (axum's own `serve` would need more features);
//! - actix-web: an `App` wrapped in `Cors`, served by actix's `HttpServer` (one worker) on
//!   an actix system thread of its own;
//! - hyper: `cors_runtime::hyper::Cors` around a `service_fn`, served by hyper.
//!
//! Everything stops on drop: the tokio accept loops are aborted (and with them their
//! connections), the actix servers are stopped and their threads joined.

use std::collections::HashMap;
use std::convert::Infallible;
use std::error::Error as StdError;
use std::fmt;
use std::io;
use std::net::Ipv4Addr;
use std::sync::mpsc;
use std::thread;

use actix_web::dev::{ServerHandle, Service as _};
use actix_web::http::StatusCode as ActixStatus;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, ResponseError, web};
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::{IntoResponse, Response as AxumResponse};
use axum::routing::any;
use cors_runtime::CorsPolicy;
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::{Service, service_fn};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};
use tower::ServiceExt;

use crate::app::{HANDLED, LEAVES, Reply, RequestLog, respond, websocket};
use crate::{PolicyName, with_policy};

/// The three adapters every case runs against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Adapter {
    /// `cors_runtime::tower::CorsLayer` under an axum `Router`.
    Axum,
    /// `cors_runtime::actix::Cors` wrapping an actix-web `App`.
    Actix,
    /// `cors_runtime::hyper::Cors` around a hyper service.
    Hyper,
}

impl Adapter {
    /// Every adapter, in run order.
    pub const ALL: [Adapter; 3] = [Adapter::Axum, Adapter::Actix, Adapter::Hyper];

    /// A short name, used in case names and paths.
    pub fn name(self) -> &'static str {
        match self {
            Adapter::Axum => "axum",
            Adapter::Actix => "actix",
            Adapter::Hyper => "hyper",
        }
    }
}

/// Every server of a suite run.
pub struct Servers {
    /// What reached the policy servers.
    pub log: RequestLog,
    page_port: u16,
    ports: HashMap<(Adapter, PolicyName), u16>,
    tasks: Vec<JoinHandle<()>>,
    actix: Vec<ActixServer>,
}

impl fmt::Debug for Servers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Servers")
            .field("page_port", &self.page_port)
            .field("ports", &self.ports)
            .finish_non_exhaustive()
    }
}

impl Servers {
    /// Starts the page server and every (policy × adapter) server; call within a tokio
    /// runtime.
    pub async fn start() -> io::Result<Servers> {
        let mut servers = Servers {
            log: RequestLog::default(),
            page_port: 0,
            ports: HashMap::new(),
            tasks: Vec::new(),
            actix: Vec::new(),
        };
        let (listener, port) = bind().await?;
        servers.page_port = port;
        servers.tasks.push(accept_loop(listener, service_fn(page)));
        for adapter in Adapter::ALL {
            for policy in PolicyName::ALL {
                let port = servers.start_one(adapter, policy).await?;
                servers.ports.insert((adapter, policy), port);
            }
        }
        Ok(servers)
    }

    async fn start_one(&mut self, adapter: Adapter, name: PolicyName) -> io::Result<u16> {
        let (listener, port) = bind().await?;
        let log = self.log.clone();
        match adapter {
            Adapter::Axum => {
                let router = with_policy!(name, |policy| axum_app(policy));
                self.tasks
                    .push(serve_logged(listener, log, name, move |request| {
                        router.clone().oneshot(request)
                    }));
            }
            Adapter::Hyper => {
                let task = with_policy!(name, |policy| hyper_server(policy, name, log, listener));
                self.tasks.push(task);
            }
            Adapter::Actix => {
                let listener = listener.into_std()?;
                let server = with_policy!(name, |policy| ActixServer::start(
                    policy, name, log, listener
                ))?;
                self.actix.push(server);
            }
        }
        Ok(port)
    }

    /// The port of the page server, which answers every host name.
    pub fn page_port(&self) -> u16 {
        self.page_port
    }

    /// The port of `policy`'s server behind `adapter`.
    pub fn port(&self, adapter: Adapter, policy: PolicyName) -> u16 {
        self.ports[&(adapter, policy)]
    }
}

impl Drop for Servers {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
        for server in &mut self.actix {
            server.stop();
        }
    }
}

async fn bind() -> io::Result<(TcpListener, u16)> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
    let port = listener.local_addr()?.port();
    Ok((listener, port))
}

type BoxError = Box<dyn StdError + Send + Sync>;

/// Serves HTTP/1.1 connections on `listener` until aborted; aborting drops the
/// connections too (they live in the loop's `JoinSet`).
fn accept_loop<S, B>(listener: TcpListener, service: S) -> JoinHandle<()>
where
    S: Service<Request<Incoming>, Response = Response<B>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Into<BoxError>,
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    tokio::spawn(async move {
        let mut connections = JoinSet::new();
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let service = service.clone();
            connections.spawn(async move {
                // A connection the browser drops mid-way is not the server's failure.
                // `with_upgrades`: a WebSocket handshake answered 101 hands the connection
                // over (see `serve_logged`) instead of hyper keeping it as HTTP.
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .with_upgrades()
                    .await;
            });
            while connections.try_join_next().is_some() {}
        }
    })
}

/// The page server: an empty page for any host and path, never cached.
async fn page(_: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    Ok(Response::builder()
        .header("content-type", "text/html; charset=utf-8")
        .header("cache-control", "no-store")
        .body(Full::from(
            "<!doctype html><meta charset=utf-8><title>cors browser suite</title>",
        ))
        .expect("a valid response"))
}

/// Serves `service` (axum's router, or the hyper adapter) on `listener`, logging each
/// request before the service sees it and its answer after.
fn serve_logged<S, Fut, B>(
    listener: TcpListener,
    log: RequestLog,
    name: PolicyName,
    service: S,
) -> JoinHandle<()>
where
    S: Fn(Request<Incoming>) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<Response<B>, Infallible>> + Send + 'static,
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    accept_loop(
        listener,
        service_fn(move |request: Request<Incoming>| {
            let (service, log) = (service.clone(), log.clone());
            async move {
                let mut request = request;
                let index = log.begin(
                    name,
                    request.method().as_str(),
                    request.uri().path(),
                    |header| {
                        let value = request.headers().get(header)?;
                        Some(String::from_utf8_lossy(value.as_bytes()).into_owned())
                    },
                );
                // Taken before the service sees the request: the `ws` route's 101 then
                // completes the upgrade, and the socket stays open until the browser
                // closes it. (Closed at once, Firefox never fires `open`; actix-web
                // keeps an answered upgrade open by itself.)
                let upgrade = hyper::upgrade::on(&mut request);
                let response = service(request).await?;
                if response.status() == StatusCode::SWITCHING_PROTOCOLS {
                    tokio::spawn(async move {
                        use tokio::io::AsyncReadExt as _;
                        let Ok(upgraded) = upgrade.await else { return };
                        let mut socket = TokioIo::new(upgraded);
                        let mut frames = [0u8; 1024];
                        while matches!(socket.read(&mut frames).await, Ok(1..)) {}
                    });
                }
                log.finish(
                    index,
                    response.status().as_u16(),
                    response.headers().contains_key(HANDLED),
                );
                Ok::<_, Infallible>(response)
            }
        }),
    )
}

/// A reply as an `http` 1.x response (axum and hyper).
fn http_response<B: From<String>>(reply: Reply) -> Response<B> {
    let mut builder = Response::builder().status(reply.status);
    for (name, value) in reply.headers {
        builder = builder.header(name, value);
    }
    builder
        .body(B::from(reply.body))
        .expect("the app's replies are valid")
}

fn cookie_of(headers: &HeaderMap) -> Option<&str> {
    headers.get("cookie").and_then(|value| value.to_str().ok())
}

fn websocket_key(headers: &HeaderMap) -> Option<&[u8]> {
    headers
        .get("sec-websocket-key")
        .map(|value| value.as_bytes())
}

/// A failing axum handler's error, made into its response by axum.
struct Failure(Reply);

impl IntoResponse for Failure {
    fn into_response(self) -> AxumResponse {
        http_response(self.0)
    }
}

fn axum_app<P: CorsPolicy>(policy: P) -> Router {
    let mut router = Router::new();
    for leaf in LEAVES {
        router = router.route(
            &format!("/{{adapter}}/{{case}}/{leaf}"),
            any(|method: Method, uri: Uri, headers: HeaderMap| async move {
                let reply = websocket(uri.path(), websocket_key(&headers))
                    .unwrap_or_else(|| respond(method.as_str(), uri.path(), cookie_of(&headers)));
                if reply.fails {
                    Err(Failure(reply))
                } else {
                    Ok(http_response::<Body>(reply))
                }
            }),
        );
    }
    router.layer(cors_runtime::tower::CorsLayer::new(policy))
}

/// Serves `policy` through `cors_runtime::hyper::Cors` on `listener`, logging each request
/// first.
fn hyper_server<P: CorsPolicy>(
    policy: P,
    name: PolicyName,
    log: RequestLog,
    listener: TcpListener,
) -> JoinHandle<()> {
    let cors = cors_runtime::hyper::Cors::new(
        policy,
        service_fn(
            |request: Request<Incoming>| async move { Ok::<_, Infallible>(hyper_app(&request)) },
        ),
    );
    serve_logged(listener, log, name, move |request| cors.call(request))
}

/// hyper has no router: the paths outside [`LEAVES`] get a 404 of the "framework" (this
/// function), without [`HANDLED`], like the other frameworks' fallbacks.
fn hyper_app(request: &Request<Incoming>) -> Response<Full<Bytes>> {
    let path = request.uri().path();
    let routed = path.split('/').count() == 4
        && LEAVES
            .iter()
            .any(|leaf| path.ends_with(&format!("/{leaf}")));
    if !routed {
        let mut response = Response::new(Full::default());
        *response.status_mut() = StatusCode::NOT_FOUND;
        return response;
    }
    let reply = websocket(path, websocket_key(request.headers())).unwrap_or_else(|| {
        respond(
            request.method().as_str(),
            path,
            cookie_of(request.headers()),
        )
    });
    http_response(reply)
}

/// A failing actix handler's error, made into its response by actix.
#[derive(Debug)]
struct ActixFailure(Reply);

impl fmt::Display for ActixFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.body)
    }
}

impl ResponseError for ActixFailure {
    fn status_code(&self) -> ActixStatus {
        ActixStatus::from_u16(self.0.status).expect("the app's statuses are valid")
    }

    fn error_response(&self) -> HttpResponse {
        actix_response(&self.0)
    }
}

fn actix_response(reply: &Reply) -> HttpResponse {
    let status = ActixStatus::from_u16(reply.status).expect("the app's statuses are valid");
    let mut builder = HttpResponse::build(status);
    for (name, value) in &reply.headers {
        match *name {
            // actix-web writes `Connection` itself, from the connection type `upgrade`
            // sets (with the `Upgrade` header).
            "upgrade" => {
                builder.upgrade(value.as_str());
            }
            "connection" => {}
            _ => {
                builder.append_header((*name, value.as_str()));
            }
        }
    }
    builder.body(reply.body.clone())
}

async fn actix_handle(request: HttpRequest) -> Result<HttpResponse, ActixFailure> {
    let cookie = request
        .headers()
        .get("cookie")
        .and_then(|value| value.to_str().ok());
    let key = request
        .headers()
        .get("sec-websocket-key")
        .map(|value| value.as_bytes());
    let reply = websocket(request.path(), key)
        .unwrap_or_else(|| respond(request.method().as_str(), request.path(), cookie));
    if reply.fails {
        Err(ActixFailure(reply))
    } else {
        Ok(actix_response(&reply))
    }
}

/// An actix `HttpServer` on a thread running its own actix system.
struct ActixServer {
    handle: ServerHandle,
    thread: Option<thread::JoinHandle<()>>,
}

impl ActixServer {
    fn start<P: CorsPolicy + Copy>(
        policy: P,
        name: PolicyName,
        log: RequestLog,
        listener: std::net::TcpListener,
    ) -> io::Result<ActixServer> {
        let (handles, handle) = mpsc::channel();
        let thread = thread::Builder::new()
            .name(format!("actix-{name:?}"))
            .spawn(move || {
                actix_web::rt::System::new().block_on(async move {
                    let cors = cors_runtime::actix::Cors::new(policy);
                    let server = HttpServer::new(move || {
                        let log = log.clone();
                        let mut app = App::new().wrap(cors.clone());
                        for leaf in LEAVES {
                            app = app.route(
                                &format!("/{{adapter}}/{{case}}/{leaf}"),
                                web::route().to(actix_handle),
                            );
                        }
                        // Registered last, so outermost: it sees what the CORS layer sees.
                        app.wrap_fn(move |request, service| {
                            let index = log.begin(
                                name,
                                request.method().as_str(),
                                request.path(),
                                |header| {
                                    let value = request.headers().get(header)?;
                                    Some(String::from_utf8_lossy(value.as_bytes()).into_owned())
                                },
                            );
                            let response = service.call(request);
                            let log = log.clone();
                            async move {
                                let response = response.await?;
                                log.finish(
                                    index,
                                    response.status().as_u16(),
                                    response.headers().contains_key(HANDLED),
                                );
                                Ok(response)
                            }
                        })
                    })
                    .workers(1)
                    .disable_signals()
                    .shutdown_timeout(0)
                    .listen(listener);
                    match server {
                        Ok(server) => {
                            let server = server.run();
                            let _ = handles.send(Ok(server.handle()));
                            let _ = server.await;
                        }
                        Err(error) => {
                            let _ = handles.send(Err(error));
                        }
                    }
                });
            })?;
        let handle = handle
            .recv()
            .map_err(|_| io::Error::other("the actix server thread died"))??;
        Ok(ActixServer {
            handle,
            thread: Some(thread),
        })
    }

    /// Stops the server (now, not gracefully) and waits for its thread.
    fn stop(&mut self) {
        // `stop` sends the command at once; the returned future only waits for it.
        drop(self.handle.stop(false));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

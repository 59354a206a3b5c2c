//! A tiny server per adapter for `scripts/soak.sh`: `/items` answers `200 ok` to every
//! method behind the `Strict` policy (`cors_tests::Strict`), on 127.0.0.1 only.
//!
//! ```text
//! soak-server tower|actix|hyper PORT
//! ```
//!
//! It prints `listening on 127.0.0.1:PORT` once it accepts connections (the port it got:
//! `PORT` 0 picks a free one), and runs until killed.

use std::convert::Infallible;

use cors_tests::Strict;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(adapter), Some(port)) = (args.next(), args.next()) else {
        eprintln!("usage: soak-server tower|actix|hyper PORT");
        std::process::exit(2);
    };
    let port: u16 = port.parse().expect("a port number");
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    match adapter.as_str() {
        "tower" => tokio_runtime().block_on(tower(address)),
        "hyper" => tokio_runtime().block_on(hyper(address)),
        "actix" => actix(address).expect("actix server"),
        other => {
            eprintln!("unknown adapter {other}: tower, actix or hyper");
            std::process::exit(2);
        }
    }
}

fn tokio_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

async fn tower(address: std::net::SocketAddr) {
    let app = axum::Router::new()
        .route("/items", axum::routing::any(|| async { "ok" }))
        .layer(cors_runtime::tower::CorsLayer::new(Strict));
    let listener = tokio::net::TcpListener::bind(address).await.expect("bind");
    println!("listening on {}", listener.local_addr().expect("bound"));
    axum::serve(listener, app).await.expect("serve");
}

async fn hyper(address: std::net::SocketAddr) {
    use http_body_util::Full;
    use hyper::body::{Bytes, Incoming};

    let listener = tokio::net::TcpListener::bind(address).await.expect("bind");
    println!("listening on {}", listener.local_addr().expect("bound"));
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let service = cors_runtime::hyper::Cors::new(
            Strict,
            hyper::service::service_fn(|_: http::Request<Incoming>| async {
                Ok::<_, Infallible>(http::Response::new(Full::new(Bytes::from_static(b"ok"))))
            }),
        );
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

fn actix(address: std::net::SocketAddr) -> std::io::Result<()> {
    use actix_web::{App, HttpResponse, HttpServer, web};

    actix_web::rt::System::new().block_on(async move {
        let server = HttpServer::new(|| {
            App::new()
                .wrap(cors_runtime::actix::Cors::new(Strict))
                .route(
                    "/items",
                    web::route().to(|| async { HttpResponse::Ok().body("ok") }),
                )
        })
        .workers(2)
        .bind(address)?;
        for bound in server.addrs() {
            println!("listening on {bound}");
        }
        server.run().await
    })
}

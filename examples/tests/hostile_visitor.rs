//! The demo keeps and prints what visitors send: a long or hostile `Origin` must not make
//! its log (1000 entries) hold or answer megabytes, nor reach its terminal raw. Each
//! value is kept as `ShownBytes` (escaped, cut to 128 bytes), as the reason's own text
//! shows it.

use std::io;

use cors_examples::demo::{self, Listeners};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Sends one HTTP/1.1 request with `headers` and returns the whole response.
async fn send(port: u16, target: &str, headers: &[(&str, &[u8])]) -> io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
    let mut request =
        format!("GET {target} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n").into_bytes();
    for (name, value) in headers {
        request.extend_from_slice(name.as_bytes());
        request.extend_from_slice(b": ");
        request.extend_from_slice(value);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"\r\n");
    stream.write_all(&request).await?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await?;
    Ok(response)
}

#[tokio::test]
async fn a_long_hostile_origin_is_kept_and_answered_small() {
    let bind = || TcpListener::bind("127.0.0.1:0");
    let listeners = Listeners {
        page: bind().await.expect("a port"),
        api: bind().await.expect("a port"),
        other: bind().await.expect("a port"),
    };
    let page = listeners.page.local_addr().expect("an address").port();
    let api = listeners.api.local_addr().expect("an address").port();
    tokio::spawn(demo::serve(listeners));

    // A C1 terminal escape and a bidi override (control bytes below 0x20 are refused
    // by the HTTP parser itself), then 60 KiB of bytes that are not ASCII; and many ACRH
    // lines.
    let mut origin = b"\xc2\x9b2J\xe2\x80\xae".to_vec();
    origin.extend_from_slice(&[0xff; 60 * 1024]);
    let mut headers: Vec<(&str, &[u8])> = vec![("origin", &origin)];
    headers.extend(std::iter::repeat_n(
        ("access-control-request-headers", &b"x-a"[..]),
        // hyper's server refuses a request of more than 100 headers.
        50,
    ));
    let response = send(api, "/api/items?demo_id=hostile", &headers)
        .await
        .expect("the API answers");
    assert!(
        response.starts_with(b"HTTP/1.1 200"),
        "the handler still runs: {}",
        String::from_utf8_lossy(&response[..response.len().min(300)])
    );

    let explained = send(page, "/__explain?demo_id=hostile", &[])
        .await
        .expect("the page server answers");
    assert!(explained.starts_with(b"HTTP/1.1 200"));
    assert!(
        explained.len() < 4 * 1024,
        "the log's answer for one request is {} bytes",
        explained.len()
    );
    let text = String::from_utf8(explained).expect("JSON is UTF-8");
    assert!(
        text.contains("\\\\xc2\\\\x9b2J\\\\xe2\\\\x80\\\\xae\\\\xff"),
        "the origin is escaped: {text}"
    );
    assert!(!text.contains("\\u009b") && !text.contains("\\u202e"));
    assert!(text.contains("(61447 bytes)"), "its length is said: {text}");
    assert!(text.contains("(50 lines)"), "the lines are counted: {text}");
}

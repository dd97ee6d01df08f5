//! Graceful shutdown: a drain period, then in-flight requests finish.

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::TestApp;
use crate::support::paths::ITEMS;

/// Reads from `stream` until the end of a response head.
async fn read_head(stream: &mut tokio::net::TcpStream) -> String {
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut byte = [0u8; 1];
        let read = stream.read(&mut byte).await.unwrap();
        assert_eq!(
            read,
            1,
            "the connection closed early: {}",
            String::from_utf8_lossy(&head)
        );
        head.push(byte[0]);
    }
    String::from_utf8(head).unwrap()
}

#[tokio::test]
async fn shutdown_lets_an_in_flight_request_finish() {
    let mut app = TestApp::spawn().await;
    let user = app.new_user().await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let body = json!({ "title": "finished during shutdown" }).to_string();

    // The server asks for the body (100 Continue) only once the handler is
    // running: from then on the request is in flight.
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST {ITEMS} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\r\n",
        user.access_token,
        body.len(),
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let interim = read_head(&mut stream).await;
    assert!(interim.starts_with("HTTP/1.1 100"), "{interim}");

    app.stop();
    // Wait until the listener is gone (new connections are refused); the
    // timeout only guards against a hang and is not part of the behaviour.
    let refused = async {
        while tokio::net::TcpStream::connect(&address).await.is_ok() {
            tokio::task::yield_now().await;
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(30), refused)
        .await
        .expect("the server stops accepting connections");

    stream.write_all(body.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 201"), "{response}");
    assert!(response.contains("finished during shutdown"), "{response}");

    let mut db = app.db.connect().await;
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM items WHERE title = 'finished during shutdown'")
            .fetch_one(&mut db)
            .await
            .unwrap();
    assert_eq!(stored, 1);
}

/// Sends a GET on `stream` (kept alive) and returns the response head; the
/// body is read and dropped.
async fn get(stream: &mut tokio::net::TcpStream, address: &str, path: &str) -> String {
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let head = read_head(stream).await;
    let length = head
        .lines()
        .find_map(|line| {
            line.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(str::to_owned)
        })
        .expect("a Content-Length")
        .parse()
        .unwrap();
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await.unwrap();
    head.to_ascii_lowercase()
}

/// What a proxy in front sees while an instance stops: it keeps answering on
/// connections kept alive from before, each answer asking the proxy to close
/// the connection (so the server never closes one under a request in
/// transit); readiness fails; only after the drain is connecting refused.
#[tokio::test]
async fn a_draining_server_still_answers_and_asks_to_close_connections() {
    let drain = std::time::Duration::from_secs(2);
    let mut app = TestApp::spawn_with(|config| config.shutdown_drain = drain).await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let mut kept_alive = tokio::net::TcpStream::connect(&address).await.unwrap();
    let before = get(&mut kept_alive, &address, "/health").await;
    assert!(before.starts_with("http/1.1 200"), "{before}");
    assert!(!before.contains("connection: close"), "{before}");

    app.stop();
    let draining = async {
        loop {
            let mut fresh = tokio::net::TcpStream::connect(&address).await.unwrap();
            let head = get(&mut fresh, &address, "/health/ready").await;
            if head.starts_with("http/1.1 503") {
                return head;
            }
        }
    };
    let readiness = tokio::time::timeout(drain, draining)
        .await
        .expect("readiness fails as soon as the drain begins");
    assert!(readiness.contains("connection: close"), "{readiness}");

    let during = get(&mut kept_alive, &address, "/health").await;
    assert!(during.starts_with("http/1.1 200"), "{during}");
    assert!(during.contains("connection: close"), "{during}");
    let mut rest = Vec::new();
    kept_alive.read_to_end(&mut rest).await.unwrap();
    assert!(rest.is_empty(), "the connection ends after that answer");

    let refused = async {
        while tokio::net::TcpStream::connect(&address).await.is_ok() {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    };
    tokio::time::timeout(drain * 5, refused)
        .await
        .expect("after the drain, connecting is refused");
}

/// A connection the kernel accepted before the stop, but the server had not
/// taken yet, is served, not reset: its client (a proxy) may have sent a
/// request that it must not resend. The test's runtime has one thread, so
/// the server does not run between the connect, the request and the stop.
#[tokio::test]
async fn a_connection_queued_when_the_server_stops_is_answered() {
    let mut app = TestApp::spawn().await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let mut queued = std::net::TcpStream::connect(&address).unwrap();
    let request = format!("GET /health HTTP/1.1\r\nHost: {address}\r\n\r\n");
    std::io::Write::write_all(&mut queued, request.as_bytes()).unwrap();

    app.stop();
    queued.set_nonblocking(true).unwrap();
    let mut queued = tokio::net::TcpStream::from_std(queued).unwrap();
    let mut response = String::new();
    let read = queued.read_to_string(&mut response);
    tokio::time::timeout(std::time::Duration::from_secs(10), read)
        .await
        .expect("the server answers, then closes")
        .expect("the connection is not reset");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
}

//! Graceful shutdown: in-flight requests finish.

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

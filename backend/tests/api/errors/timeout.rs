//! A request that cannot finish (its body never arrives) is cancelled after
//! `REQUEST_TIMEOUT_SECONDS` with a 503, instead of holding the server.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::TestApp;
use crate::support::paths::ITEMS;

#[tokio::test]
async fn a_request_whose_body_never_arrives_times_out_with_503() {
    // The user is made through an app with the usual timeout: a signup
    // (password hashing) on a busy machine may itself take over 300 ms.
    let setup = TestApp::spawn().await;
    let user = setup.new_user().await;
    let app = setup
        .spawn_beside(|config| config.request_timeout = Duration::from_millis(300))
        .await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST {ITEMS} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"title\":",
        user.access_token
    );
    stream.write_all(head.as_bytes()).await.unwrap();

    let mut response = vec![0u8; 4096];
    let read = tokio::time::timeout(Duration::from_secs(30), stream.read(&mut response))
        .await
        .expect("the server answers instead of waiting forever")
        .unwrap();
    let response = String::from_utf8_lossy(&response[..read]);
    assert!(response.starts_with("HTTP/1.1 503"), "{response}");
    assert!(response.contains("took too long"), "{response}");
    assert_eq!(app.item_count(&user).await, 0);
}

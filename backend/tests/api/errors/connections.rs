//! What a connection may cost the server: a client gets
//! `HTTP_HEADER_READ_TIMEOUT_SECONDS` to send a request head (silent or
//! slow, it is disconnected), a kept-alive connection may idle for
//! `HTTP_IDLE_TIMEOUT_SECONDS` (longer than the head's deadline), and past
//! `MAX_CONNECTIONS` open connections new ones are closed at once while the
//! open ones keep working.

use std::time::{Duration, Instant};

use app::config::Config;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::TestApp;

const HEADER_READ: Duration = Duration::from_secs(1);
const IDLE: Duration = Duration::from_secs(2);
/// Room for a loaded machine on either side of a deadline.
const SLACK: Duration = Duration::from_millis(1500);

fn short_timeouts(config: &mut Config) {
    config.http.header_read_timeout = HEADER_READ;
    config.http.idle_timeout = IDLE;
}

fn host(app: &TestApp) -> String {
    app.address.trim_start_matches("http://").to_owned()
}

/// Reads (and drops) whatever the server sends until it closes the
/// connection; how long that took, or an error once `within` has passed.
async fn closed_by_server(stream: &mut TcpStream, within: Duration) -> Result<Duration, String> {
    let started = Instant::now();
    let mut buffer = [0u8; 1024];
    loop {
        let remaining = within.saturating_sub(started.elapsed());
        match tokio::time::timeout(remaining, stream.read(&mut buffer)).await {
            Err(_) => return Err(format!("still open after {:?}", started.elapsed())),
            // End of stream, or a reset: closed.
            Ok(Ok(0)) | Ok(Err(_)) => return Ok(started.elapsed()),
            Ok(Ok(_)) => continue,
        }
    }
}

/// A GET on a kept-alive connection; the status line.
async fn get(stream: &mut TcpStream, host: &str) -> String {
    let request = format!("GET /health HTTP/1.1\r\nHost: {host}\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    let mut buffer = [0u8; 1024];
    // `/health` answers a small JSON object: the whole answer ends with `}`.
    while !response.ends_with(b"}") {
        let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buffer))
            .await
            .expect("an answer")
            .unwrap();
        assert!(read > 0, "closed: {}", String::from_utf8_lossy(&response));
        response.extend_from_slice(&buffer[..read]);
    }
    let response = String::from_utf8(response).unwrap();
    response.lines().next().unwrap().to_owned()
}

#[tokio::test]
async fn a_connection_that_sends_nothing_is_closed_after_the_header_read_timeout() {
    let app = TestApp::spawn_with(short_timeouts).await;
    let mut stream = TcpStream::connect(host(&app)).await.unwrap();
    let closed_after = closed_by_server(&mut stream, HEADER_READ + SLACK)
        .await
        .unwrap();
    assert!(
        closed_after >= HEADER_READ - Duration::from_millis(100),
        "{closed_after:?}"
    );
}

#[tokio::test]
async fn a_request_head_trickling_in_is_cut_off_at_the_header_read_timeout() {
    let app = TestApp::spawn_with(short_timeouts).await;
    let host = host(&app);
    let stream = TcpStream::connect(&host).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    // A partial head at once, then one more header byte every 100 ms: the
    // deadline covers the whole head, however steadily it arrives.
    let head = format!("GET /health HTTP/1.1\r\nHost: {host}\r\nX-Slow: ");
    writer.write_all(head.as_bytes()).await.unwrap();
    let trickle = tokio::spawn(async move {
        for _ in 0..100 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            if writer.write_all(b"a").await.is_err() {
                return;
            }
        }
    });
    let started = Instant::now();
    let mut buffer = [0u8; 1024];
    let outcome = tokio::time::timeout(HEADER_READ + SLACK, reader.read(&mut buffer)).await;
    trickle.abort();
    match outcome {
        Err(_) => panic!("still open after {:?}", started.elapsed()),
        Ok(Ok(read)) => assert_eq!(
            read,
            0,
            "an answer to a partial head: {}",
            String::from_utf8_lossy(&buffer[..read])
        ),
        Ok(Err(_reset)) => {}
    }
}

#[tokio::test]
async fn a_kept_alive_connection_may_idle_past_the_header_deadline_until_the_idle_timeout() {
    let app = TestApp::spawn_with(short_timeouts).await;
    let host = host(&app);
    let mut stream = TcpStream::connect(&host).await.unwrap();
    assert_eq!(get(&mut stream, &host).await, "HTTP/1.1 200 OK");
    // Idle for longer than a head may take: still open.
    tokio::time::sleep(HEADER_READ + Duration::from_millis(500)).await;
    assert_eq!(get(&mut stream, &host).await, "HTTP/1.1 200 OK");
    let closed_after = closed_by_server(&mut stream, IDLE + SLACK).await.unwrap();
    assert!(
        closed_after >= IDLE - Duration::from_millis(100),
        "closed after {closed_after:?}, before the idle timeout"
    );
}

#[tokio::test]
async fn past_max_connections_new_connections_are_closed_and_open_ones_keep_working() {
    let app = TestApp::spawn_with(|config| config.http.max_connections = 2).await;
    let host = host(&app);
    let mut first = TcpStream::connect(&host).await.unwrap();
    let mut second = TcpStream::connect(&host).await.unwrap();
    assert_eq!(get(&mut first, &host).await, "HTTP/1.1 200 OK");
    assert_eq!(get(&mut second, &host).await, "HTTP/1.1 200 OK");

    let mut over = TcpStream::connect(&host).await.unwrap();
    let request = format!("GET /health HTTP/1.1\r\nHost: {host}\r\n\r\n");
    // The write may already fail: the server may have closed it.
    let _ = over.write_all(request.as_bytes()).await;
    closed_by_server(&mut over, Duration::from_secs(5))
        .await
        .expect("a connection over the cap is closed");

    assert_eq!(get(&mut first, &host).await, "HTTP/1.1 200 OK");
    // Once one closes, there is room again.
    drop(second);
    let started = Instant::now();
    loop {
        let mut fresh = TcpStream::connect(&host).await.unwrap();
        let _ = fresh.write_all(request.as_bytes()).await;
        let mut buffer = [0u8; 64];
        if let Ok(Ok(read)) =
            tokio::time::timeout(Duration::from_secs(1), fresh.read(&mut buffer)).await
            && buffer[..read].starts_with(b"HTTP/1.1 200")
        {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "no room after a connection closed"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(get(&mut first, &host).await, "HTTP/1.1 200 OK");
}

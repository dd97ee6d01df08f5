//! A PostgreSQL outage fails fast with 503 and the API recovers by itself;
//! a pool busy with load still queues. The shared server cannot be stopped,
//! so the app reaches it through a proxy the test closes and reopens.

use std::time::{Duration, Instant};

use crate::support::TcpProxy;

use crate::support::paths::ITEMS;
use crate::support::{TestApp, assert_error_envelope};

/// "Within a second", with room for a loaded CI machine.
const FAST: Duration = Duration::from_millis(1500);

async fn app_behind(proxy: &TcpProxy) -> TestApp {
    let port = proxy.port;
    TestApp::spawn_with(|config| {
        let options = config.database.connect_options.clone();
        config.database.connect_options = options.host("127.0.0.1").port(port);
    })
    .await
}

#[tokio::test]
async fn outage_fails_fast_and_the_api_recovers_without_a_restart() {
    let mut proxy = TcpProxy::to_postgres().await;
    let app = app_behind(&proxy).await;
    let user = app.superuser().await;
    assert_eq!(app.get(ITEMS, user.token()).await.status, 200);

    proxy.stop();
    for attempt in 0..3 {
        let started = Instant::now();
        let response = app.get(ITEMS, user.token()).await;
        let elapsed = started.elapsed();
        eprintln!(
            "outage request {attempt}: {} in {elapsed:?}",
            response.status
        );
        assert_eq!(response.status, 503, "{}", response.text);
        assert_error_envelope(&response, 503);
        assert!(elapsed < FAST, "request {attempt} took {elapsed:?}");
    }
    let started = Instant::now();
    let ready = app.get("/health/ready", None).await;
    eprintln!(
        "outage readiness: {} in {:?}",
        ready.status,
        started.elapsed()
    );
    assert_eq!(ready.status, 503);
    assert_eq!(ready.body["checks"]["database"], "unavailable");
    assert!(started.elapsed() < FAST);

    proxy.resume().await;
    let started = Instant::now();
    loop {
        let response = app.get(ITEMS, user.token()).await;
        if response.status == 200 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "not recovered: {}",
            response.text
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!("recovered in {:?}", started.elapsed());
    assert_eq!(app.get("/health/ready", None).await.status, 200);
}

#[tokio::test]
async fn readiness_names_the_database_within_a_second_of_an_outage() {
    let mut proxy = TcpProxy::to_postgres().await;
    let app = app_behind(&proxy).await;
    assert_eq!(app.get("/health/ready", None).await.status, 200);
    proxy.stop();
    let started = Instant::now();
    let ready = app.get("/health/ready", None).await;
    eprintln!("readiness: {} in {:?}", ready.status, started.elapsed());
    assert_eq!(ready.status, 503);
    assert_eq!(ready.body["checks"]["database"], "unavailable");
    assert_eq!(ready.body["checks"]["redis"], "ok");
    assert!(started.elapsed() < FAST);
}

#[tokio::test]
async fn outage_busy_pool_still_queues_instead_of_failing_fast() {
    let app = TestApp::spawn_with(|config| config.database.max_connections = 1).await;
    let user = app.superuser().await;
    let held = app.pool.acquire().await.expect("the only connection");
    let release = tokio::spawn(async move {
        let mut held = held;
        sqlx::query("SELECT pg_sleep(2)")
            .execute(&mut *held)
            .await
            .unwrap();
    });
    let started = Instant::now();
    let response = app.get(ITEMS, user.token()).await;
    let elapsed = started.elapsed();
    eprintln!("busy request: {} in {elapsed:?}", response.status);
    assert_eq!(response.status, 200, "{}", response.text);
    assert!(
        elapsed >= Duration::from_millis(1500),
        "did not wait: {elapsed:?}"
    );
    release.await.unwrap();
}

/// No pooled connection to break: the request waits in sqlx's connect
/// retries until a probe finds the server refusing, not the 5 s timeout.
#[tokio::test]
async fn outage_with_an_empty_pool_fails_fast_with_the_cause() {
    let app = TestApp::spawn_with(|config| {
        config.first_superuser = None;
        config.database.connect_options = config.database.connect_options.clone().port(1);
    })
    .await;
    for attempt in 0..2 {
        let started = Instant::now();
        let response = app.login("someone@example.com", "password-123").await;
        let elapsed = started.elapsed();
        eprintln!(
            "empty-pool request {attempt}: {} in {elapsed:?}",
            response.status
        );
        assert_error_envelope(&response, 503);
        assert!(
            response.body["detail"]
                .as_str()
                .unwrap()
                .contains("database")
        );
        assert!(elapsed < FAST, "request {attempt} took {elapsed:?}");
    }
}

//! The authenticated-user lookup is cached in Redis, and a change to a user
//! is seen on the very next request, whatever the cache holds.

use serde_json::json;

use crate::support::paths::{ME, user_path};
use crate::support::{TestApp, TestUser};

fn cached_entry(app: &TestApp, user: &TestUser) -> Option<String> {
    let mut connection = app.redis.connection();
    let key = format!("{}user:{}", app.redis.prefix, user.id);
    redis::cmd("GET").arg(key).query(&mut connection).unwrap()
}

fn put_entry(app: &TestApp, user: &TestUser, entry: &str) {
    let mut connection = app.redis.connection();
    let key = format!("{}user:{}", app.redis.prefix, user.id);
    let () = redis::cmd("SET")
        .arg(key)
        .arg(entry)
        .query(&mut connection)
        .unwrap();
}

#[tokio::test]
async fn the_user_lookup_is_cached_after_the_first_request() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    assert_eq!(app.get(ME, user.token()).await.status, 200);
    let entry = cached_entry(&app, &user).expect("the lookup was cached");
    assert!(entry.contains(&user.email));
    assert!(
        !entry.contains("argon2"),
        "the password hash is never cached"
    );
    assert_eq!(
        app.get(ME, user.token()).await.body["email"],
        user.email.as_str()
    );
}

#[tokio::test]
async fn a_profile_change_is_seen_on_the_next_request() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    app.get(ME, user.token()).await;
    let changed = app
        .patch(ME, user.token(), json!({ "full_name": "New Name" }))
        .await;
    assert_eq!(changed.status, 200);
    assert_eq!(
        app.get(ME, user.token()).await.body["full_name"],
        "New Name"
    );
}

#[tokio::test]
async fn a_cached_user_who_is_deactivated_is_refused_on_the_next_request() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    app.get(ME, user.token()).await;
    assert!(cached_entry(&app, &user).is_some());
    app.deactivate(&user).await;
    let response = app.get(ME, user.token()).await;
    assert_eq!(response.status, 403);
    assert_eq!(response.detail(), "Inactive user");
}

#[tokio::test]
async fn a_cached_user_who_is_deleted_is_refused_on_the_next_request() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    app.get(ME, user.token()).await;
    assert_eq!(
        app.delete(&user_path(user.id), admin.token()).await.status,
        200
    );
    assert_eq!(app.get(ME, user.token()).await.status, 401);
}

#[tokio::test]
async fn a_superuser_promotion_is_seen_on_the_next_request() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    assert_eq!(app.get("/api/v1/users/", user.token()).await.status, 403);
    let promote = app
        .patch(
            &user_path(user.id),
            admin.token(),
            json!({ "is_superuser": true }),
        )
        .await;
    assert_eq!(promote.status, 200);
    assert_eq!(app.get("/api/v1/users/", user.token()).await.status, 200);
}

#[tokio::test]
async fn a_stale_entry_stored_by_a_racing_request_is_never_served() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    app.get(ME, user.token()).await;
    let active_entry = cached_entry(&app, &user).unwrap();
    app.deactivate(&user).await;
    // A request that read the user before the change stores its copy late.
    put_entry(&app, &user, &active_entry);
    assert_eq!(app.get(ME, user.token()).await.status, 403);
}

#[tokio::test]
async fn without_redis_requests_still_work_and_readiness_names_redis() {
    let app = TestApp::spawn_with(|config| {
        config.redis.url = secrecy::SecretString::from("redis://127.0.0.1:1/0");
    })
    .await;
    let user = app.new_user().await;
    assert_eq!(app.get(ME, user.token()).await.status, 200);
    app.deactivate(&user).await;
    assert_eq!(app.get(ME, user.token()).await.status, 403);

    let ready = app.get("/health/ready", None).await;
    assert_eq!(ready.status, 503);
    assert_eq!(ready.body["checks"]["redis"], "unavailable");
    assert_eq!(ready.body["checks"]["database"], "ok");
}

/// A Redis server of the test's own that requires a password; stopped when
/// dropped.
struct ProtectedRedis {
    process: std::process::Child,
    port: u16,
}

impl ProtectedRedis {
    const PASSWORD: &str = "test-redis-password";

    fn start() -> ProtectedRedis {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let process = std::process::Command::new("redis-server")
            .args([
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .args(["--requirepass", Self::PASSWORD])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("redis-server is installed (Debian package redis-server)");
        let server = ProtectedRedis { process, port };
        let url = format!("redis://:{}@127.0.0.1:{port}/0", Self::PASSWORD);
        let client = redis::Client::open(url).unwrap();
        // Wait for the process to accept connections (bounded, not a timing assertion).
        for _ in 0..200 {
            if let Ok(mut connection) = client.get_connection()
                && redis::cmd("PING").query::<String>(&mut connection).is_ok()
            {
                return server;
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        panic!("redis-server on port {port} did not start");
    }
}

impl Drop for ProtectedRedis {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

#[tokio::test]
async fn a_password_protected_redis_is_used_with_its_password() {
    let redis = ProtectedRedis::start();
    let port = redis.port;
    let app = TestApp::spawn_with(|config| {
        let url = format!("redis://:{}@127.0.0.1:{port}/0", ProtectedRedis::PASSWORD);
        config.redis.url = secrecy::SecretString::from(url);
    })
    .await;
    let user = app.new_user().await;
    assert_eq!(app.get(ME, user.token()).await.status, 200);
    assert_eq!(
        app.get("/health/ready", None).await.body["checks"]["redis"],
        "ok"
    );

    let url = format!("redis://:{}@127.0.0.1:{port}/0", ProtectedRedis::PASSWORD);
    let mut connection = redis::Client::open(url).unwrap().get_connection().unwrap();
    let key = format!("{}user:{}", app.redis.prefix, user.id);
    let cached: Option<String> = redis::cmd("GET").arg(key).query(&mut connection).unwrap();
    assert!(
        cached.is_some(),
        "the user was cached in the protected Redis"
    );
}

#[tokio::test]
async fn a_wrong_redis_password_shows_in_readiness_and_requests_still_work() {
    let redis = ProtectedRedis::start();
    let port = redis.port;
    let app = TestApp::spawn_with(|config| {
        config.redis.url =
            secrecy::SecretString::from(format!("redis://:wrong@127.0.0.1:{port}/0"));
    })
    .await;
    let user = app.new_user().await;
    assert_eq!(app.get(ME, user.token()).await.status, 200);
    let ready = app.get("/health/ready", None).await;
    assert_eq!(ready.status, 503);
    assert_eq!(ready.body["checks"]["redis"], "unavailable");
}

/// A change that could not reach Redis is made good as soon as Redis
/// answers again, for every API process: not only when the process that
/// made it serves its next request.
#[tokio::test]
async fn a_change_made_during_a_redis_outage_is_seen_by_the_other_processes_when_it_ends() {
    let other = TestApp::spawn().await;
    let user = other.new_user().await;
    assert_eq!(other.get(ME, user.token()).await.status, 200);
    assert!(cached_entry(&other, &user).is_some());

    let mut proxy = crate::support::TcpProxy::to_redis().await;
    let url = proxy.redis_url();
    let changing = other
        .spawn_beside(|config| config.redis.url = url.into())
        .await;
    proxy.stop();
    changing.deactivate(&user).await;
    proxy.resume().await;

    // No request to `changing` from here on.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let status = other.get(ME, user.token()).await.status;
        if status == 403 {
            break;
        }
        assert_eq!(status, 200);
        assert!(
            std::time::Instant::now() < deadline,
            "the other process still serves the deactivated user from its cache"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

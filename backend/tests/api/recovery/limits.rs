//! Recovery requests the API does not take: past a rate limit (429, nothing
//! queued), or while the job queue's Redis is down (503).

use std::time::Duration;

use app::config::Config;

use crate::rate_limit::{CASE_VARIANTS, case_variant};
use crate::support::{TestApp, TestResponse, assert_error_envelope, unique_email};

const WINDOW: Duration = Duration::from_secs(60);

/// Two requests per email and three per client a minute; `127.0.0.1` (the
/// tests' own address) is a trusted proxy, so clients are told apart by
/// `X-Forwarded-For`.
fn small_limits(config: &mut Config) {
    config.rate_limits.password_recovery_per_email.max = 2;
    config.rate_limits.password_recovery_per_email.window = WINDOW;
    config.rate_limits.password_recovery_per_ip.max = 3;
    config.rate_limits.password_recovery_per_ip.window = WINDOW;
    config.trusted_proxies = "127.0.0.1".parse().unwrap();
}

impl TestApp {
    async fn recover_from(&self, client: &str, email: &str) -> TestResponse {
        let path = format!("/api/v1/password-recovery/{email}");
        let request = self
            .http
            .post(self.url(&path))
            .header("x-forwarded-for", client);
        self.send(request).await
    }
}

fn assert_rate_limited(response: &TestResponse) {
    assert_error_envelope(response, 429);
    let retry_after: u64 = response
        .header("retry-after")
        .expect("a Retry-After header")
        .parse()
        .expect("Retry-After in whole seconds");
    assert!(
        (1..=WINDOW.as_secs()).contains(&retry_after),
        "{retry_after}"
    );
}

#[tokio::test]
async fn past_the_per_email_limit_requests_are_refused_whatever_the_client_or_case() {
    let app = TestApp::spawn_with(small_limits).await;
    let email = unique_email();
    for client in ["198.51.100.1", "198.51.100.2"] {
        assert_eq!(app.recover_from(client, &email).await.status, 200);
    }
    assert_rate_limited(&app.recover_from("198.51.100.3", &email).await);
    assert_rate_limited(
        &app.recover_from("198.51.100.4", &email.to_uppercase())
            .await,
    );
    let other = app.recover_from("198.51.100.3", &unique_email()).await;
    assert_eq!(other.status, 200, "{}", other.text);
    assert_eq!(
        app.queue_stats().await.ready,
        3,
        "refused requests queue nothing"
    );
}

#[tokio::test]
async fn the_per_email_limit_covers_every_spelling_that_reaches_the_same_account() {
    let app = TestApp::spawn_with(small_limits).await;
    for (n, pattern) in CASE_VARIANTS.into_iter().enumerate() {
        let (email, variant) = case_variant(pattern);
        let signup = app.signup(&email, "user-password-123").await;
        assert_eq!(signup.status, 201, "{email}: {}", signup.text);
        let client = |attempt: usize| format!("198.51.100.{}", n * 10 + attempt);
        for attempt in 0..2 {
            let response = app.recover_from(&client(attempt), &email).await;
            assert_eq!(response.status, 200, "{email}: {}", response.text);
        }
        let queued = app.queue_stats().await.ready;
        let refused = app.recover_from(&client(2), &variant).await;
        assert_eq!(
            refused.status, 429,
            "{variant} (account {email}): {}",
            refused.text
        );
        assert_rate_limited(&refused);
        assert_eq!(
            app.queue_stats().await.ready,
            queued,
            "{variant} queued a job"
        );
    }
}

#[tokio::test]
async fn past_the_per_client_limit_requests_are_refused_but_other_clients_are_not() {
    let app = TestApp::spawn_with(small_limits).await;
    for _ in 0..3 {
        let response = app.recover_from("198.51.100.1", &unique_email()).await;
        assert_eq!(response.status, 200, "{}", response.text);
    }
    assert_rate_limited(&app.recover_from("198.51.100.1", &unique_email()).await);
    let other = app.recover_from("198.51.100.2", &unique_email()).await;
    assert_eq!(other.status, 200, "{}", other.text);
    let metrics = app.get("/metrics", None).await.text;
    assert!(
        metrics.contains(r#"rate_limited_total{limit="password_recovery_ip"}"#),
        "{metrics}"
    );
}

#[tokio::test]
async fn without_redis_recovery_is_a_503_for_known_and_unknown_emails_alike() {
    let app = TestApp::spawn_with(|config| {
        config.redis.url = secrecy::SecretString::from("redis://127.0.0.1:1/0");
    })
    .await;
    let user = app.quiet_user().await;
    let known = app.recover_password(&user.email).await;
    let unknown = app.recover_password(&unique_email()).await;
    for response in [&known, &unknown] {
        assert_error_envelope(response, 503);
        assert_eq!(
            response.detail(),
            "The job queue is unavailable; try again shortly"
        );
    }
    assert_eq!(known.text, unknown.text);
}

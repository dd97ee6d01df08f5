//! Rate limits on login and signup: a 429 with `Retry-After` past the limit,
//! per client IP (taken from `X-Forwarded-For` only behind a trusted proxy)
//! and per email, counted in each process while Redis is down.
//!
//! The windows end in the year 2286, so no test ever straddles two.

use std::time::Duration;

use app::config::Config;
use serde_json::json;

use crate::support::paths::SIGNUP;
use crate::support::{TestApp, TestResponse, TestUser, unique_email};

const LOGIN: &str = "/api/v1/login/access-token";
const LONG: Duration = Duration::from_secs(10_000_000_000);

/// Small limits; `127.0.0.1` (the tests' own address) is a trusted proxy.
fn small_limits(config: &mut Config) {
    config.rate_limits.login_per_ip.max = 3;
    config.rate_limits.login_per_ip.window = LONG;
    config.rate_limits.login_per_email.max = 2;
    config.rate_limits.login_per_email.window = LONG;
    config.rate_limits.signup_per_ip.max = 2;
    config.rate_limits.signup_per_ip.window = LONG;
    config.trusted_proxies = "127.0.0.1".parse().unwrap();
}

impl TestApp {
    /// A login attempt whose request claims to be forwarded for `client`.
    async fn login_from(&self, client: &str, email: &str, password: &str) -> TestResponse {
        let form = [("username", email), ("password", password)];
        let request = self
            .http
            .post(self.url(LOGIN))
            .header("x-forwarded-for", client)
            .form(&form);
        self.send(request).await
    }

    async fn signup_from(&self, client: &str) -> TestResponse {
        let body = json!({ "email": unique_email(), "password": "signup-password" });
        let request = self
            .http
            .post(self.url(SIGNUP))
            .header("x-forwarded-for", client)
            .json(&body);
        self.send(request).await
    }

    async fn auth_token_count(&self) -> i64 {
        let mut db = self.db.connect().await;
        sqlx::query_scalar("SELECT count(*) FROM auth_tokens")
            .fetch_one(&mut db)
            .await
            .unwrap()
    }
}

fn assert_rate_limited(response: &TestResponse, window: Duration) {
    assert_eq!(response.status, 429, "{}", response.text);
    let retry_after: u64 = response
        .header("retry-after")
        .expect("a Retry-After header")
        .parse()
        .expect("Retry-After in whole seconds");
    assert!(
        (1..=window.as_secs()).contains(&retry_after),
        "{retry_after}"
    );
    assert_eq!(
        response.detail(),
        format!("Too many attempts; try again in {retry_after} seconds")
    );
    assert_eq!(
        response.header("content-type"),
        Some("application/problem+json")
    );
}

#[tokio::test]
async fn login_past_the_per_ip_limit_is_refused_with_retry_after_but_other_clients_are_not() {
    let app = TestApp::spawn_with(small_limits).await;
    for _ in 0..3 {
        let response = app
            .login_from("198.51.100.1", &unique_email(), "wrong-password")
            .await;
        assert_eq!(response.status, 400, "{}", response.text);
    }
    let refused = app
        .login_from("198.51.100.1", &unique_email(), "wrong-password")
        .await;
    assert_rate_limited(&refused, LONG);
    let metrics = app.get("/metrics", None).await.text;
    assert!(metrics.contains(r#"rate_limited_total{limit="login_ip"}"#));

    let user = app.new_user().await;
    let other = app
        .login_from("198.51.100.2", &user.email, &user.password)
        .await;
    assert_eq!(other.status, 200, "{}", other.text);
}

#[tokio::test]
async fn the_per_email_limit_applies_across_ips_and_letter_case() {
    let app = TestApp::spawn_with(small_limits).await;
    let user = app.new_user().await;
    assert_eq!(
        app.login_from("198.51.100.1", &user.email, "wrong-1")
            .await
            .status,
        400
    );
    // `new_user` logged in once already, so the email is now at its limit.
    let shouting = user.email.to_uppercase();
    let refused = app
        .login_from("198.51.100.2", &shouting, &user.password)
        .await;
    assert_rate_limited(&refused, LONG);
    let other = app.new_user().await;
    assert_eq!(
        app.login_from("198.51.100.2", &other.email, &other.password)
            .await
            .status,
        200
    );
}

/// Addresses that PostgreSQL's `lower()` maps onto the same account while a
/// naive lowercasing may not (`{}` is replaced by a unique tag): a dotted
/// capital I, a capital sigma at the end of a word, the Kelvin sign, the
/// capital sharp s. Each pair is (the account's email, a variant of it).
pub const CASE_VARIANTS: [(&str, &str); 4] = [
    ("tim-{}@example.com", "T\u{130}M-{}@EXAMPLE.COM"),
    (
        "\u{3c3}\u{3b1}\u{3c3}-{}@example.com",
        "\u{3a3}\u{391}\u{3a3}-{}@example.com",
    ),
    ("kim-{}@example.com", "\u{212a}IM-{}@example.com"),
    ("stra\u{df}e-{}@example.com", "STRA\u{1e9e}E-{}@example.com"),
];

/// The `(account, variant)` emails of `pattern`, with a fresh tag.
pub fn case_variant((account, variant): (&str, &str)) -> (String, String) {
    let tag = uuid::Uuid::new_v4().simple().to_string();
    (account.replace("{}", &tag), variant.replace("{}", &tag))
}

#[tokio::test]
async fn the_per_email_limit_covers_every_spelling_that_reaches_the_same_account() {
    let app = TestApp::spawn_with(|config| {
        small_limits(config);
        config.rate_limits.signup_per_ip.max = 100;
    })
    .await;
    let password = "user-password-123";
    for (n, pattern) in CASE_VARIANTS.into_iter().enumerate() {
        let (email, variant) = case_variant(pattern);
        let signup = app.signup(&email, password).await;
        assert_eq!(signup.status, 201, "{email}: {}", signup.text);
        // The variant reaches the account (a fresh email has its budget).
        let client = |attempt: usize| format!("198.51.100.{}", n * 10 + attempt);
        let through = app.login_from(&client(0), &variant, password).await;
        assert_eq!(through.status, 200, "{variant}: {}", through.text);
        // One more attempt with the account's own spelling exhausts the limit.
        let wrong = app.login_from(&client(1), &email, "wrong").await;
        assert_eq!(wrong.status, 400, "{email}: {}", wrong.text);
        for (attempt, spelling) in [(2, &variant), (3, &email)] {
            let refused = app.login_from(&client(attempt), spelling, password).await;
            assert_eq!(
                refused.status, 429,
                "{spelling} (account {email}): {}",
                refused.text
            );
            assert_rate_limited(&refused, LONG);
        }
    }
}

#[tokio::test]
async fn a_spoofed_x_forwarded_for_from_an_untrusted_peer_does_not_escape_the_limit() {
    let app = TestApp::spawn_with(|config| {
        small_limits(config);
        config.trusted_proxies = Default::default();
    })
    .await;
    for n in 1..=3 {
        let client = format!("198.51.100.{n}");
        assert_eq!(
            app.login_from(&client, &unique_email(), "wrong")
                .await
                .status,
            400
        );
    }
    let refused = app
        .login_from("198.51.100.4", &unique_email(), "wrong")
        .await;
    assert_rate_limited(&refused, LONG);
}

#[tokio::test]
async fn a_rate_limited_login_issues_nothing_even_with_the_right_password() {
    let app = TestApp::spawn_with(small_limits).await;
    let user: TestUser = app.new_user().await;
    assert_eq!(
        app.login_from("198.51.100.1", &user.email, "wrong")
            .await
            .status,
        400
    );
    let tokens = app.auth_token_count().await;
    let refused = app
        .login_from("198.51.100.1", &user.email, &user.password)
        .await;
    assert_rate_limited(&refused, LONG);
    assert!(refused.body.get("access_token").is_none());
    assert_eq!(app.auth_token_count().await, tokens);
    // The account and its sessions are untouched.
    assert_eq!(app.get("/api/v1/users/me", user.token()).await.status, 200);
    assert_eq!(app.refresh(&user.refresh_token).await.status, 200);
}

#[tokio::test]
async fn the_counters_live_in_redis_under_the_apps_prefix() {
    let app = TestApp::spawn_with(small_limits).await;
    app.login_from("198.51.100.1", "Someone@Example.com", "wrong")
        .await;
    let mut connection = app.redis.connection();
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg(format!("{}rate:*", app.redis.prefix))
        .query(&mut connection)
        .unwrap();
    assert_eq!(keys.len(), 2, "{keys:?}");
    let ip_key = format!("{}rate:login_ip:198.51.100.1:", app.redis.prefix);
    assert!(keys.iter().any(|key| key.starts_with(&ip_key)), "{keys:?}");
    assert!(
        keys.iter()
            .all(|key| !key.to_lowercase().contains("someone"))
    );
    let ttl: i64 = redis::cmd("TTL")
        .arg(&keys[0])
        .query(&mut connection)
        .unwrap();
    assert!((1..=LONG.as_secs() as i64).contains(&ttl), "{ttl}");
}

#[tokio::test]
async fn signup_past_the_per_ip_limit_is_refused_and_creates_nobody() {
    let app = TestApp::spawn_with(small_limits).await;
    for _ in 0..2 {
        assert_eq!(app.signup_from("198.51.100.1").await.status, 201);
    }
    let users = app.user_count().await;
    let refused = app.signup_from("198.51.100.1").await;
    assert_rate_limited(&refused, LONG);
    assert_eq!(app.user_count().await, users);
    assert_eq!(app.signup_from("198.51.100.2").await.status, 201);
}

/// While Redis is unreachable (here from the start: the app starts all the
/// same) each process counts attempts itself, against the same limits.
#[tokio::test]
async fn without_redis_the_limits_still_apply_counted_in_the_process() {
    let app = TestApp::spawn_with(|config| {
        small_limits(config);
        config.redis.url = secrecy::SecretString::from("redis://127.0.0.1:1/0");
    })
    .await;
    assert_eq!(app.get("/health/ready", None).await.status, 503);

    for _ in 0..2 {
        assert_eq!(app.signup_from("198.51.100.1").await.status, 201);
    }
    assert_rate_limited(&app.signup_from("198.51.100.1").await, LONG);
    assert_eq!(app.signup_from("198.51.100.2").await.status, 201);

    // Per client IP...
    for _ in 0..3 {
        let response = app
            .login_from("198.51.100.3", &unique_email(), "wrong")
            .await;
        assert_eq!(response.status, 400, "{}", response.text);
    }
    assert_rate_limited(
        &app.login_from("198.51.100.3", &unique_email(), "wrong")
            .await,
        LONG,
    );
    // ...and per email, whatever the client.
    let email = unique_email();
    for client in ["198.51.100.4", "198.51.100.5"] {
        let response = app.login_from(client, &email, "wrong").await;
        assert_eq!(response.status, 400, "{}", response.text);
    }
    assert_rate_limited(&app.login_from("198.51.100.6", &email, "wrong").await, LONG);
    let metrics = app.get("/metrics", None).await.text;
    assert!(metrics.contains(r#"rate_limited_total{limit="login_email"}"#));
}

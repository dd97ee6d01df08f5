//! `TRUSTED_PROXIES` may name the proxy in front by host name (the Compose
//! service `nginx`): its `X-Forwarded-For` is then believed, and no other
//! peer's.

use std::time::Duration;

use app::config::Config;

use crate::support::{TestApp, TestResponse, unique_email};

const LOGIN: &str = "/api/v1/login/access-token";

async fn login_from(app: &TestApp, client: &str) -> TestResponse {
    let form = [("username", unique_email()), ("password", "wrong".into())];
    let request = app
        .http
        .post(app.url(LOGIN))
        .header("x-forwarded-for", client)
        .form(&form);
    app.send(request).await
}

fn one_login_per_client(config: &mut Config, trusted: &str) {
    config.rate_limits.login_per_ip.max = 1;
    config.rate_limits.login_per_ip.window = Duration::from_secs(3600);
    config.trusted_proxies = trusted.parse().unwrap();
}

#[tokio::test]
async fn a_proxy_named_by_host_name_is_trusted() {
    let app = TestApp::spawn_with(|config| one_login_per_client(config, "localhost")).await;
    assert_eq!(login_from(&app, "198.51.100.1").await.status, 400);
    assert_eq!(login_from(&app, "198.51.100.1").await.status, 429);
    // Another client behind the same proxy has its own budget.
    assert_eq!(login_from(&app, "198.51.100.2").await.status, 400);
}

#[tokio::test]
async fn a_host_name_that_is_not_the_peer_trusts_nothing() {
    let app = TestApp::spawn_with(|config| {
        one_login_per_client(config, "proxy.invalid, 10.0.0.0/8");
    })
    .await;
    assert_eq!(login_from(&app, "198.51.100.1").await.status, 400);
    // The forged header is ignored: the peer itself is out of logins.
    assert_eq!(login_from(&app, "198.51.100.2").await.status, 429);
}

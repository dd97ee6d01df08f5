//! Request integrity: a request that changes state has all of its effects
//! or none, whatever its client does, and a job that belongs to a database
//! change is queued with it or not at all (the outbox), even through a
//! Redis outage.

use std::time::Duration;

use serde_json::json;
use tokio::io::AsyncWriteExt;

use crate::support::{
    MAIL_WAIT, Mailroom, TcpProxy, TestApp, TestSmtp, TestWorker, unique_email, wait_until,
};

async fn user_exists(app: &TestApp, email: &str) -> bool {
    let mut db = app.db.connect().await;
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE email = $1)")
        .bind(email)
        .fetch_one(&mut db)
        .await
        .unwrap()
}

/// Sends a signup over a raw connection and closes it after `after`.
async fn abandoned_signup(app: &TestApp, email: &str, after: Duration) {
    let address = app.address.trim_start_matches("http://");
    let body = json!({ "email": email, "password": "abandoned-pass-1" }).to_string();
    let request = format!(
        "POST /api/v1/users/signup HTTP/1.1\r\nHost: {address}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    tokio::time::sleep(after).await;
    drop(stream);
}

#[tokio::test]
async fn a_signup_abandoned_by_its_client_still_completes_with_its_email() {
    let app = TestApp::spawn_with(|config| config.email.signup_welcome = true).await;
    let mail = Mailroom::open(&app).await;
    let mut emails = Vec::new();
    for after_ms in [1, 5, 20] {
        let email = unique_email();
        abandoned_signup(&app, &email, Duration::from_millis(after_ms)).await;
        emails.push(email);
    }
    for email in &emails {
        wait_until(MAIL_WAIT, || user_exists(&app, email)).await;
    }
    let received = mail.smtp.wait_for_messages(emails.len(), MAIL_WAIT).await;
    for email in &emails {
        let welcomed = received.iter().filter(|e| e.rcpt_tos == [email.as_str()]);
        assert_eq!(welcomed.count(), 1, "{email}: {received:#?}");
    }
}

#[tokio::test]
async fn a_new_account_email_is_not_lost_when_redis_is_down_at_signup() {
    let mut proxy = TcpProxy::to_redis().await;
    let url = proxy.redis_url();
    let app = TestApp::spawn_with(|config| {
        config.redis.url = url.into();
        config.email.signup_welcome = true;
    })
    .await;
    let smtp = TestSmtp::start().await;
    let email_config = smtp.email_config();
    let _worker = TestWorker::spawn_with(&app, |config| config.email = email_config).await;

    proxy.stop();
    let email = unique_email();
    let response = app.signup(&email, "outbox-password-1").await;
    assert_eq!(response.status, 201, "{}", response.text);
    assert_eq!(app.outbox_size().await, 1, "staged with the account");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(smtp.received().is_empty());

    proxy.resume().await;
    let received = smtp.wait_for_messages(1, MAIL_WAIT).await;
    assert_eq!(received.len(), 1, "{received:#?}");
    assert_eq!(received[0].rcpt_tos, [email.as_str()]);
    wait_until(MAIL_WAIT, || async { app.outbox_size().await == 0 }).await;
}

#[tokio::test]
async fn a_refused_signup_stages_no_job() {
    let mut proxy = TcpProxy::to_redis().await;
    let url = proxy.redis_url();
    let app = TestApp::spawn_with(|config| {
        config.redis.url = url.into();
        config.email.signup_welcome = true;
    })
    .await;
    let user = app.quiet_user().await;
    proxy.stop();
    let duplicate = app.signup(&user.email, "outbox-password-1").await;
    assert_eq!(duplicate.status, 400, "{}", duplicate.text);
    let weak = app.signup(&unique_email(), "short").await;
    assert_eq!(weak.status, 422, "{}", weak.text);
    assert_eq!(app.outbox_size().await, 0);
}

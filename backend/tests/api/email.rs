//! Email through a real SMTP server process: what `Mailer` sends is what a
//! mail server receives, and failures say what went wrong.

use std::time::Duration;

use app::config::{Config, EmailConfig, Environment, SmtpConfig};
use app::email::{EmailMessage, Mailer, templates};

use crate::support::{
    RESET_LINK, ReceivedEmail, TestApp, TestSmtp, TestUser, WorkerProcess, assert_password_is,
    test_config,
};

const WAIT: Duration = Duration::from_secs(10);

/// The templates need a `Config`; no database is touched.
fn config() -> Config {
    test_config(sqlx::postgres::PgConnectOptions::new())
}

/// Sends one message through `smtp` and returns it as received.
async fn deliver(smtp: &TestSmtp, message: &EmailMessage) -> ReceivedEmail {
    let mailer = Mailer::new(&smtp.email_config(), Environment::Production).unwrap();
    mailer.send(message).await.expect("the email is sent");
    smtp.wait_for_messages(1, WAIT).await.remove(0)
}

fn assert_sent_to(email: &ReceivedEmail, to: &str) {
    assert_eq!(email.rcpt_tos, [to]);
    assert_eq!(email.mail_from, "noreply@example.com");
    assert_eq!(email.from, "Full Stack Rust <noreply@example.com>");
    let text = email
        .raw
        .find("Content-Type: text/plain")
        .expect("a text part");
    let html = email
        .raw
        .find("Content-Type: text/html")
        .expect("an html part");
    assert!(email.raw.contains("multipart/alternative"), "{}", email.raw);
    assert!(text < html, "the plain text comes first:\n{}", email.raw);
}

#[tokio::test]
async fn the_new_account_email_arrives_with_the_username_and_a_link() {
    let smtp = TestSmtp::start().await;
    let message = templates::new_account(&config(), "ann@example.com", "ann");
    let email = deliver(&smtp, &message).await;
    assert_sent_to(&email, "ann@example.com");
    assert_eq!(email.subject, "Full Stack Rust - New account for user ann");
    assert!(email.text.contains("ann") && email.html.contains("ann"));
    assert_eq!(
        email.first_link("http://localhost:3000").as_deref(),
        Some("http://localhost:3000")
    );
    assert!(email.html.contains(r#"href="http://localhost:3000""#));
}

#[test]
fn the_new_account_email_never_mentions_a_password() {
    // The FastAPI template mailed the new user's password; this app has no way to.
    let message = templates::new_account(&config(), "ann@example.com", "ann");
    for part in [&message.text, &message.html] {
        assert!(!part.to_lowercase().contains("password"), "{part}");
    }
}

#[tokio::test]
async fn the_reset_email_carries_the_token_in_both_parts() {
    let smtp = TestSmtp::start().await;
    let message = templates::reset_password(&config(), "ann@example.com", "tok+en/1=");
    let email = deliver(&smtp, &message).await;
    assert_sent_to(&email, "ann@example.com");
    assert_eq!(
        email.subject,
        "Full Stack Rust - Password recovery for user ann@example.com"
    );
    let link = "http://localhost:3000/reset-password?token=tok%2Ben%2F1%3D";
    assert_eq!(
        email.first_link("http://localhost:3000/").as_deref(),
        Some(link)
    );
    assert!(
        email.html.contains(&format!(r#"href="{link}""#)),
        "{}",
        email.html
    );
    assert!(email.text.contains("valid for 48 hours"));
    assert!(email.html.contains("valid for 48 hours"));
}

#[tokio::test]
async fn the_test_email_arrives() {
    let smtp = TestSmtp::start().await;
    let email = deliver(&smtp, &templates::test_email(&config(), "ops@example.com")).await;
    assert_sent_to(&email, "ops@example.com");
    assert_eq!(email.subject, "Full Stack Rust - Test email");
    assert!(email.text.contains("ops@example.com"));
}

#[tokio::test]
async fn html_escapes_a_hostile_username() {
    let smtp = TestSmtp::start().await;
    let hostile = "<script>alert(1)</script>";
    let email = deliver(
        &smtp,
        &templates::new_account(&config(), "ann@example.com", hostile),
    )
    .await;
    assert!(!email.html.contains("<script>"), "{}", email.html);
    assert!(email.html.contains("&#60;script&#62;"), "{}", email.html);
    assert!(email.text.contains(hostile), "plain text needs no escaping");
}

#[tokio::test]
async fn a_closed_port_is_an_error_naming_the_server() {
    let port = closed_port();
    let config = EmailConfig {
        smtp: Some(SmtpConfig {
            host: "127.0.0.1".into(),
            port,
            user: None,
            password: None,
            starttls: false,
            ssl: false,
        }),
        ..EmailConfig::default()
    };
    let mailer = Mailer::new(&config, Environment::Production).unwrap();
    let message = templates::test_email(&self::config(), "ops@example.com");
    let err = mailer.send(&message).await.unwrap_err().to_string();
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(err.contains("refused the connection"), "{err}");
}

#[tokio::test]
async fn a_transient_rejection_is_an_error_and_the_retry_goes_through() {
    let smtp = TestSmtp::start_failing_first(1).await;
    let mailer = Mailer::new(&smtp.email_config(), Environment::Production).unwrap();
    let message = templates::test_email(&config(), "ops@example.com");
    let err = mailer.send(&message).await.unwrap_err().to_string();
    assert!(
        err.contains("451") && err.contains("Try again later"),
        "{err}"
    );
    assert!(smtp.received().is_empty());
    mailer.send(&message).await.expect("the retry is accepted");
    assert_eq!(smtp.wait_for_messages(1, WAIT).await.len(), 1);
}

#[tokio::test]
async fn without_an_smtp_server_emails_are_only_logged() {
    let config = EmailConfig {
        smtp: None,
        ..EmailConfig::default()
    };
    let mailer = Mailer::new(&config, Environment::Development).unwrap();
    let message = templates::test_email(&self::config(), "ops@example.com");
    mailer.send(&message).await.expect("logging never fails");
}

/// A loopback port nothing listens on: bound, then released.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A user, and what the `app worker` process logs (its stdout) for their
/// password-recovery email, sent without an SMTP server in `environment`.
async fn worker_log_of_a_recovery_email(app: &TestApp, environment: &str) -> (TestUser, String) {
    let log = std::env::temp_dir().join(format!("worker-{}.log", uuid::Uuid::new_v4()));
    // At the most verbose level: no level may log what an environment must not.
    let env = [
        ("ENVIRONMENT", environment),
        ("LOG_LEVEL", "DEBUG"),
        ("SECRET_KEY", crate::support::SECRET_KEY),
    ];
    let worker =
        WorkerProcess::start_logging(app, &env, std::fs::File::create(&log).unwrap()).await;
    let user = app.quiet_user().await;
    assert_eq!(app.recover_password(&user.email).await.status, 200);
    app.wait_for_jobs().await;
    drop(worker);
    let text = std::fs::read_to_string(&log).unwrap();
    std::fs::remove_file(&log).unwrap();
    assert!(
        text.contains(&user.email),
        "the email was not logged: {text}"
    );
    (user, text)
}

#[tokio::test(flavor = "multi_thread")]
async fn without_smtp_development_logs_the_whole_email_with_its_link() {
    let app = TestApp::spawn().await;
    let (user, log) = worker_log_of_a_recovery_email(&app, "development").await;
    assert!(log.contains(&format!("To: {}", user.email)), "{log}");
    assert!(log.contains("Subject: "), "{log}");
    assert!(log.contains("---------- end of email ----------"), "{log}");
    let link = log
        .split_whitespace()
        .find(|word| word.starts_with(RESET_LINK))
        .unwrap_or_else(|| panic!("no reset link in the log:\n{log}"));
    // The logged link is whole: its token resets the password.
    let reset = app
        .reset_password(&link[RESET_LINK.len()..], "a-password-from-the-log")
        .await;
    assert_eq!(reset.status, 200, "{}", reset.text);
    assert_password_is(&app, &user, "a-password-from-the-log", &user.password).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn without_smtp_production_logs_only_the_recipient_and_subject() {
    let app = TestApp::spawn().await;
    let (_, log) = worker_log_of_a_recovery_email(&app, "production").await;
    assert!(log.contains("SMTP is not configured"), "{log}");
    assert!(log.contains("\"subject\""), "{log}");
    for secret in ["reset-password", "token="] {
        assert!(!log.contains(secret), "{secret:?} in the log:\n{log}");
    }
}

//! The new-account email: sent to whoever a superuser makes an account for,
//! on sign-up only with `SIGNUP_WELCOME_EMAIL` on, and never carrying the
//! password.

use serde_json::json;

use crate::support::paths::USERS;
use crate::support::{Mailroom, RESET_LINK, ReceivedEmail, TestApp, to_header, unique_email};

const PASSWORD: &str = "Welcome-Secret-Pass-42";

/// The one email `email` received: the new-account email, which nowhere
/// (headers, raw body or decoded parts) shows the password.
fn assert_welcomed(app: &TestApp, emails: &[ReceivedEmail], email: &str) {
    assert_eq!(emails.len(), 1, "{emails:#?}");
    let welcome = &emails[0];
    assert_eq!(welcome.rcpt_tos, [email]);
    assert_eq!(to_header(welcome), [email]);
    let subject = format!("{} - New account for user {email}", app.config.project_name);
    assert_eq!(welcome.subject, subject);
    for part in [&welcome.raw, &welcome.text, &welcome.html] {
        assert!(!part.contains(PASSWORD), "the password leaked:\n{part}");
    }
}

/// As the FastAPI full-stack template does: a client that signs up, then
/// asks for a reset link, finds that link in the only email received.
#[tokio::test]
async fn signing_up_sends_no_email_by_default() {
    let app = TestApp::spawn().await;
    let mail = Mailroom::open(&app).await;
    let email = unique_email();
    let response = app.signup(&email, PASSWORD).await;
    assert_eq!(response.status, 201, "{}", response.text);
    assert!(mail.settled(&app).await.is_empty());

    let recovery = app.recover_password(&email).await;
    assert_eq!(recovery.status, 200, "{}", recovery.text);
    let emails = mail.settled(&app).await;
    assert_eq!(emails.len(), 1, "{emails:#?}");
    assert_eq!(emails[0].rcpt_tos, [email.as_str()]);
    assert!(emails[0].first_link(RESET_LINK).is_some(), "{emails:#?}");
}

#[tokio::test]
async fn signing_up_with_the_welcome_setting_on_sends_a_new_account_email_without_the_password() {
    let app = TestApp::spawn_with(|config| config.email.signup_welcome = true).await;
    let mail = Mailroom::open(&app).await;
    let email = unique_email();
    let response = app.signup(&email, PASSWORD).await;
    assert_eq!(response.status, 201, "{}", response.text);
    assert_welcomed(&app, &mail.settled(&app).await, &email);
}

#[tokio::test]
async fn an_account_made_by_the_superuser_gets_a_new_account_email_without_the_password() {
    let app = TestApp::spawn().await;
    let mail = Mailroom::open(&app).await;
    let admin = app.superuser().await;
    let email = unique_email();
    let body = json!({ "email": email, "password": PASSWORD, "full_name": "Made By Admin" });
    let response = app.post(USERS, admin.token(), body).await;
    assert_eq!(response.status, 201, "{}", response.text);
    assert_welcomed(&app, &mail.settled(&app).await, &email);
}

#[tokio::test]
async fn a_refused_signup_sends_no_email() {
    let app = TestApp::spawn_with(|config| config.email.signup_welcome = true).await;
    let mail = Mailroom::open(&app).await;
    let existing = app.quiet_user().await;
    let duplicate = app.signup(&existing.email, PASSWORD).await;
    assert_eq!(duplicate.status, 400, "{}", duplicate.text);
    let weak = app.signup(&unique_email(), "short").await;
    assert_eq!(weak.status, 422, "{}", weak.text);
    assert!(mail.settled(&app).await.is_empty());
}

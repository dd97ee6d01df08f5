//! `POST /password-recovery-html-content/{email}`: the superuser's preview
//! of the recovery email, with a link that really works.

use super::recovery_subject;
use crate::support::{
    TestApp, assert_error_envelope, assert_password_is, assert_unauthorized, token_in_html,
};

#[tokio::test]
async fn the_superuser_gets_the_recovery_html_with_a_working_link() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.quiet_user().await;

    let response = app.recovery_html(&user.email, admin.token()).await;
    assert_eq!(response.status, 200, "{}", response.text);
    let content_type = response.header("content-type").unwrap_or_default();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert_eq!(
        response.header("subject"),
        Some(recovery_subject(&app, &user.email).as_str())
    );
    assert!(response.text.contains("<html"), "{}", response.text);

    let token = token_in_html(&response.text);
    let reset = app.reset_password(&token, "previewed-password-1").await;
    assert_eq!(reset.status, 200, "{}", reset.text);
    assert_password_is(&app, &user, "previewed-password-1", &user.password).await;
}

#[tokio::test]
async fn an_ordinary_user_is_refused_and_no_token_is_issued() {
    let app = TestApp::spawn().await;
    let user = app.quiet_user().await;
    for email in [user.email.as_str(), "admin@example.com"] {
        let response = app.recovery_html(email, user.token()).await;
        assert_error_envelope(&response, 403);
    }
    assert_eq!(app.reset_token_count().await, 0);
}

#[tokio::test]
async fn an_unknown_email_is_a_404() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let response = app.recovery_html("nobody@example.com", admin.token()).await;
    assert_error_envelope(&response, 404);
    assert_eq!(
        response.detail(),
        "The user with this username does not exist in the system."
    );
    assert_eq!(app.reset_token_count().await, 0);
}

#[tokio::test]
async fn without_a_token_the_answer_is_401() {
    let app = TestApp::spawn().await;
    let user = app.quiet_user().await;
    assert_unauthorized(&app.recovery_html(&user.email, None).await);
    assert_unauthorized(&app.recovery_html(&user.email, Some("not-a-jwt")).await);
    assert_eq!(app.reset_token_count().await, 0);
}

#[tokio::test]
async fn the_email_is_checked_and_trimmed_as_everywhere_else() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.quiet_user().await;

    let malformed = app.recovery_html("not-an-email", admin.token()).await;
    assert_error_envelope(&malformed, 422);
    assert_eq!(malformed.error_fields(), ["email"]);
    assert_eq!(app.reset_token_count().await, 0);

    let padded = format!(" {}\t", user.email);
    let response = app.recovery_html(&padded, admin.token()).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(app.reset_token_count().await, 1);
}

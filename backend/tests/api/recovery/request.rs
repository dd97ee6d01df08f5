//! `POST /password-recovery/{email}`: one answer for every well-formed
//! email; the email with a working link goes only to active users.

use serde_json::json;

use super::{INVALID_TOKEN, RECOVERY_ANSWER, recovery_subject};
use crate::support::{
    Mailroom, RESET_LINK, TestApp, assert_password_is, assert_unauthorized, reset_token, to_header,
    unique_email,
};

#[tokio::test]
async fn a_registered_user_gets_one_email_whose_link_resets_the_password_once() {
    let app = TestApp::spawn().await;
    let mail = Mailroom::open(&app).await;
    let user = app.quiet_user().await;

    let response = app.recover_password(&user.email).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body, json!({ "message": RECOVERY_ANSWER }));

    let emails = mail.settled(&app).await;
    assert_eq!(emails.len(), 1, "{emails:#?}");
    let email = &emails[0];
    assert_eq!(email.rcpt_tos, [user.email.as_str()]);
    assert_eq!(to_header(email), [user.email.as_str()]);
    assert_eq!(email.subject, recovery_subject(&app, &user.email));
    let link = email.first_link(RESET_LINK).expect("a link in the text");
    assert!(
        email.html.contains(&format!(r#"href="{link}""#)),
        "the HTML part has the same link {link}:\n{}",
        email.html
    );

    let token = reset_token(email);
    let reset = app.reset_password(&token, "brand-new-password-1").await;
    assert_eq!(reset.status, 200, "{}", reset.text);
    assert_eq!(
        reset.body,
        json!({ "message": "Password updated successfully" })
    );
    assert_password_is(&app, &user, "brand-new-password-1", &user.password).await;

    let again = app.reset_password(&token, "another-password-2").await;
    assert_eq!(again.status, 400, "{}", again.text);
    assert_eq!(again.detail(), INVALID_TOKEN);
    assert_password_is(&app, &user, "brand-new-password-1", "another-password-2").await;
    // The session opened before the reset has ended.
    assert_unauthorized(&app.refresh(&user.refresh_token).await);
}

#[tokio::test]
async fn unknown_and_inactive_emails_get_the_same_answer_and_no_email() {
    let app = TestApp::spawn().await;
    let mail = Mailroom::open(&app).await;
    let inactive = app.quiet_user().await;
    app.deactivate(&inactive).await;

    let unknown = app.recover_password(&unique_email()).await;
    let of_inactive = app.recover_password(&inactive.email).await;
    assert!(mail.settled(&app).await.is_empty());
    assert_eq!(app.reset_token_count().await, 0);

    let known = app.recover_password(&app.quiet_user().await.email).await;
    for answer in [&unknown, &of_inactive] {
        assert_eq!(answer.status, known.status, "{}", answer.text);
        assert_eq!(answer.text, known.text);
        assert_eq!(answer.header("content-type"), known.header("content-type"));
    }
    assert_eq!(mail.settled(&app).await.len(), 1, "only the known user's");
}

#[tokio::test]
async fn an_invalid_email_is_a_422_and_queues_nothing() {
    let app = TestApp::spawn().await;
    let too_long = format!("{}@example.com", "a".repeat(250));
    for email in [
        "not-an-email",
        "ann@",
        "@example.com",
        "ann@localhost",
        &too_long,
    ] {
        let response = app.recover_password(email).await;
        assert_eq!(response.status, 422, "{email}: {}", response.text);
        assert_eq!(response.error_fields(), ["email"], "{email}");
    }
    assert_eq!(app.queue_stats().await, Default::default());
}

#[tokio::test]
async fn the_email_is_found_whatever_its_letter_case() {
    let app = TestApp::spawn().await;
    let mail = Mailroom::open(&app).await;
    let user = app.quiet_user().await;
    let response = app.recover_password(&user.email.to_uppercase()).await;
    assert_eq!(response.status, 200, "{}", response.text);
    let emails = mail.settled(&app).await;
    assert_eq!(emails.len(), 1);
    assert_eq!(
        emails[0].rcpt_tos,
        [user.email.as_str()],
        "the stored address"
    );
}

#[tokio::test]
async fn of_two_recovery_emails_either_link_works_and_redeeming_one_kills_the_other() {
    let app = TestApp::spawn().await;
    let mail = Mailroom::open(&app).await;
    let user = app.quiet_user().await;
    for _ in 0..2 {
        assert_eq!(app.recover_password(&user.email).await.status, 200);
    }
    let emails = mail.settled(&app).await;
    assert_eq!(emails.len(), 2);
    let (first, second) = (reset_token(&emails[0]), reset_token(&emails[1]));
    assert_ne!(first, second);

    let reset = app.reset_password(&second, "second-link-password").await;
    assert_eq!(reset.status, 200, "{}", reset.text);
    let stale = app.reset_password(&first, "first-link-password").await;
    assert_eq!(stale.status, 400, "{}", stale.text);
    assert_eq!(stale.detail(), INVALID_TOKEN);
    assert_password_is(&app, &user, "second-link-password", "first-link-password").await;
}

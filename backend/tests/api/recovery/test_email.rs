//! `POST /utils/test-email/`: the superuser's check that mail goes out, even
//! through an SMTP server that turns the first attempt away.

use serde_json::json;

use crate::support::{
    MAIL_WAIT, Mailroom, TestApp, TestSmtp, assert_error_envelope, assert_unauthorized,
    metric_value,
};

#[tokio::test]
async fn the_superuser_sends_a_test_email_and_it_arrives() {
    let app = TestApp::spawn().await;
    let mail = Mailroom::open(&app).await;
    let admin = app.superuser().await;

    let response = app.send_test_email("ops@example.com", admin.token()).await;
    assert_eq!(response.status, 201, "{}", response.text);
    assert_eq!(response.body, json!({ "message": "Test email sent" }));

    let emails = mail.settled(&app).await;
    assert_eq!(emails.len(), 1, "{emails:#?}");
    assert_eq!(emails[0].rcpt_tos, ["ops@example.com"]);
    let subject = format!("{} - Test email", app.config.project_name);
    assert_eq!(emails[0].subject, subject);
    assert!(emails[0].text.contains("ops@example.com"));
}

#[tokio::test]
async fn a_bad_or_missing_address_is_a_422_and_queues_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    for email_to in ["not-an-email", "ops@", "ops@localhost", ""] {
        let response = app.send_test_email(email_to, admin.token()).await;
        assert_error_envelope(&response, 422);
        assert_eq!(response.error_fields(), ["email_to"], "{email_to:?}");
    }
    let missing = app
        .post("/api/v1/utils/test-email/", admin.token(), json!({}))
        .await;
    assert_error_envelope(&missing, 422);
    assert_eq!(app.queue_stats().await, Default::default());
}

#[tokio::test]
async fn only_a_superuser_may_send_one() {
    let app = TestApp::spawn().await;
    let user = app.quiet_user().await;
    let response = app.send_test_email("ops@example.com", user.token()).await;
    assert_error_envelope(&response, 403);
    assert_unauthorized(&app.send_test_email("ops@example.com", None).await);
    assert_eq!(app.queue_stats().await, Default::default());
}

#[tokio::test]
async fn a_transient_smtp_failure_is_retried_and_the_email_arrives() {
    let app = TestApp::spawn().await;
    let mail = Mailroom::with_server(&app, TestSmtp::start_failing_first(1).await).await;
    let admin = app.superuser().await;

    let response = app.send_test_email("ops@example.com", admin.token()).await;
    assert_eq!(response.status, 201, "{}", response.text);
    mail.smtp.wait_for_messages(1, MAIL_WAIT).await;
    let emails = mail.settled(&app).await;
    assert_eq!(emails.len(), 1, "delivered once: {emails:#?}");
    assert_eq!(emails[0].rcpt_tos, ["ops@example.com"]);

    let metrics = mail.worker.metrics().await;
    let send_email = [("job", "send_email")];
    assert!(
        metric_value(&metrics, "job_retries_total", &send_email) >= 1.0,
        "{metrics}"
    );
}

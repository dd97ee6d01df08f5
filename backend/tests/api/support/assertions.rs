//! What the API contract promises of a response, checked in one place.

use super::{TestApp, TestResponse, TestUser};

/// A 401 as the contract describes it: a readable detail and a Bearer challenge.
pub fn assert_unauthorized(response: &TestResponse) {
    assert_eq!(response.status, 401, "{}", response.text);
    assert_eq!(
        response.header("www-authenticate"),
        Some("Bearer"),
        "{}",
        response.text
    );
    assert!(!response.detail().is_empty());
}

/// The common error envelope: problem JSON with a readable string `detail`.
pub fn assert_error_envelope(response: &TestResponse, status: u16) {
    assert_eq!(response.status, status, "{}", response.text);
    let content_type = response.header("content-type").unwrap_or_default();
    assert!(
        content_type.contains("json"),
        "{status} has content type {content_type:?}"
    );
    let detail = response.body["detail"].as_str();
    assert!(
        detail.is_some_and(|d| !d.trim().is_empty()),
        "{status} has no readable detail: {}",
        response.text
    );
    assert_eq!(response.body["status"], status);
    assert_no_internals(response);
}

/// What no error response may ever reveal.
fn assert_no_internals(response: &TestResponse) {
    let text = response.text.to_ascii_lowercase();
    for leak in [
        "sqlx",
        "select ",
        "insert ",
        "update ",
        "postgres",
        "panicked",
        "backtrace",
        "stack",
        ".rs:",
        "src/",
    ] {
        assert!(!text.contains(leak), "{leak:?} leaked in {}", response.text);
    }
}

/// The user logs in with `works` and not with `fails`.
pub async fn assert_password_is(app: &TestApp, user: &TestUser, works: &str, fails: &str) {
    assert_eq!(
        app.login(&user.email, works).await.status,
        200,
        "{works} should work"
    );
    assert_eq!(
        app.login(&user.email, fails).await.status,
        400,
        "{fails} should not work"
    );
}

//! `PATCH /api/v1/users/me/password`.

use std::time::Duration;

use serde_json::json;

use crate::support::paths::MY_PASSWORD;
use crate::support::{TestApp, assert_error_envelope, assert_password_is, tokens};

#[tokio::test]
async fn changing_ones_password_with_a_wrong_current_password_is_400_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let body = json!({ "current_password": "wrong-password", "new_password": "a-new-password" });
    let response = app.patch(MY_PASSWORD, user.token(), body).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.detail(), "Incorrect password");
    assert_password_is(&app, &user, &user.password, "a-new-password").await;
}

#[tokio::test]
async fn changing_ones_password_to_the_same_one_is_400() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let body = json!({ "current_password": user.password, "new_password": user.password });
    let response = app.patch(MY_PASSWORD, user.token(), body).await;
    assert_eq!(response.status, 400);
    assert_eq!(
        response.detail(),
        "New password cannot be the same as the current one"
    );
    assert_eq!(
        app.refresh(&user.refresh_token).await.status,
        200,
        "no session was ended"
    );
}

#[tokio::test]
async fn changing_ones_password_to_a_too_short_one_is_422_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let too_long = "x".repeat(129);
    for new_password in ["1234567", &too_long] {
        let body = json!({ "current_password": user.password, "new_password": new_password });
        let response = app.patch(MY_PASSWORD, user.token(), body).await;
        assert_eq!(response.status, 422, "{}", response.text);
        assert_eq!(response.error_fields(), ["new_password"]);
        assert_password_is(&app, &user, &user.password, new_password).await;
    }
    let missing = app
        .patch(
            MY_PASSWORD,
            user.token(),
            json!({ "new_password": "a-new-password" }),
        )
        .await;
    assert_eq!(
        (missing.status, missing.error_fields()),
        (422, vec!["current_password".to_owned()])
    );
}

#[tokio::test]
async fn changing_ones_password_replaces_the_old_one() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let body = json!({ "current_password": user.password, "new_password": "a-new-password" });
    let response = app.patch(MY_PASSWORD, user.token(), body).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["message"], "Password updated successfully");
    assert_password_is(&app, &user, "a-new-password", &user.password).await;
}

/// Each attempt guesses the current password, so each counts against a
/// per-user limit (here 3), checked before the guess: past it even the right
/// password gets a 429, from any session of that user, and nothing changes.
/// Other users keep their own count.
#[tokio::test]
async fn past_the_per_user_limit_changing_ones_password_is_429_even_with_the_right_one() {
    let window = Duration::from_secs(10_000_000_000);
    let app = TestApp::spawn_with(|config| {
        config.rate_limits.password_change_per_user.max = 3;
        config.rate_limits.password_change_per_user.window = window;
    })
    .await;
    let user = app.new_user().await;
    for n in 0..3 {
        let body =
            json!({ "current_password": format!("guess-{n}"), "new_password": "a-new-password" });
        let response = app.patch(MY_PASSWORD, user.token(), body).await;
        assert_eq!(response.status, 400, "{}", response.text);
    }
    let right = json!({ "current_password": user.password, "new_password": "a-new-password" });
    let refused = app.patch(MY_PASSWORD, user.token(), right.clone()).await;
    assert_error_envelope(&refused, 429);
    let retry_after: u64 = refused
        .header("retry-after")
        .expect("a Retry-After header")
        .parse()
        .unwrap();
    assert!(
        (1..=window.as_secs()).contains(&retry_after),
        "{retry_after}"
    );
    // A new session of the same user is the same user.
    let again = tokens(&app.login(&user.email, &user.password).await);
    let refused = app
        .patch(MY_PASSWORD, Some(&again.access_token), right.clone())
        .await;
    assert_error_envelope(&refused, 429);
    assert_password_is(&app, &user, &user.password, "a-new-password").await;
    assert_eq!(
        app.refresh(&user.refresh_token).await.status,
        200,
        "no session ended"
    );

    let other = app.new_user().await;
    let right = json!({ "current_password": other.password, "new_password": "a-new-password" });
    let changed = app.patch(MY_PASSWORD, other.token(), right).await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    let metrics = app.get("/metrics", None).await.text;
    assert!(metrics.contains(r#"rate_limited_total{limit="password_change_user"}"#));
}

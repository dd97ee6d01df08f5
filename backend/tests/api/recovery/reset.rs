//! `POST /reset-password/`: every token that is not a live reset token is
//! refused the same way, and a refused request changes nothing.

use serde_json::json;

use super::INVALID_TOKEN;
use crate::support::{TestApp, TestResponse, assert_error_envelope, assert_password_is};

const NEW_PASSWORD: &str = "reset-password-123";

fn assert_invalid_token(response: &TestResponse) {
    assert_error_envelope(response, 400);
    assert_eq!(response.detail(), INVALID_TOKEN);
}

#[tokio::test]
async fn tokens_that_are_not_reset_tokens_are_refused() {
    let app = TestApp::spawn().await;
    let user = app.quiet_user().await;
    let refresh_body = user.refresh_token.strip_prefix("rt_").unwrap();
    let relabelled = format!("prt_{refresh_body}");
    let short = format!("prt_{}", &refresh_body[..20]);
    let wrong_alphabet = format!("prt_{}", "+".repeat(43));
    for token in [
        "",
        "garbage",
        "prt_",
        &short,
        &wrong_alphabet,
        &user.refresh_token,
        &relabelled,
    ] {
        let response = app.reset_password(token, NEW_PASSWORD).await;
        assert_invalid_token(&response);
    }
    assert_password_is(&app, &user, &user.password, NEW_PASSWORD).await;
}

#[tokio::test]
async fn an_expired_token_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.quiet_user().await;
    let token = app.issue_reset_token(&user).await;
    let mut db = app.db.connect().await;
    sqlx::query(
        "UPDATE auth_tokens SET expires_at = now() - interval '1 second' \
         WHERE user_id = $1 AND purpose = 'password_reset'",
    )
    .bind(user.id)
    .execute(&mut db)
    .await
    .unwrap();
    assert_invalid_token(&app.reset_password(&token, NEW_PASSWORD).await);
    assert_password_is(&app, &user, &user.password, NEW_PASSWORD).await;
}

#[tokio::test]
async fn a_used_token_is_refused_and_the_first_new_password_stays() {
    let app = TestApp::spawn().await;
    let user = app.quiet_user().await;
    let token = app.issue_reset_token(&user).await;
    assert_eq!(app.reset_password(&token, NEW_PASSWORD).await.status, 200);
    let again = app.reset_password(&token, "second-password-456").await;
    assert_invalid_token(&again);
    assert_password_is(&app, &user, NEW_PASSWORD, "second-password-456").await;
}

#[tokio::test]
async fn concurrent_redeems_of_one_token_let_exactly_one_through() {
    let app = TestApp::spawn().await;
    let user = app.quiet_user().await;
    let token = app.issue_reset_token(&user).await;
    let (first, second) = tokio::join!(
        app.reset_password(&token, "first-racer-password"),
        app.reset_password(&token, "second-racer-password"),
    );
    let mut statuses = [first.status, second.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 400], "{} / {}", first.text, second.text);
    let (winner, loser) = if first.status == 200 {
        ("first-racer-password", "second-racer-password")
    } else {
        ("second-racer-password", "first-racer-password")
    };
    assert_password_is(&app, &user, winner, loser).await;
}

#[tokio::test]
async fn a_weak_new_password_is_a_422_and_the_token_still_works() {
    let app = TestApp::spawn().await;
    let user = app.quiet_user().await;
    let token = app.issue_reset_token(&user).await;
    let too_long = "x".repeat(129);
    for weak in ["", "short", "1234567", &too_long] {
        let response = app.reset_password(&token, weak).await;
        assert_error_envelope(&response, 422);
        assert_eq!(response.error_fields(), ["new_password"], "{weak:?}");
    }
    assert_password_is(&app, &user, &user.password, NEW_PASSWORD).await;
    assert_eq!(
        app.refresh(&user.refresh_token).await.status,
        200,
        "sessions live on"
    );

    let reset = app.reset_password(&token, NEW_PASSWORD).await;
    assert_eq!(reset.status, 200, "{}", reset.text);
    assert_password_is(&app, &user, NEW_PASSWORD, &user.password).await;
}

#[tokio::test]
async fn a_malformed_body_is_a_422() {
    let app = TestApp::spawn().await;
    let bodies = [
        json!({ "token": "prt_x" }),
        json!({ "new_password": NEW_PASSWORD }),
        json!({ "token": 42, "new_password": NEW_PASSWORD }),
        json!([]),
    ];
    for body in bodies {
        let response = app.post("/api/v1/reset-password", None, body.clone()).await;
        assert_error_envelope(&response, 422);
    }
}

#[tokio::test]
async fn deactivation_ends_the_users_reset_links_for_good() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.quiet_user().await;
    let token = app.issue_reset_token(&user).await;
    app.deactivate(&user).await;
    let reactivate = json!({ "is_active": true });
    let path = crate::support::paths::user_path(user.id);
    assert_eq!(
        app.patch(&path, admin.token(), reactivate).await.status,
        200
    );
    let hash = app.password_hash(user.id).await;

    assert_invalid_token(&app.reset_password(&token, NEW_PASSWORD).await);
    assert_eq!(app.password_hash(user.id).await, hash);
}

#[tokio::test]
async fn an_inactive_user_cannot_reset_and_nothing_changes() {
    let app = TestApp::spawn().await;
    let user = app.quiet_user().await;
    app.deactivate(&user).await;
    let token = app.issue_reset_token(&user).await;
    let hash = app.password_hash(user.id).await;

    let response = app.reset_password(&token, NEW_PASSWORD).await;
    assert_error_envelope(&response, 400);
    assert_eq!(response.detail(), "Inactive user");
    assert_eq!(app.password_hash(user.id).await, hash);
}

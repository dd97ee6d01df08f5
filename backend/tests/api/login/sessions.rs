//! The end of sessions: logout, and the account changes that end them.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;

use crate::support::paths::ME;
use crate::support::{TestApp, assert_unauthorized, tokens};

// ---- logout ----

#[tokio::test]
async fn logout_ends_the_session_so_its_refresh_token_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let other_login = tokens(&app.login(&user.email, &user.password).await);
    let response = app.logout(&user.refresh_token).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["message"], "Logged out");
    assert_unauthorized(&app.refresh(&user.refresh_token).await);
    assert_eq!(
        app.refresh(&other_login.refresh_token).await.status,
        200,
        "other sessions survive"
    );
}

#[tokio::test]
async fn logout_revokes_the_rotated_tokens_of_the_session_too() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let rotated = tokens(&app.refresh(&user.refresh_token).await);
    assert_eq!(app.logout(&user.refresh_token).await.status, 200);
    assert_unauthorized(&app.refresh(&rotated.refresh_token).await);
}

#[tokio::test]
async fn logout_with_an_unknown_token_is_401_and_ends_no_session() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let unknown = format!("rt_{}", URL_SAFE_NO_PAD.encode([9u8; 32]));
    for token in [unknown.as_str(), "garbage", &user.access_token] {
        assert_unauthorized(&app.logout(token).await);
    }
    assert_eq!(app.refresh(&user.refresh_token).await.status, 200);
}

// ---- account changes end sessions ----

#[tokio::test]
async fn a_deactivated_user_is_refused_at_once_with_existing_tokens() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    app.deactivate(&user).await;
    let me = app.get(ME, user.token()).await;
    assert_eq!(me.status, 403);
    assert_eq!(me.detail(), "Inactive user");
    let refresh = app.refresh(&user.refresh_token).await;
    assert!([401, 403].contains(&refresh.status), "{}", refresh.text);
    assert!(refresh.body.get("access_token").is_none());
}

#[tokio::test]
async fn a_deleted_users_access_token_is_401() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    assert_eq!(app.delete(ME, user.token()).await.status, 200);
    assert_unauthorized(&app.get(ME, user.token()).await);
    assert_unauthorized(&app.refresh(&user.refresh_token).await);
}

#[tokio::test]
async fn a_password_change_revokes_other_sessions_but_keeps_the_current_one() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let other = tokens(&app.login(&user.email, &user.password).await);
    // The current session has already rotated once: it is the family that is kept.
    let current = tokens(&app.refresh(&user.refresh_token).await);
    let body = json!({ "current_password": user.password, "new_password": "a-brand-new-password" });
    let response = app
        .patch(
            "/api/v1/users/me/password",
            Some(&current.access_token),
            body,
        )
        .await;
    assert_eq!(response.status, 200, "{}", response.text);

    assert_unauthorized(&app.refresh(&other.refresh_token).await);
    assert_eq!(app.refresh(&current.refresh_token).await.status, 200);
}

//! A password reset ends every session at once: access tokens issued before
//! it are refused on every route (the item list checks in its own SQL), and
//! a sign-in right after it works.

use std::time::Duration;

use crate::support::{TestApp, tokens};

const NEW_PASSWORD: &str = "after-the-reset-123";

#[tokio::test]
async fn a_reset_refuses_access_tokens_issued_before_it() {
    let app = TestApp::spawn().await;
    let user = app.quiet_user().await;
    assert_eq!(app.get("/api/v1/users/me", user.token()).await.status, 200);
    let token = app.issue_reset_token(&user).await;
    // Token times are whole seconds: let the old token's second pass.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(app.reset_password(&token, NEW_PASSWORD).await.status, 200);

    for path in ["/api/v1/users/me", "/api/v1/items/"] {
        let response = app.get(path, user.token()).await;
        assert_eq!(response.status, 401, "{path}: {}", response.text);
        assert_eq!(response.detail(), "Session ended; please sign in again");
    }
    let fresh = tokens(&app.login(&user.email, NEW_PASSWORD).await);
    for path in ["/api/v1/users/me", "/api/v1/items/"] {
        let response = app.get(path, Some(&fresh.access_token)).await;
        assert_eq!(response.status, 200, "{path}: {}", response.text);
    }
}

#[tokio::test]
async fn an_administrator_setting_a_password_ends_the_users_sessions() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.quiet_user().await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let path = format!("/api/v1/users/{}", user.id);
    let body = serde_json::json!({ "password": NEW_PASSWORD });
    assert_eq!(app.patch(&path, admin.token(), body).await.status, 200);
    assert_eq!(app.get("/api/v1/users/me", user.token()).await.status, 401);
    assert_eq!(
        app.get("/api/v1/users/me", admin.token()).await.status,
        200,
        "others are untouched"
    );
}

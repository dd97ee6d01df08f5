//! An ended session's access tokens are refused at once, not when they
//! expire: logout, a reused refresh token, a password change in another
//! session, and a deactivation (which a reactivation does not undo). Each
//! case is checked on a cached account (a request first) and on the items
//! list, whose handler checks the account in its own SQL.

use serde_json::json;

use crate::support::paths::{ITEMS, ME, MY_PASSWORD, user_path};
use crate::support::{TestApp, TestUser, assert_unauthorized, tokens};

/// The token works on both kinds of route (and the account is now cached).
async fn assert_accepted(app: &TestApp, token: &str) {
    assert_eq!(app.get(ME, Some(token)).await.status, 200);
    assert_eq!(app.get(ITEMS, Some(token)).await.status, 200);
}

async fn assert_refused(app: &TestApp, token: &str) {
    let me = app.get(ME, Some(token)).await;
    assert_unauthorized(&me);
    assert_eq!(me.detail(), "Session ended; please sign in again");
    assert_unauthorized(&app.get(ITEMS, Some(token)).await);
}

#[tokio::test]
async fn logout_ends_the_sessions_access_token_at_once() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let other = tokens(&app.login(&user.email, &user.password).await);
    assert_accepted(&app, &user.access_token).await;

    assert_eq!(app.logout(&user.refresh_token).await.status, 200);
    assert_refused(&app, &user.access_token).await;
    assert_accepted(&app, &other.access_token).await;
}

#[tokio::test]
async fn a_reused_refresh_token_ends_the_access_tokens_of_its_session() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let rotated = tokens(&app.refresh(&user.refresh_token).await);
    assert_accepted(&app, &rotated.access_token).await;

    // The old refresh token again: it leaked, so the whole session ends.
    assert_unauthorized(&app.refresh(&user.refresh_token).await);
    assert_refused(&app, &rotated.access_token).await;
    assert_refused(&app, &user.access_token).await;
}

#[tokio::test]
async fn a_password_change_ends_the_access_tokens_of_the_other_sessions() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let other = tokens(&app.login(&user.email, &user.password).await);
    assert_accepted(&app, &other.access_token).await;

    let body = json!({ "current_password": user.password, "new_password": "changed-password-456" });
    let changed = app.patch(MY_PASSWORD, user.token(), body).await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    assert_refused(&app, &other.access_token).await;
    assert_accepted(&app, &user.access_token).await;
}

#[tokio::test]
async fn reactivating_a_user_does_not_revive_their_old_access_tokens() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user: TestUser = app.new_user().await;
    assert_accepted(&app, &user.access_token).await;

    app.deactivate(&user).await;
    let reactivate = json!({ "is_active": true });
    let response = app
        .patch(&user_path(user.id), admin.token(), reactivate)
        .await;
    assert_eq!(response.status, 200, "{}", response.text);

    assert_refused(&app, &user.access_token).await;
    let fresh = tokens(&app.login(&user.email, &user.password).await);
    assert_accepted(&app, &fresh.access_token).await;
}

#[tokio::test]
async fn a_logout_while_redis_is_down_still_ends_the_access_token() {
    let mut proxy = crate::support::TcpProxy::to_redis().await;
    let url = proxy.redis_url();
    let app = TestApp::spawn_with(|config| config.redis.url = url.into()).await;
    let user = app.new_user().await;
    assert_accepted(&app, &user.access_token).await;

    proxy.stop();
    assert_eq!(app.logout(&user.refresh_token).await.status, 200);
    assert_refused(&app, &user.access_token).await;
    proxy.resume().await;
    // The cached account has no trace of the logout: the marker missed
    // Redis, so the entry must not be served again.
    assert_refused(&app, &user.access_token).await;
}

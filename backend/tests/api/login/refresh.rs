//! `POST /api/v1/login/refresh`: one-time refresh tokens, rotated, whose
//! reuse revokes the whole family.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;

use crate::support::paths::ME;
use crate::support::{TestApp, assert_unauthorized, tokens};

#[tokio::test]
async fn refresh_returns_a_new_pair_and_the_new_access_token_works() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let response = app.refresh(&user.refresh_token).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["token_type"], "bearer");
    let refreshed = tokens(&response);
    assert_ne!(refreshed.refresh_token, user.refresh_token);
    assert!(refreshed.refresh_token.starts_with("rt_"));
    let me = app.get(ME, Some(&refreshed.access_token)).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["id"], user.id.to_string());
    assert_eq!(
        app.refresh(&refreshed.refresh_token).await.status,
        200,
        "the new refresh token works once"
    );
}

#[tokio::test]
async fn reusing_a_rotated_refresh_token_revokes_its_whole_family() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let other_login = tokens(&app.login(&user.email, &user.password).await);
    let second = tokens(&app.refresh(&user.refresh_token).await);
    let newest = tokens(&app.refresh(&second.refresh_token).await);

    let reuse = app.refresh(&user.refresh_token).await;
    assert_unauthorized(&reuse);
    assert_unauthorized(&app.refresh(&newest.refresh_token).await);
    assert_unauthorized(&app.refresh(&second.refresh_token).await);

    let other = app.refresh(&other_login.refresh_token).await;
    assert_eq!(
        other.status, 200,
        "another login is another family: {}",
        other.text
    );
}

#[tokio::test]
async fn concurrent_refreshes_of_one_token_let_exactly_one_through() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let (first, second) = tokio::join!(
        app.refresh(&user.refresh_token),
        app.refresh(&user.refresh_token)
    );
    let mut statuses = [first.status, second.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 401]);
    let winner = if first.status == 200 { &first } else { &second };
    let winner = tokens(winner);
    assert_unauthorized(&app.refresh(&winner.refresh_token).await);
}

#[tokio::test]
async fn refresh_without_the_token_field_is_422() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let response = app
        .post(
            "/api/v1/login/refresh",
            None,
            json!({ "token": user.refresh_token }),
        )
        .await;
    assert_eq!(response.status, 422);
    assert_eq!(response.error_fields(), ["refresh_token"]);
    assert_eq!(
        app.refresh(&user.refresh_token).await.status,
        200,
        "the token was not spent"
    );
}

#[tokio::test]
async fn refresh_with_a_garbage_token_is_401_and_spends_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let unknown = format!("rt_{}", URL_SAFE_NO_PAD.encode([7u8; 32]));
    let truncated = &user.refresh_token[..user.refresh_token.len() - 1];
    for garbage in [
        "garbage",
        "",
        "rt_",
        truncated,
        &unknown,
        &user.access_token,
    ] {
        assert_unauthorized(&app.refresh(garbage).await);
    }
    assert_eq!(app.refresh(&user.refresh_token).await.status, 200);
}

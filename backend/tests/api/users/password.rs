//! `PATCH /api/v1/users/me/password`.

use serde_json::json;

use crate::support::paths::MY_PASSWORD;
use crate::support::{TestApp, assert_password_is};

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

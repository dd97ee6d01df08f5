//! `POST /api/v1/login/access-token` (the OAuth2 password form) and
//! `POST /api/v1/login/test-token`.

use reqwest::Method;
use reqwest::header::CONTENT_TYPE;
use serde_json::json;

use crate::support::paths::{ME, TEST_TOKEN};
use crate::support::{SUPERUSER_EMAIL, SUPERUSER_PASSWORD, TestApp, assert_error_envelope};

const LOGIN: &str = "/api/v1/login/access-token";

#[tokio::test]
async fn password_form_login_returns_a_bearer_access_token_and_a_refresh_token() {
    let app = TestApp::spawn().await;
    let response = app.login(SUPERUSER_EMAIL, SUPERUSER_PASSWORD).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["token_type"], "bearer");
    assert_eq!(response.body["expires_in"], 30 * 60);
    let access = response.body["access_token"].as_str().unwrap();
    assert_eq!(access.split('.').count(), 3, "a JWT: {access}");
    assert!(
        response.body["refresh_token"]
            .as_str()
            .unwrap()
            .starts_with("rt_")
    );
    assert_eq!(
        app.get(ME, Some(access)).await.body["email"],
        SUPERUSER_EMAIL
    );
}

#[tokio::test]
async fn login_accepts_an_explicit_password_grant_and_any_email_case() {
    let app = TestApp::spawn().await;
    let email = SUPERUSER_EMAIL.to_uppercase();
    let form = [
        ("grant_type", "password"),
        ("username", &email),
        ("password", SUPERUSER_PASSWORD),
    ];
    let response = app.post_form(LOGIN, &form).await;
    assert_eq!(response.status, 200, "{}", response.text);
}

#[tokio::test]
async fn login_with_a_wrong_password_is_400() {
    let app = TestApp::spawn().await;
    let response = app.login(SUPERUSER_EMAIL, "not-the-password").await;
    assert_eq!(response.status, 400);
    assert_eq!(response.detail(), "Incorrect email or password");
}

#[tokio::test]
async fn login_with_an_unknown_email_is_400_with_the_same_detail() {
    let app = TestApp::spawn().await;
    let response = app.login("nobody@example.com", SUPERUSER_PASSWORD).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.detail(), "Incorrect email or password");
}

#[tokio::test]
async fn login_with_a_nul_character_in_the_email_is_400_not_a_server_error() {
    let app = TestApp::spawn().await;
    let response = app.login("admin\0@example.com", SUPERUSER_PASSWORD).await;
    assert_eq!(response.status, 400, "{}", response.text);
    assert_eq!(response.detail(), "Incorrect email or password");
}

#[tokio::test]
async fn login_of_an_inactive_user_is_400() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    app.deactivate(&user).await;
    let response = app.login(&user.email, &user.password).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.detail(), "Inactive user");
}

#[tokio::test]
async fn login_without_username_or_password_is_422_naming_the_field() {
    let app = TestApp::spawn().await;
    let cases: [(&[(&str, &str)], &str); 3] = [
        (&[("password", SUPERUSER_PASSWORD)], "username"),
        (&[("username", SUPERUSER_EMAIL)], "password"),
        (&[], "username"),
    ];
    for (form, field) in cases {
        let response = app.post_form(LOGIN, form).await;
        assert_eq!(response.status, 422, "{form:?}: {}", response.text);
        assert!(
            response.error_fields().contains(&field.to_owned()),
            "{form:?}: {}",
            response.text
        );
    }
}

/// As the FastAPI full-stack template answers it: a login with no body at
/// all is an empty form, whatever its content type (or none), so the 422
/// names both missing fields rather than a 415 naming the type.
#[tokio::test]
async fn login_without_a_body_is_422_naming_username_and_password() {
    let app = TestApp::spawn().await;
    for content_type in [
        None,
        Some("application/x-www-form-urlencoded"),
        Some("application/json"),
    ] {
        let mut request = app.http.post(app.url(LOGIN));
        if let Some(content_type) = content_type {
            request = request.header(CONTENT_TYPE, content_type);
        }
        let response = app.send(request).await;
        assert_error_envelope(&response, 422);
        assert_eq!(
            response.error_fields(),
            ["username", "password"],
            "{content_type:?}"
        );
        assert_eq!(
            response.detail(),
            "username: field required; password: field required"
        );
    }
}

#[tokio::test]
async fn login_with_a_non_empty_body_of_another_type_is_415() {
    let app = TestApp::spawn().await;
    let form = format!("username={SUPERUSER_EMAIL}&password={SUPERUSER_PASSWORD}");
    let request = app
        .http
        .post(app.url(LOGIN))
        .header(CONTENT_TYPE, "text/plain");
    let response = app.send(request.body(form)).await;
    assert_error_envelope(&response, 415);
}

#[tokio::test]
async fn login_with_a_json_body_is_415() {
    let app = TestApp::spawn().await;
    let body = json!({ "username": SUPERUSER_EMAIL, "password": SUPERUSER_PASSWORD });
    let response = app.post(LOGIN, None, body).await;
    assert_eq!(response.status, 415);
    assert!(
        response.detail().contains("x-www-form-urlencoded"),
        "{}",
        response.text
    );
}

#[tokio::test]
async fn login_with_a_grant_type_other_than_password_is_422() {
    let app = TestApp::spawn().await;
    for grant in ["client_credentials", "refresh_token", ""] {
        let form = [
            ("grant_type", grant),
            ("username", SUPERUSER_EMAIL),
            ("password", SUPERUSER_PASSWORD),
        ];
        let response = app.post_form(LOGIN, &form).await;
        assert_eq!(response.status, 422, "{grant:?}: {}", response.text);
        assert_eq!(response.error_fields(), ["grant_type"]);
        assert!(response.body.get("access_token").is_none());
    }
}

#[tokio::test]
async fn test_token_returns_the_caller() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let response = app
        .request(Method::POST, TEST_TOKEN, user.token(), None)
        .await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["id"], user.id.to_string());
    assert_eq!(response.body["email"], user.email);
    assert_eq!(response.body["is_active"], true);
    assert_eq!(response.body["is_superuser"], false);
    assert!(response.body.get("hashed_password").is_none());
}

#[tokio::test]
async fn token_answers_are_never_cached() {
    let app = TestApp::spawn().await;
    let login = app.login(SUPERUSER_EMAIL, SUPERUSER_PASSWORD).await;
    assert_eq!(login.header("cache-control"), Some("no-store"));
    let refresh_token = login.body["refresh_token"].as_str().unwrap();
    let refreshed = app
        .post(
            "/api/v1/login/refresh",
            None,
            serde_json::json!({ "refresh_token": refresh_token }),
        )
        .await;
    assert_eq!(refreshed.status, 200, "{}", refreshed.text);
    assert_eq!(refreshed.header("cache-control"), Some("no-store"));
}

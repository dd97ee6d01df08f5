//! `POST /api/v1/users/signup`: anyone may open an ordinary account.

use serde_json::json;

use crate::support::paths::SIGNUP;
use crate::support::{SUPERUSER_EMAIL, SUPERUSER_PASSWORD, TestApp, unique_email};

#[tokio::test]
async fn signup_creates_an_active_ordinary_user_with_201() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    let body = json!({ "email": email, "password": "signup-password", "full_name": "Newcomer" });
    let response = app.post(SIGNUP, None, body).await;
    assert_eq!(response.status, 201, "{}", response.text);
    assert_eq!(
        (&response.body["email"], &response.body["full_name"]),
        (&json!(email), &json!("Newcomer"))
    );
    assert_eq!(
        (&response.body["is_active"], &response.body["is_superuser"]),
        (&json!(true), &json!(false))
    );
    assert!(!response.text.contains("password"));
    assert_eq!(app.login(&email, "signup-password").await.status, 200);
}

#[tokio::test]
async fn signup_cannot_create_a_superuser() {
    let app = TestApp::spawn().await;
    let body =
        json!({ "email": unique_email(), "password": "signup-password", "is_superuser": true });
    let response = app.post(SIGNUP, None, body).await;
    assert_eq!(response.status, 201, "{}", response.text);
    assert_eq!(response.body["is_superuser"], false);
}

#[tokio::test]
async fn signup_accepts_the_limits_of_each_field() {
    let app = TestApp::spawn().await;
    let body =
        json!({ "email": unique_email(), "password": "12345678", "full_name": "x".repeat(255) });
    assert_eq!(app.post(SIGNUP, None, body).await.status, 201);
    let body = json!({ "email": unique_email(), "password": "é".repeat(128) });
    assert_eq!(app.post(SIGNUP, None, body).await.status, 201);
}

#[tokio::test]
async fn signup_with_a_taken_email_is_400_whatever_its_case() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let existing = app.new_user().await;
    let before = app.users_snapshot(&admin, &existing).await;
    for email in [
        existing.email.clone(),
        existing.email.to_uppercase(),
        SUPERUSER_EMAIL.to_owned(),
    ] {
        let response = app.signup(&email, "impostor-password").await;
        assert_eq!(response.status, 400, "{email}: {}", response.text);
        assert_eq!(
            response.detail(),
            "The user with this email already exists in the system"
        );
    }
    assert_eq!(app.users_snapshot(&admin, &existing).await, before);
    assert_eq!(
        app.login(SUPERUSER_EMAIL, SUPERUSER_PASSWORD).await.status,
        200
    );
}

#[tokio::test]
async fn signup_rejects_each_invalid_field_with_422_naming_it_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let count = app.user_count().await;
    let email = unique_email();
    let cases = [
        (
            json!({ "email": "not-an-email", "password": "signup-password" }),
            "email",
        ),
        (
            json!({ "email": "user@localhost", "password": "signup-password" }),
            "email",
        ),
        (json!({ "email": email, "password": "1234567" }), "password"),
        (
            json!({ "email": email, "password": "x".repeat(129) }),
            "password",
        ),
        (
            json!({ "email": email, "password": "signup-password", "full_name": "x".repeat(256) }),
            "full_name",
        ),
        (
            json!({ "email": email, "password": "signup-password", "full_name": "a\0b" }),
            "full_name",
        ),
        (json!({ "password": "signup-password" }), "email"),
        (json!({ "email": email }), "password"),
        (json!({ "email": email, "password": 12345678 }), "password"),
    ];
    for (body, field) in cases {
        let response = app.post(SIGNUP, None, body.clone()).await;
        assert_eq!(response.status, 422, "{body}: {}", response.text);
        assert_eq!(response.error_fields(), [field], "{body}");
        assert!(
            response.detail().contains(field),
            "{body}: {}",
            response.text
        );
    }
    assert_eq!(app.user_count().await, count);
    assert_eq!(app.login(&email, "signup-password").await.status, 400);
}

#[tokio::test]
async fn signup_lists_every_invalid_field_at_once() {
    let app = TestApp::spawn().await;
    let count = app.user_count().await;
    let body = json!({ "email": "nope", "password": "short", "full_name": "x".repeat(256) });
    let response = app.post(SIGNUP, None, body).await;
    assert_eq!(response.status, 422, "{}", response.text);
    assert_eq!(response.error_fields(), ["email", "password", "full_name"]);
    assert_eq!(app.user_count().await, count);
}

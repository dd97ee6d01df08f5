//! `GET` and `PATCH /api/v1/users/me`: a user's own record.

use serde_json::json;

use crate::support::paths::ME;
use crate::support::{Json, SUPERUSER_EMAIL, TestApp, unique_email};

#[tokio::test]
async fn a_user_reads_their_own_record() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let response = app.get(ME, user.token()).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.body["id"], user.id.to_string());
    assert_eq!(response.body["email"], user.email);
    assert_eq!(response.body["full_name"], Json::Null);
    assert!(
        response.body["created_at"]
            .as_str()
            .unwrap()
            .parse::<chrono::DateTime<chrono::Utc>>()
            .is_ok()
    );
    assert!(!response.text.contains("password"));
}

#[tokio::test]
async fn a_user_updates_their_full_name_and_email() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let email = unique_email();
    let response = app
        .patch(
            ME,
            user.token(),
            json!({ "full_name": "New Name", "email": email }),
        )
        .await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(
        (&response.body["full_name"], &response.body["email"]),
        (&json!("New Name"), &json!(email))
    );
    assert_eq!(app.get(ME, user.token()).await.body, response.body);
    assert_eq!(app.login(&email, &user.password).await.status, 200);
    assert_eq!(app.login(&user.email, &user.password).await.status, 400);
}

#[tokio::test]
async fn updating_ones_email_to_a_taken_one_is_409_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let other = app.new_user().await;
    let before = app.get(ME, user.token()).await.body;
    for taken in [
        other.email.clone(),
        other.email.to_uppercase(),
        SUPERUSER_EMAIL.to_owned(),
    ] {
        let response = app
            .patch(
                ME,
                user.token(),
                json!({ "email": taken, "full_name": "Changed" }),
            )
            .await;
        assert_eq!(response.status, 409, "{taken}: {}", response.text);
        assert_eq!(response.detail(), "User with this email already exists");
    }
    assert_eq!(app.get(ME, user.token()).await.body, before);
}

#[tokio::test]
async fn updating_ones_profile_with_invalid_fields_is_422_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let before = app.get(ME, user.token()).await.body;
    let cases = [
        (
            json!({ "email": "not-an-email", "full_name": "Changed" }),
            vec!["email"],
        ),
        (
            json!({ "email": format!("{}@example.com", "a".repeat(250)) }),
            vec!["email"],
        ),
        (json!({ "full_name": "x".repeat(256) }), vec!["full_name"]),
        (json!({ "full_name": "nul\0name" }), vec!["full_name"]),
        (
            json!({ "email": "a b@example.com", "full_name": "x".repeat(256) }),
            vec!["email", "full_name"],
        ),
        (json!({ "email": 5 }), vec!["email"]),
    ];
    for (body, fields) in cases {
        let response = app.patch(ME, user.token(), body.clone()).await;
        assert_eq!(response.status, 422, "{body}: {}", response.text);
        assert_eq!(response.error_fields(), fields, "{body}");
    }
    assert_eq!(app.get(ME, user.token()).await.body, before);
}

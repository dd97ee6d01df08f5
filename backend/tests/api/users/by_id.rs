//! `GET` and `PATCH /api/v1/users/{id}`.

use serde_json::json;
use uuid::Uuid;

use crate::support::paths::{ME, USERS, user_path};
use crate::support::{TestApp, assert_password_is, unique_email};

// ---- GET /users/{id} ----

#[tokio::test]
async fn a_user_reads_their_own_record_by_id() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let response = app.get(&user_path(user.id), user.token()).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.body, app.get(ME, user.token()).await.body);
}

#[tokio::test]
async fn a_user_cannot_read_another_users_record_even_an_unknown_one() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let other = app.new_user().await;
    for id in [other.id, Uuid::new_v4()] {
        let response = app.get(&user_path(id), user.token()).await;
        assert_eq!(response.status, 403, "{id}: {}", response.text);
        assert!(!response.text.contains(&other.email));
    }
}

#[tokio::test]
async fn superuser_reads_any_user_by_id() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let response = app.get(&user_path(user.id), admin.token()).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.body, app.get(ME, user.token()).await.body);
}

#[tokio::test]
async fn reading_an_unknown_user_is_404_for_a_superuser() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let response = app.get(&user_path(Uuid::new_v4()), admin.token()).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.detail(), "User not found");
}

#[tokio::test]
async fn a_malformed_user_id_is_422() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let before = app.users_snapshot(&admin, &user).await;
    for id in ["not-a-uuid", "123", "00000000-0000-0000-0000-00000000000g"] {
        let path = format!("{USERS}{id}");
        let read = app.get(&path, admin.token()).await;
        let update = app
            .patch(&path, admin.token(), json!({ "full_name": "Changed" }))
            .await;
        let delete = app.delete(&path, admin.token()).await;
        for response in [read, update, delete] {
            assert_eq!(response.status, 422, "{id}: {}", response.text);
            assert_eq!(response.error_fields(), ["id"]);
        }
    }
    assert_eq!(app.users_snapshot(&admin, &user).await, before);
}

// ---- PATCH /users/{id} ----

#[tokio::test]
async fn superuser_updates_a_user() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let email = unique_email();
    let body = json!({ "email": email, "full_name": "Renamed", "is_superuser": true });
    let response = app.patch(&user_path(user.id), admin.token(), body).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["email"], email);
    assert_eq!(response.body["full_name"], "Renamed");
    assert_eq!(response.body["is_superuser"], true);
    assert_eq!(app.read_user(&admin, user.id).await, response.body);
    assert_eq!(
        app.get(USERS, user.token()).await.status,
        200,
        "now a superuser"
    );
}

#[tokio::test]
async fn updating_an_unknown_user_is_404() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let count = app.user_count().await;
    let response = app
        .patch(
            &user_path(Uuid::new_v4()),
            admin.token(),
            json!({ "full_name": "Ghost" }),
        )
        .await;
    assert_eq!(response.status, 404);
    assert_eq!(
        response.detail(),
        "The user with this id does not exist in the system"
    );
    assert_eq!(app.user_count().await, count);
}

#[tokio::test]
async fn updating_a_user_to_a_taken_email_is_409_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let other = app.new_user().await;
    let before = app.read_user(&admin, user.id).await;
    for taken in [other.email.clone(), other.email.to_uppercase()] {
        let body = json!({ "email": taken, "full_name": "Changed", "is_superuser": true });
        let response = app.patch(&user_path(user.id), admin.token(), body).await;
        assert_eq!(response.status, 409, "{taken}: {}", response.text);
        assert_eq!(response.detail(), "User with this email already exists");
    }
    assert_eq!(app.read_user(&admin, user.id).await, before);
}

#[tokio::test]
async fn updating_a_user_with_invalid_fields_is_422_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let before = app.read_user(&admin, user.id).await;
    let cases = [
        (
            json!({ "email": "nope", "full_name": "Changed" }),
            vec!["email"],
        ),
        (
            json!({ "password": "short", "is_superuser": true }),
            vec!["password"],
        ),
        (
            json!({ "full_name": "x".repeat(256), "password": "x".repeat(129) }),
            vec!["full_name", "password"],
        ),
        (json!({ "is_active": "no" }), vec!["is_active"]),
    ];
    for (body, fields) in cases {
        let response = app
            .patch(&user_path(user.id), admin.token(), body.clone())
            .await;
        assert_eq!(response.status, 422, "{body}: {}", response.text);
        assert_eq!(response.error_fields(), fields, "{body}");
    }
    assert_eq!(app.read_user(&admin, user.id).await, before);
    assert_password_is(&app, &user, &user.password, "short").await;
}

#[tokio::test]
async fn a_password_set_by_the_superuser_lets_the_user_log_in_with_it() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let body = json!({ "password": "set-by-the-admin" });
    let response = app.patch(&user_path(user.id), admin.token(), body).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert!(!response.text.contains("set-by-the-admin"));
    assert_password_is(&app, &user, "set-by-the-admin", &user.password).await;
    assert_eq!(
        app.refresh(&user.refresh_token).await.status,
        401,
        "the old sessions ended"
    );
}

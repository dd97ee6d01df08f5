//! The permission matrix of the user routes, and the forms of their paths.

use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

use crate::support::documented::Fixture;
use crate::support::paths::{ME, MY_PASSWORD, SIGNUP, USERS, user_path};
use crate::support::{Json, TestApp, assert_error_envelope, every_row, unique_email};

#[tokio::test]
async fn anonymous_callers_get_401_on_every_user_route_but_signup() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let target = app.new_user().await;
    let before = app.users_snapshot(&admin, &target).await;
    for (method, path, body) in authenticated_routes(target.id) {
        let response = app.request(method.clone(), &path, None, body).await;
        assert_eq!(response.status, 401, "{method} {path}: {}", response.text);
        assert_eq!(
            response.header("www-authenticate"),
            Some("Bearer"),
            "{method} {path}"
        );
    }
    assert_eq!(app.users_snapshot(&admin, &target).await, before);
}

#[tokio::test]
async fn an_inactive_user_gets_403_on_every_user_route() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let inactive = app.new_user().await;
    app.deactivate(&inactive).await;
    let before = app.users_snapshot(&admin, &inactive).await;
    for (method, path, body) in authenticated_routes(inactive.id) {
        let response = app
            .request(method.clone(), &path, inactive.token(), body)
            .await;
        assert_eq!(response.status, 403, "{method} {path}: {}", response.text);
        assert_eq!(response.detail(), "Inactive user", "{method} {path}");
    }
    assert_eq!(app.users_snapshot(&admin, &inactive).await, before);
}

#[tokio::test]
async fn an_inactive_user_gets_403_on_every_documented_secured_operation() {
    let app = TestApp::spawn().await;
    let operations = app.documented_operations().await;
    let fixture = Fixture::new(&app, &operations).await;
    app.deactivate(&fixture.user).await;
    let before = every_row(&mut app.db.connect().await).await;
    let secured: Vec<_> = operations.iter().filter(|op| op.secured).collect();
    assert!(secured.len() >= 17, "{} secured operations", secured.len());
    for operation in secured {
        let token = Some(fixture.user.access_token.as_str());
        let response = fixture.send(&app, operation, token).await;
        assert_eq!(response.status, 403, "{operation}: {}", response.text);
        assert_error_envelope(&response, 403);
        assert_eq!(response.detail(), "Inactive user", "{operation}");
    }
    assert_eq!(every_row(&mut app.db.connect().await).await, before);
}

#[tokio::test]
async fn an_ordinary_user_gets_403_on_superuser_routes_and_another_users_record() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let other = app.new_user().await;
    let before = app.users_snapshot(&admin, &other).await;
    let other_path = user_path(other.id);
    let routes = [
        (Method::GET, USERS.to_owned(), None),
        (Method::POST, USERS.to_owned(), Some(new_user_body())),
        (Method::GET, other_path.clone(), None),
        (
            Method::PATCH,
            other_path.clone(),
            Some(json!({ "full_name": "Hijacked" })),
        ),
        (Method::DELETE, other_path, None),
    ];
    for (method, path, body) in routes {
        let response = app.request(method.clone(), &path, user.token(), body).await;
        assert_eq!(response.status, 403, "{method} {path}: {}", response.text);
        assert_eq!(response.detail(), "The user doesn't have enough privileges");
    }
    assert_eq!(app.users_snapshot(&admin, &other).await, before);
}

#[tokio::test]
async fn an_ordinary_user_cannot_promote_themselves() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let by_id = app
        .patch(
            &user_path(user.id),
            user.token(),
            json!({ "is_superuser": true }),
        )
        .await;
    assert_eq!(by_id.status, 403);
    let me = app
        .patch(
            ME,
            user.token(),
            json!({ "is_superuser": true, "full_name": "Me" }),
        )
        .await;
    assert_eq!(me.status, 200, "unknown fields are ignored: {}", me.text);
    assert_eq!(app.read_user(&admin, user.id).await["is_superuser"], false);
}

#[tokio::test]
async fn user_routes_answer_with_and_without_a_trailing_slash() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let by_id = user_path(user.id);
    for path in [
        "/api/v1/users",
        USERS,
        ME,
        "/api/v1/users/me/",
        &by_id,
        &format!("{by_id}/"),
    ] {
        let response = app.get(path, admin.token()).await;
        assert_eq!(response.status, 200, "{path}: {}", response.text);
    }
    for path in [SIGNUP, "/api/v1/users/signup/"] {
        let response = app
            .post(
                path,
                None,
                json!({ "email": unique_email(), "password": "signup-password" }),
            )
            .await;
        assert_eq!(response.status, 201, "{path}: {}", response.text);
    }
    for path in [MY_PASSWORD, "/api/v1/users/me/password/"] {
        let body =
            json!({ "current_password": "wrong-password", "new_password": "another-password" });
        assert_eq!(
            app.patch(path, user.token(), body).await.status,
            400,
            "{path}"
        );
    }
}

fn new_user_body() -> Json {
    json!({ "email": unique_email(), "password": "created-password" })
}

/// Every route under `/api/v1/users` that needs a signed-in caller, with a
/// body that would succeed for a caller allowed to use it.
fn authenticated_routes(id: Uuid) -> Vec<(Method, String, Option<Json>)> {
    let password =
        json!({ "current_password": "user-password-123", "new_password": "a-new-password" });
    vec![
        (Method::GET, USERS.to_owned(), None),
        (Method::GET, "/api/v1/users".to_owned(), None),
        (Method::POST, USERS.to_owned(), Some(new_user_body())),
        (Method::GET, ME.to_owned(), None),
        (
            Method::PATCH,
            ME.to_owned(),
            Some(json!({ "full_name": "Changed" })),
        ),
        (Method::DELETE, ME.to_owned(), None),
        (Method::PATCH, MY_PASSWORD.to_owned(), Some(password)),
        (Method::POST, "/api/v1/login/test-token".to_owned(), None),
        (Method::GET, user_path(id), None),
        (
            Method::PATCH,
            user_path(id),
            Some(json!({ "full_name": "Changed", "is_superuser": true })),
        ),
        (Method::DELETE, user_path(id), None),
    ]
}

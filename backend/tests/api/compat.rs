//! A client written for the FastAPI full-stack template's API works
//! unchanged: the journey below sends exactly what that template's generated
//! client sends (form login with every OAuth2 field, trailing-slash
//! collection paths, `skip`/`limit`) and checks the exact shapes it reads.

use serde_json::json;

use crate::support::{Json, SUPERUSER_EMAIL, SUPERUSER_PASSWORD, TestApp, unique_email};

const USER_PUBLIC: &[&str] = &[
    "created_at",
    "email",
    "full_name",
    "id",
    "is_active",
    "is_superuser",
];
const ITEM_PUBLIC: &[&str] = &["created_at", "description", "id", "owner_id", "title"];

fn keys(value: &Json) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

fn assert_timestamp_and_id(value: &Json) {
    let created_at = value["created_at"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(created_at).is_ok(),
        "{created_at}"
    );
    assert!(
        created_at.ends_with('Z'),
        "timestamps are UTC: {created_at}"
    );
    assert!(uuid::Uuid::parse_str(value["id"].as_str().unwrap()).is_ok());
}

/// What the FastAPI template's generated client posts to `/login/access-token`.
async fn template_client_login(app: &TestApp, email: &str, password: &str) -> String {
    let form = [
        ("grant_type", "password"),
        ("username", email),
        ("password", password),
        ("scope", ""),
        ("client_id", ""),
        ("client_secret", ""),
    ];
    let response = app.post_form("/api/v1/login/access-token", &form).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["token_type"], "bearer");
    response.body["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_fastapi_template_clients_journey_works_unchanged() {
    let app = TestApp::spawn().await;
    let admin = template_client_login(&app, SUPERUSER_EMAIL, SUPERUSER_PASSWORD).await;
    let me = app
        .post("/api/v1/login/test-token", Some(&admin), json!({}))
        .await;
    assert_eq!(keys(&me.body), USER_PUBLIC);
    assert_timestamp_and_id(&me.body);

    let email = unique_email();
    let body = json!({ "email": email, "password": "a-good-password", "full_name": "Ada" });
    let signup = app.post("/api/v1/users/signup", None, body).await;
    assert!((200..300).contains(&signup.status), "{}", signup.text);
    assert_eq!(keys(&signup.body), USER_PUBLIC);

    let users = app.get("/api/v1/users/?skip=0&limit=5", Some(&admin)).await;
    assert_eq!(keys(&users.body), ["count", "data"]);
    assert_eq!(users.body["count"], 2);
    assert_eq!(keys(&users.body["data"][0]), USER_PUBLIC);

    let user = template_client_login(&app, &email, "a-good-password").await;
    let item = app
        .post(
            "/api/v1/items/",
            Some(&user),
            json!({ "title": "Milk", "description": "2 l" }),
        )
        .await;
    assert!((200..300).contains(&item.status), "{}", item.text);
    assert_eq!(keys(&item.body), ITEM_PUBLIC);
    assert_timestamp_and_id(&item.body);
    let item_path = format!("/api/v1/items/{}", item.body["id"].as_str().unwrap());

    let items = app.get("/api/v1/items/?skip=0&limit=5", Some(&user)).await;
    assert_eq!(keys(&items.body), ["count", "data"]);
    assert_eq!(items.body["data"][0], item.body);

    let updated = app
        .put(&item_path, Some(&user), json!({ "title": "Oat milk" }))
        .await;
    assert_eq!(updated.body["title"], "Oat milk");
    assert_eq!(updated.body["description"], "2 l");

    let profile = app
        .patch(
            "/api/v1/users/me",
            Some(&user),
            json!({ "full_name": "Ada L." }),
        )
        .await;
    assert_eq!(profile.body["full_name"], "Ada L.");
    let body =
        json!({ "current_password": "a-good-password", "new_password": "a-better-password" });
    let password = app
        .patch("/api/v1/users/me/password", Some(&user), body)
        .await;
    assert_eq!(keys(&password.body), ["message"]);

    let deleted = app.delete(&item_path, Some(&user)).await;
    assert_eq!(deleted.status, 200);
    assert_eq!(keys(&deleted.body), ["message"]);
    let gone = app.get(&item_path, Some(&user)).await;
    assert_eq!(gone.status, 404);
    assert_eq!(gone.detail(), "Item not found");
}

#[tokio::test]
async fn the_fastapi_template_clients_error_handling_reads_detail() {
    let app = TestApp::spawn().await;
    let form = [
        ("username", SUPERUSER_EMAIL),
        ("password", "wrong-password"),
    ];
    let wrong = app.post_form("/api/v1/login/access-token", &form).await;
    assert_eq!(wrong.status, 400);
    assert_eq!(wrong.detail(), "Incorrect email or password");

    let duplicate = app
        .post(
            "/api/v1/users/signup",
            None,
            json!({ "email": SUPERUSER_EMAIL, "password": "whatever-123" }),
        )
        .await;
    assert_eq!(duplicate.status, 400);
    assert!(duplicate.body["detail"].is_string());

    let anonymous = app.get("/api/v1/users/me", None).await;
    assert_eq!(anonymous.status, 401);
    assert!(anonymous.body["detail"].is_string());
}

#[tokio::test]
async fn collection_paths_answer_the_same_with_and_without_the_trailing_slash() {
    let app = TestApp::spawn().await;
    let admin = template_client_login(&app, SUPERUSER_EMAIL, SUPERUSER_PASSWORD).await;
    for path in ["/api/v1/users/", "/api/v1/items/"] {
        let with_slash = app.get(path, Some(&admin)).await;
        let without = app.get(path.trim_end_matches('/'), Some(&admin)).await;
        assert_eq!(with_slash.status, 200, "{path}");
        assert!(
            with_slash.header("location").is_none(),
            "no redirect for {path}"
        );
        assert_eq!(with_slash.body, without.body, "{path}");
    }
}

//! `GET` and `POST /api/v1/users/`: the superuser lists and creates accounts.

use serde_json::json;

use crate::support::paths::USERS;
use crate::support::{SUPERUSER_EMAIL, TestApp, TestResponse, unique_email};

// ---- GET /users/ ----

#[tokio::test]
async fn superuser_lists_users_newest_first_with_the_total_count() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let (first, second, third) = (
        app.new_user().await,
        app.new_user().await,
        app.new_user().await,
    );
    let response = app.get(USERS, admin.token()).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["count"], 4);
    let newest_first = [
        third.email.as_str(),
        &second.email,
        &first.email,
        SUPERUSER_EMAIL,
    ];
    assert_eq!(emails(&response), newest_first);
    assert!(response.body["data"][0].get("hashed_password").is_none());
}

#[tokio::test]
async fn listing_users_pages_with_skip_and_limit() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let (first, second, _third) = (
        app.new_user().await,
        app.new_user().await,
        app.new_user().await,
    );
    let page = app
        .get("/api/v1/users/?skip=1&limit=2", admin.token())
        .await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert_eq!(page.body["count"], 4);
    assert_eq!(emails(&page), [second.email.as_str(), &first.email]);
    let empty = app.get("/api/v1/users?limit=0", admin.token()).await;
    assert_eq!(empty.status, 200);
    assert_eq!(empty.body, json!({ "data": [], "count": 4 }));
    let past_the_end = app
        .get("/api/v1/users/?skip=10&limit=1000", admin.token())
        .await;
    assert_eq!(past_the_end.status, 200);
    assert_eq!(past_the_end.body["data"], json!([]));
}

#[tokio::test]
async fn listing_users_rejects_bad_pagination_with_422() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let cases = [
        ("skip=-1", "skip"),
        ("limit=1001", "limit"),
        ("limit=-1", "limit"),
        ("skip=abc", "skip"),
        ("limit=ten", "limit"),
        ("limit=1.5", "limit"),
        ("skip=99999999999999999999", "skip"),
    ];
    for (query, field) in cases {
        let response = app.get(&format!("{USERS}?{query}"), admin.token()).await;
        assert_eq!(response.status, 422, "{query}: {}", response.text);
        assert_eq!(response.error_fields(), [field], "{query}");
    }
}

// ---- POST /users/ ----

#[tokio::test]
async fn superuser_creates_a_user_with_201_and_the_password_never_in_the_response() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let email = unique_email();
    let body = json!({ "email": email, "password": "created-password", "full_name": "Created", "is_superuser": true });
    let response = app.post("/api/v1/users", admin.token(), body).await;
    assert_eq!(response.status, 201, "{}", response.text);
    assert_eq!(response.body["email"], email);
    assert_eq!(response.body["full_name"], "Created");
    assert_eq!(
        (&response.body["is_active"], &response.body["is_superuser"]),
        (&json!(true), &json!(true))
    );
    assert!(!response.text.contains("created-password") && !response.text.contains("password"));
    assert_eq!(app.login(&email, "created-password").await.status, 200);
}

#[tokio::test]
async fn creating_a_user_with_a_taken_email_is_400_whatever_its_case() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let existing = app.new_user().await;
    let before = app.users_snapshot(&admin, &existing).await;
    for email in [
        existing.email.clone(),
        existing.email.to_uppercase(),
        SUPERUSER_EMAIL.to_owned(),
    ] {
        let body =
            json!({ "email": email, "password": "impostor-password", "full_name": "Impostor" });
        let response = app.post(USERS, admin.token(), body).await;
        assert_eq!(response.status, 400, "{email}: {}", response.text);
        assert_eq!(
            response.detail(),
            "The user with this email already exists in the system."
        );
    }
    assert_eq!(app.users_snapshot(&admin, &existing).await, before);
    assert_eq!(
        app.login(&existing.email, "impostor-password").await.status,
        400
    );
}

#[tokio::test]
async fn creating_a_user_with_invalid_fields_is_422_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let count = app.user_count().await;
    let body =
        json!({ "email": "not-an-email", "password": "short", "full_name": "x".repeat(256) });
    let response = app.post(USERS, admin.token(), body).await;
    assert_eq!(response.status, 422, "{}", response.text);
    assert_eq!(response.error_fields(), ["email", "password", "full_name"]);
    assert_eq!(app.user_count().await, count);
}

fn emails(response: &TestResponse) -> Vec<&str> {
    response.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|user| user["email"].as_str().unwrap())
        .collect()
}

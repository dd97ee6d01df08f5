//! `/api/v1/private/users`: the end-to-end tests' back door, mounted in
//! development only.

use app::config::Environment;
use serde_json::json;

use crate::support::{Json, TestApp, unique_email};

const PRIVATE_USERS: &str = "/api/v1/private/users/";

fn new_user(email: &str, password: &str) -> Json {
    json!({ "email": email, "password": password, "full_name": "End To End" })
}

#[tokio::test]
async fn private_create_user_in_development_answers_201_and_the_user_can_log_in() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    let response = app
        .post(PRIVATE_USERS, None, new_user(&email, "e2e-password-1"))
        .await;
    assert_eq!(response.status, 201, "{}", response.text);
    let user = response.body.as_object().unwrap();
    let mut keys: Vec<&str> = user.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "created_at",
            "email",
            "full_name",
            "id",
            "is_active",
            "is_superuser"
        ]
    );
    assert_eq!(user["email"], email.as_str());
    assert_eq!(user["full_name"], "End To End");
    assert_eq!(
        (&user["is_active"], &user["is_superuser"]),
        (&json!(true), &json!(false))
    );

    let login = app.login(&email, "e2e-password-1").await;
    assert_eq!(login.status, 200, "{}", login.text);
    let me = app
        .get("/api/v1/users/me", login.body["access_token"].as_str())
        .await;
    assert_eq!(me.body, response.body);
}

#[tokio::test]
async fn private_create_user_accepts_is_verified_and_both_path_forms() {
    let app = TestApp::spawn().await;
    for path in ["/api/v1/private/users", PRIVATE_USERS] {
        let email = unique_email();
        let mut body = new_user(&email, "e2e-password-1");
        body["is_verified"] = json!(true);
        let response = app.post(path, None, body).await;
        assert_eq!(response.status, 201, "{path}: {}", response.text);
        assert_eq!(
            app.login(&email, "e2e-password-1").await.status,
            200,
            "{path}"
        );
    }
}

#[tokio::test]
async fn private_create_user_with_a_taken_email_is_400_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    let first = app
        .post(PRIVATE_USERS, None, new_user(&email, "original-password"))
        .await;
    assert_eq!(first.status, 201, "{}", first.text);
    let users = app.user_count().await;

    for taken in [email.clone(), email.to_uppercase()] {
        let again = app
            .post(PRIVATE_USERS, None, new_user(&taken, "another-password"))
            .await;
        assert_eq!(again.status, 400, "{taken}: {}", again.text);
        assert_eq!(
            again.detail(),
            "The user with this email already exists in the system"
        );
    }
    assert_eq!(app.user_count().await, users);
    assert_eq!(app.login(&email, "original-password").await.status, 200);
    assert_eq!(app.login(&email, "another-password").await.status, 400);
}

#[tokio::test]
async fn private_create_user_with_a_bad_field_is_422_naming_it_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let users = app.user_count().await;
    let cases = [
        (new_user("not-an-email", "e2e-password-1"), "email"),
        (new_user("", "e2e-password-1"), "email"),
        (new_user("user@localhost", "e2e-password-1"), "email"),
        (
            new_user(
                &format!("{}@example.com", "a".repeat(250)),
                "e2e-password-1",
            ),
            "email",
        ),
        (new_user("short-password@example.com", "short"), "password"),
        (
            json!({ "email": "no-name@example.com", "password": "e2e-password-1" }),
            "full_name",
        ),
        (
            json!({ "email": 5, "password": "e2e-password-1", "full_name": "x" }),
            "email",
        ),
    ];
    for (body, field) in cases {
        let response = app.post(PRIVATE_USERS, None, body.clone()).await;
        assert_eq!(response.status, 422, "{body}: {}", response.text);
        assert_eq!(
            response.error_fields(),
            [field],
            "{body}: {}",
            response.text
        );
        if let Some(email) = body["email"].as_str() {
            assert_eq!(
                app.login(email, "e2e-password-1").await.status,
                400,
                "{email}"
            );
        }
    }
    assert_eq!(app.user_count().await, users);
}

#[tokio::test]
async fn private_users_route_is_404_in_staging_and_production() {
    for environment in [Environment::Staging, Environment::Production] {
        let app = TestApp::spawn_with(|config| config.environment = environment).await;
        let users = app.user_count().await;
        let email = unique_email();
        for path in ["/api/v1/private/users", PRIVATE_USERS] {
            let response = app
                .post(path, None, new_user(&email, "e2e-password-1"))
                .await;
            assert_eq!(
                response.status, 404,
                "{environment:?} {path}: {}",
                response.text
            );
            assert_eq!(response.detail(), "Not Found");
        }
        assert_eq!(app.user_count().await, users, "{environment:?}");
        assert_eq!(
            app.login(&email, "e2e-password-1").await.status,
            400,
            "{environment:?}"
        );
    }
}

#[tokio::test]
async fn openapi_lists_the_private_route_only_in_development() {
    let environments = [
        (Environment::Development, true),
        (Environment::Staging, false),
        (Environment::Production, false),
    ];
    for (environment, listed) in environments {
        let app = TestApp::spawn_with(|config| config.environment = environment).await;
        let doc = app.get("/openapi.json", None).await;
        assert_eq!(doc.status, 200);
        let paths = doc.body["paths"]
            .as_object()
            .expect("the document has paths");
        assert!(paths.contains_key("/api/v1/items"), "{environment:?}");
        assert_eq!(
            paths.contains_key("/api/v1/private/users"),
            listed,
            "{environment:?}"
        );
        assert!(
            !paths.keys().any(|p| p.contains("private")) || listed,
            "{environment:?}"
        );
    }
}

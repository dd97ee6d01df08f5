//! Request bodies: malformed JSON, content types, the size limit, NULs.

use serde_json::json;

use crate::support::paths::{ITEMS, item_path};
use crate::support::{Json, TestApp, assert_error_envelope};

#[tokio::test]
async fn malformed_json_is_400_with_a_readable_detail_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    // Nested past serde_json's recursion limit, inside an ignored field.
    let deep = format!("{{\"title\": \"x\", \"junk\": {}", "[".repeat(10_000));
    let bodies: [&[u8]; 7] = [
        b"{\"title\": ",
        b"{title: 'single quotes'}",
        b"{\"title\": \"ok\"} trailing",
        b"",
        b"not json at all",
        b"{\"title\": \"\xff\xfe\"}",
        deep.as_bytes(),
    ];
    for body in bodies {
        let response = app
            .post_item_raw(&user, Some("application/json"), body.to_vec())
            .await;
        assert_error_envelope(&response, 400);
        assert_eq!(
            response.detail(),
            "The request body is not valid JSON",
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    assert_eq!(app.item_count(&user).await, 0);
}

#[tokio::test]
async fn json_route_with_another_content_type_is_415_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let body = json!({ "title": "looks like JSON" }).to_string();
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "json",
    ] {
        let response = app
            .post_item_raw(&user, Some(content_type), body.clone())
            .await;
        assert_error_envelope(&response, 415);
        assert!(
            response.detail().contains("application/json"),
            "{content_type}: {}",
            response.text
        );
    }
    assert_eq!(app.item_count(&user).await, 0);
}

#[tokio::test]
async fn json_route_without_content_type_is_415_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let response = app
        .post_item_raw(&user, None, json!({ "title": "untyped" }).to_string())
        .await;
    assert_error_envelope(&response, 415);
    assert_eq!(app.item_count(&user).await, 0);
}

#[tokio::test]
async fn json_content_type_parameters_and_case_are_accepted() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    for content_type in [
        "application/json; charset=utf-8",
        "Application/JSON",
        "application/merge-patch+json",
    ] {
        let response = app
            .post_item_raw(
                &user,
                Some(content_type),
                json!({ "title": content_type }).to_string(),
            )
            .await;
        assert_eq!(response.status, 201, "{content_type}: {}", response.text);
    }
    assert_eq!(app.item_count(&user).await, 3);
}

#[tokio::test]
async fn body_over_the_limit_is_413_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let limit = app.config.max_body_bytes;
    assert_eq!(limit, 64 * 1024, "the tests assume the test configuration");
    for size in [limit + 1, 4 * 1024 * 1024] {
        let body = json!({ "title": "x".repeat(size) }).to_string();
        let response = app
            .post_item_raw(&user, Some("application/json"), body)
            .await;
        assert_error_envelope(&response, 413);
        let email = format!("{}@example.com", "x".repeat(size));
        let signup = app.signup(&email, "password-123").await;
        assert_error_envelope(&signup, 413);
    }
    assert_eq!(app.item_count(&user).await, 0);
    assert_eq!(app.user_count().await, 2, "the superuser and the test user");
}

#[tokio::test]
async fn body_under_the_limit_is_read_and_validated() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let title = "x".repeat(app.config.max_body_bytes - 100);
    let response = app
        .post_item_raw(
            &user,
            Some("application/json"),
            json!({ "title": title }).to_string(),
        )
        .await;
    assert_error_envelope(&response, 422);
    assert_eq!(response.error_fields(), ["title"]);
    assert_eq!(app.item_count(&user).await, 0);
}

#[tokio::test]
async fn text_with_a_nul_character_is_422_not_a_server_error() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let item = app.create_item(&user, "clean").await;
    let path = item_path(&item);
    let create = app
        .post(ITEMS, user.token(), json!({ "title": "nul\u{0}byte" }))
        .await;
    assert_error_envelope(&create, 422);
    assert_eq!(create.error_fields(), ["title"]);
    let update = app
        .put(
            &path,
            user.token(),
            json!({ "description": "nul\u{0}byte" }),
        )
        .await;
    assert_error_envelope(&update, 422);
    assert_eq!(update.error_fields(), ["description"]);
    let page = app.list_items(&user).await;
    assert_eq!(page, json!({ "data": [item], "count": 1 }));

    let name =
        json!({ "email": "nul@example.com", "password": "password-123", "full_name": "a\u{0}b" });
    let signup = app.post("/api/v1/users/signup", None, name).await;
    assert_error_envelope(&signup, 422);
    assert_eq!(signup.error_fields(), ["full_name"]);
    assert_eq!(
        app.login("nul@example.com", "password-123").await.status,
        400
    );
    let me = app
        .patch(
            "/api/v1/users/me",
            user.token(),
            json!({ "full_name": "a\u{0}b" }),
        )
        .await;
    assert_error_envelope(&me, 422);
    assert_eq!(
        app.get("/api/v1/users/me", user.token()).await.body["full_name"],
        Json::Null
    );
    let login = app.login("nul\u{0}@example.com", "password-123").await;
    assert_error_envelope(&login, 400);
}

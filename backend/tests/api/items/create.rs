//! `POST /api/v1/items/`.

use serde_json::json;

use crate::support::paths::ITEMS;
use crate::support::{Json, TestApp};

#[tokio::test]
async fn create_item_answers_201_with_the_item_public_shape() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let body = json!({ "title": "Groceries", "description": "milk, eggs" });
    let response = app.post(ITEMS, user.token(), body).await;
    assert_eq!(response.status, 201, "{}", response.text);
    let item = response.body.as_object().unwrap();
    let mut keys: Vec<&str> = item.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["created_at", "description", "id", "owner_id", "title"]
    );
    assert!(item["id"].as_str().unwrap().parse::<uuid::Uuid>().is_ok());
    assert_eq!(item["title"], "Groceries");
    assert_eq!(item["description"], "milk, eggs");
    assert_eq!(item["owner_id"], user.id.to_string());
    let created_at = item["created_at"].as_str().unwrap();
    let parsed = chrono::DateTime::parse_from_rfc3339(created_at).expect("created_at is RFC 3339");
    assert_eq!(
        parsed.offset().local_minus_utc(),
        0,
        "created_at is UTC: {created_at}"
    );
    assert_eq!(app.reread(&user, &response.body).await, response.body);
}

#[tokio::test]
async fn create_item_without_description_stores_null() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let item = app.create_item(&user, "No description").await;
    assert_eq!(item["description"], Json::Null);
}

#[tokio::test]
async fn create_item_accepts_255_character_title_and_description() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    for text in ["x".repeat(255), "é".repeat(255)] {
        let response = app
            .post(
                ITEMS,
                user.token(),
                json!({ "title": text, "description": text }),
            )
            .await;
        assert_eq!(response.status, 201, "{}", response.text);
        assert_eq!(response.body["title"], text.as_str());
        assert_eq!(response.body["description"], text.as_str());
    }
    assert_eq!(app.item_count(&user).await, 2);
}

#[tokio::test]
async fn create_item_rejects_a_bad_title_naming_the_field_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let bad_bodies = [
        json!({ "title": "" }),
        json!({ "title": "   " }),
        json!({ "title": "x".repeat(256) }),
        json!({ "title": "é".repeat(256) }),
        json!({}),
        json!({ "description": "only a description" }),
        json!({ "title": 5 }),
        json!({ "title": null }),
        json!({ "title": ["a"] }),
    ];
    for body in bad_bodies {
        let response = app.post(ITEMS, user.token(), body.clone()).await;
        assert_eq!(response.status, 422, "{body}: {}", response.text);
        assert_eq!(
            response.error_fields(),
            ["title"],
            "{body}: {}",
            response.text
        );
        assert!(
            response.detail().contains("title"),
            "{body}: {}",
            response.text
        );
    }
    assert_eq!(app.item_count(&user).await, 0);
}

#[tokio::test]
async fn create_item_rejects_a_description_over_255_characters_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    for body in [
        json!({ "title": "ok", "description": "x".repeat(256) }),
        json!({ "title": "ok", "description": 7 }),
    ] {
        let response = app.post(ITEMS, user.token(), body.clone()).await;
        assert_eq!(response.status, 422, "{body}: {}", response.text);
        assert_eq!(
            response.error_fields(),
            ["description"],
            "{body}: {}",
            response.text
        );
    }
    assert_eq!(app.item_count(&user).await, 0);
}

#[tokio::test]
async fn create_item_reports_every_bad_field_at_once() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let body = json!({ "title": "", "description": "x".repeat(256) });
    let response = app.post(ITEMS, user.token(), body).await;
    assert_eq!(response.status, 422, "{}", response.text);
    assert_eq!(response.error_fields(), ["title", "description"]);
    assert_eq!(app.item_count(&user).await, 0);
}

//! `GET`, `PUT` and `DELETE /api/v1/items/{id}` by the item's owner.

use serde_json::json;

use crate::support::paths::{ITEMS, item_path};
use crate::support::{Json, TestApp};

#[tokio::test]
async fn owner_reads_their_item() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let item = app.create_item(&user, "mine").await;
    let response = app.get(&item_path(&item), user.token()).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body, item);
}

#[tokio::test]
async fn owner_updates_their_item() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let item = app.create_item(&user, "before").await;
    let body = json!({ "title": "after", "description": "now described" });
    let response = app.put(&item_path(&item), user.token(), body).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["title"], "after");
    assert_eq!(response.body["description"], "now described");
    for unchanged in ["id", "owner_id", "created_at"] {
        assert_eq!(response.body[unchanged], item[unchanged], "{unchanged}");
    }
    assert_eq!(app.reread(&user, &item).await, response.body);
}

#[tokio::test]
async fn update_with_some_fields_keeps_the_others() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let created = app
        .post(
            ITEMS,
            user.token(),
            json!({ "title": "t0", "description": "d0" }),
        )
        .await;
    let path = item_path(&created.body);
    let steps = [
        (json!({ "title": "t1" }), "t1", "d0"),
        (json!({ "description": "d1" }), "t1", "d1"),
        (json!({}), "t1", "d1"),
        (json!({ "title": null, "description": null }), "t1", "d1"),
        (json!({ "description": "" }), "t1", ""),
    ];
    for (body, title, description) in steps {
        let response = app.put(&path, user.token(), body.clone()).await;
        assert_eq!(response.status, 200, "{body}: {}", response.text);
        let now = app.reread(&user, &created.body).await;
        assert_eq!(
            (now["title"].as_str(), now["description"].as_str()),
            (Some(title), Some(description)),
            "{body}"
        );
    }
}

#[tokio::test]
async fn update_with_an_invalid_field_is_422_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let created = app
        .post(
            ITEMS,
            user.token(),
            json!({ "title": "keep", "description": "this" }),
        )
        .await;
    let item = created.body;
    let bad = [
        (json!({ "title": "" }), "title"),
        (json!({ "title": " \t " }), "title"),
        (json!({ "title": "x".repeat(256) }), "title"),
        (json!({ "title": 5 }), "title"),
        (
            json!({ "title": "new", "description": "x".repeat(256) }),
            "description",
        ),
        (json!({ "description": false }), "description"),
    ];
    for (body, field) in bad {
        let response = app.put(&item_path(&item), user.token(), body.clone()).await;
        assert_eq!(response.status, 422, "{body}: {}", response.text);
        assert_eq!(
            response.error_fields(),
            [field],
            "{body}: {}",
            response.text
        );
        assert_eq!(app.reread(&user, &item).await, item, "{body}");
    }
}

#[tokio::test]
async fn owner_deletes_their_item() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let [keep, gone] =
        <[Json; 2]>::try_from(app.create_items(&user, &["keep", "gone"]).await).unwrap();
    let response = app.delete(&item_path(&gone), user.token()).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(
        response.body,
        json!({ "message": "Item deleted successfully" })
    );
    assert_eq!(app.get(&item_path(&gone), user.token()).await.status, 404);
    assert_eq!(
        app.delete(&item_path(&gone), user.token()).await.status,
        404
    );
    let page = app.list_items(&user).await;
    assert_eq!(page, json!({ "data": [keep], "count": 1 }));
}

#[tokio::test]
async fn unknown_item_id_is_404_on_read_update_and_delete() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let item = app.create_item(&user, "existing").await;
    let path = format!("/api/v1/items/{}", uuid::Uuid::new_v4());
    let attempts = [
        app.get(&path, user.token()).await,
        app.put(&path, user.token(), json!({ "title": "x" })).await,
        app.delete(&path, user.token()).await,
    ];
    for response in attempts {
        assert_eq!(response.status, 404, "{}", response.text);
        assert_eq!(response.detail(), "Item not found");
    }
    assert_eq!(app.reread(&user, &item).await, item);
    assert_eq!(app.item_count(&user).await, 1);
}

#[tokio::test]
async fn malformed_item_id_is_422_naming_the_id() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let item = app.create_item(&user, "existing").await;
    for id in [
        "not-a-uuid",
        "123",
        "00000000-0000-0000-0000-00000000000g",
        "%20",
    ] {
        let path = format!("/api/v1/items/{id}");
        let attempts = [
            app.get(&path, user.token()).await,
            app.put(&path, user.token(), json!({ "title": "x" })).await,
            app.delete(&path, user.token()).await,
        ];
        for response in attempts {
            assert_eq!(response.status, 422, "{id}: {}", response.text);
            assert_eq!(response.error_fields(), ["id"], "{id}: {}", response.text);
        }
    }
    assert_eq!(app.reread(&user, &item).await, item);
    assert_eq!(app.item_count(&user).await, 1);
}

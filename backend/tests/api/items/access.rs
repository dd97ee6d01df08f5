//! Who may call the item routes: the owner, the superuser, and nobody
//! else; and the routes answer with and without a trailing slash.

use reqwest::Method;
use serde_json::json;

use crate::support::paths::item_path;
use crate::support::{Json, TestApp};

#[tokio::test]
async fn another_user_gets_403_on_read_update_and_delete_and_the_item_is_unchanged() {
    let app = TestApp::spawn().await;
    let (owner, intruder) = (app.new_user().await, app.new_user().await);
    let item = app.create_item(&owner, "private").await;
    let path = item_path(&item);
    let attempts = [
        app.get(&path, intruder.token()).await,
        app.put(&path, intruder.token(), json!({ "title": "hijacked" }))
            .await,
        app.delete(&path, intruder.token()).await,
    ];
    for response in attempts {
        assert_eq!(response.status, 403, "{}", response.text);
        assert_eq!(response.detail(), "Not enough permissions");
    }
    assert_eq!(app.reread(&owner, &item).await, item);
    assert_eq!(app.item_count(&intruder).await, 0);
}

#[tokio::test]
async fn superuser_reads_updates_and_deletes_anyones_item() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let owner = app.new_user().await;
    let item = app.create_item(&owner, "owned by someone else").await;
    let path = item_path(&item);

    let read = app.get(&path, admin.token()).await;
    assert_eq!((read.status, &read.body), (200, &item), "{}", read.text);

    let updated = app
        .put(&path, admin.token(), json!({ "title": "moderated" }))
        .await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    assert_eq!(updated.body["title"], "moderated");
    assert_eq!(
        updated.body["owner_id"],
        owner.id.to_string(),
        "the owner stays the same"
    );
    assert_eq!(app.reread(&owner, &item).await["title"], "moderated");

    let deleted = app.delete(&path, admin.token()).await;
    assert_eq!(deleted.status, 200, "{}", deleted.text);
    assert_eq!(app.get(&path, owner.token()).await.status, 404);
    assert_eq!(app.item_count(&owner).await, 0);
}

/// Every item route, for an item at `path`.
fn every_route(path: &str) -> Vec<(Method, String, Option<Json>)> {
    let mut routes = Vec::new();
    for collection in ["/api/v1/items", "/api/v1/items/"] {
        routes.push((Method::GET, collection.to_owned(), None));
        routes.push((
            Method::POST,
            collection.to_owned(),
            Some(json!({ "title": "new" })),
        ));
    }
    for one in [path.to_owned(), format!("{path}/")] {
        routes.push((Method::GET, one.clone(), None));
        routes.push((
            Method::PUT,
            one.clone(),
            Some(json!({ "title": "changed" })),
        ));
        routes.push((Method::DELETE, one, None));
    }
    routes
}

#[tokio::test]
async fn anonymous_callers_get_401_on_every_item_route_and_nothing_changes() {
    let app = TestApp::spawn().await;
    let owner = app.new_user().await;
    let item = app.create_item(&owner, "untouched").await;
    for token in [None, Some("not-a-token")] {
        for (method, path, body) in every_route(&item_path(&item)) {
            let response = app.request(method.clone(), &path, token, body).await;
            assert_eq!(
                response.status, 401,
                "{method} {path} {token:?}: {}",
                response.text
            );
            assert_eq!(
                response.header("www-authenticate"),
                Some("Bearer"),
                "{method} {path}"
            );
            assert!(!response.detail().is_empty());
        }
    }
    assert_eq!(app.reread(&owner, &item).await, item);
    assert_eq!(app.item_count(&owner).await, 1);
}

#[tokio::test]
async fn inactive_users_get_403_on_every_item_route_and_nothing_changes() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let item = app.create_item(&user, "frozen").await;
    app.deactivate(&user).await;
    for (method, path, body) in every_route(&item_path(&item)) {
        let response = app.request(method.clone(), &path, user.token(), body).await;
        assert_eq!(response.status, 403, "{method} {path}: {}", response.text);
        assert_eq!(response.detail(), "Inactive user", "{method} {path}");
    }
    let read = app.get(&item_path(&item), admin.token()).await;
    assert_eq!(read.body, item);
    assert_eq!(app.item_count(&admin).await, 1);
}

#[tokio::test]
async fn item_routes_answer_with_and_without_a_trailing_slash() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    for collection in ["/api/v1/items", "/api/v1/items/"] {
        let created = app
            .post(collection, user.token(), json!({ "title": collection }))
            .await;
        assert_eq!(created.status, 201, "POST {collection}: {}", created.text);
        let listed = app.get(collection, user.token()).await;
        assert_eq!(listed.status, 200, "GET {collection}: {}", listed.text);
        assert_eq!(listed.body["data"][0], created.body, "GET {collection}");
    }
    assert_eq!(app.item_count(&user).await, 2);
    let item = app.create_item(&user, "one").await;
    for path in [item_path(&item), format!("{}/", item_path(&item))] {
        let read = app.get(&path, user.token()).await;
        assert_eq!(read.status, 200, "GET {path}: {}", read.text);
        let updated = app
            .put(&path, user.token(), json!({ "description": path }))
            .await;
        assert_eq!(updated.status, 200, "PUT {path}: {}", updated.text);
        assert_eq!(app.reread(&user, &item).await["description"], path.as_str());
    }
    let deleted = app
        .delete(&format!("{}/", item_path(&item)), user.token())
        .await;
    assert_eq!(deleted.status, 200, "{}", deleted.text);
    assert_eq!(app.get(&item_path(&item), user.token()).await.status, 404);
}

// The item list checks the caller's account in its own SQL statement rather
// than through the user cache: the same rules must hold there.
#[tokio::test]
async fn the_item_list_refuses_a_deleted_user_and_sees_a_promotion_at_once() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let (user, other) = (app.new_user().await, app.new_user().await);
    app.create_item(&user, "mine").await;
    app.create_item(&other, "theirs").await;
    assert_eq!(app.list_items(&user).await["count"], 1);

    let promote = json!({ "is_superuser": true });
    let path = format!("/api/v1/users/{}", user.id);
    assert_eq!(app.patch(&path, admin.token(), promote).await.status, 200);
    assert_eq!(
        app.list_items(&user).await["count"],
        2,
        "a superuser sees every item"
    );

    assert_eq!(app.delete(&path, admin.token()).await.status, 200);
    let response = app.get("/api/v1/items/", user.token()).await;
    assert_eq!(response.status, 401, "{}", response.text);
}

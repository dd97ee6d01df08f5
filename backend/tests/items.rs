mod support;

use reqwest::Method;
use serde_json::json;
use support::{Json, TestApp, TestUser};

const ITEMS: &str = "/api/v1/items/";

fn item_path(item: &Json) -> String {
    format!(
        "/api/v1/items/{}",
        item["id"].as_str().expect("the item has an id")
    )
}

fn titles(page: &Json) -> Vec<&str> {
    page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["title"].as_str().unwrap())
        .collect()
}

/// Creates `titles` in order, as `user`.
async fn create_items(app: &TestApp, user: &TestUser, titles: &[&str]) -> Vec<Json> {
    let mut items = Vec::new();
    for title in titles {
        items.push(app.create_item(user, title).await);
    }
    items
}

/// The item as its owner reads it now.
async fn reread(app: &TestApp, owner: &TestUser, item: &Json) -> Json {
    let response = app.get(&item_path(item), owner.token()).await;
    assert_eq!(response.status, 200, "{}", response.text);
    response.body
}

// ---- POST /items/ ----

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
    assert_eq!(reread(&app, &user, &response.body).await, response.body);
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

// ---- GET /items/ ----

#[tokio::test]
async fn list_items_shows_only_the_callers_own_items() {
    let app = TestApp::spawn().await;
    let (alice, bob) = (app.new_user().await, app.new_user().await);
    create_items(&app, &alice, &["alice 1", "alice 2"]).await;
    create_items(&app, &bob, &["bob 1"]).await;
    let page = app.list_items(&alice).await;
    assert_eq!(page["count"], 2);
    assert_eq!(titles(&page), ["alice 2", "alice 1"]);
    for item in page["data"].as_array().unwrap() {
        assert_eq!(item["owner_id"], alice.id.to_string());
    }
    let page = app.list_items(&bob).await;
    assert_eq!(
        (page["count"].as_i64(), titles(&page)),
        (Some(1), vec!["bob 1"])
    );
}

#[tokio::test]
async fn list_items_is_newest_first() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    create_items(&app, &user, &["first", "second", "third"]).await;
    let page = app.list_items(&user).await;
    assert_eq!(titles(&page), ["third", "second", "first"]);
    let stamps: Vec<chrono::DateTime<chrono::FixedOffset>> = page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            chrono::DateTime::parse_from_rfc3339(item["created_at"].as_str().unwrap()).unwrap()
        })
        .collect();
    assert!(
        stamps.windows(2).all(|pair| pair[0] >= pair[1]),
        "{stamps:?}"
    );
}

#[tokio::test]
async fn list_items_of_a_user_without_items_is_empty() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    assert_eq!(
        app.list_items(&user).await,
        json!({ "data": [], "count": 0 })
    );
}

#[tokio::test]
async fn list_items_count_is_the_total_while_data_is_one_page() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    create_items(&app, &user, &["1", "2", "3", "4", "5"]).await;
    let pages = [
        ("?limit=2", vec!["5", "4"]),
        ("?skip=2&limit=2", vec!["3", "2"]),
        ("?skip=4&limit=2", vec!["1"]),
        ("?skip=1", vec!["4", "3", "2", "1"]),
        ("?skip=5", vec![]),
        ("?limit=0", vec![]),
        ("?skip=0&limit=1000", vec!["5", "4", "3", "2", "1"]),
    ];
    for (query, expected) in pages {
        let response = app.get(&format!("{ITEMS}{query}"), user.token()).await;
        assert_eq!(response.status, 200, "{query}: {}", response.text);
        assert_eq!(response.body["count"], 5, "{query}");
        assert_eq!(titles(&response.body), expected, "{query}");
    }
}

#[tokio::test]
async fn list_items_with_a_huge_but_valid_skip_is_empty_with_the_full_count() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    create_items(&app, &user, &["a", "b"]).await;
    for skip in [1_000_000_i64, i64::MAX] {
        let response = app.get(&format!("{ITEMS}?skip={skip}"), user.token()).await;
        assert_eq!(response.status, 200, "{skip}: {}", response.text);
        assert_eq!(response.body, json!({ "data": [], "count": 2 }), "{skip}");
    }
}

#[tokio::test]
async fn list_items_rejects_bad_paging_naming_the_parameter() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    create_items(&app, &user, &["kept"]).await;
    let bad = [
        ("skip=-1", "skip"),
        ("skip=abc", "skip"),
        ("skip=1.5", "skip"),
        ("skip=99999999999999999999", "skip"),
        ("limit=-1", "limit"),
        ("limit=1001", "limit"),
        ("limit=abc", "limit"),
        ("limit=", "limit"),
    ];
    for (query, field) in bad {
        let response = app.get(&format!("{ITEMS}?{query}"), user.token()).await;
        assert_eq!(response.status, 422, "{query}: {}", response.text);
        assert_eq!(
            response.error_fields(),
            [field],
            "{query}: {}",
            response.text
        );
        assert!(
            response.detail().contains(field),
            "{query}: {}",
            response.text
        );
    }
    let page = app.list_items(&user).await;
    assert_eq!(
        (page["count"].as_i64(), titles(&page)),
        (Some(1), vec!["kept"])
    );
}

#[tokio::test]
async fn superuser_lists_everyones_items() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let (alice, bob) = (app.new_user().await, app.new_user().await);
    create_items(&app, &alice, &["alice's"]).await;
    create_items(&app, &bob, &["bob's"]).await;
    create_items(&app, &admin, &["admin's"]).await;
    let page = app.list_items(&admin).await;
    assert_eq!(page["count"], 3);
    assert_eq!(titles(&page), ["admin's", "bob's", "alice's"]);
    let page = app
        .get(&format!("{ITEMS}?skip=1&limit=1"), admin.token())
        .await;
    assert_eq!(
        (page.body["count"].as_i64(), titles(&page.body)),
        (Some(3), vec!["bob's"])
    );
}

// ---- GET/PUT/DELETE /items/{id} ----

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
    assert_eq!(reread(&app, &user, &item).await, response.body);
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
        let now = reread(&app, &user, &created.body).await;
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
        assert_eq!(reread(&app, &user, &item).await, item, "{body}");
    }
}

#[tokio::test]
async fn owner_deletes_their_item() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let [keep, gone] =
        <[Json; 2]>::try_from(create_items(&app, &user, &["keep", "gone"]).await).unwrap();
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
    assert_eq!(reread(&app, &owner, &item).await, item);
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
    assert_eq!(reread(&app, &owner, &item).await["title"], "moderated");

    let deleted = app.delete(&path, admin.token()).await;
    assert_eq!(deleted.status, 200, "{}", deleted.text);
    assert_eq!(app.get(&path, owner.token()).await.status, 404);
    assert_eq!(app.item_count(&owner).await, 0);
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
    assert_eq!(reread(&app, &user, &item).await, item);
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
    assert_eq!(reread(&app, &user, &item).await, item);
    assert_eq!(app.item_count(&user).await, 1);
}

// ---- who may call ----

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
    assert_eq!(reread(&app, &owner, &item).await, item);
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
        assert_eq!(
            reread(&app, &user, &item).await["description"],
            path.as_str()
        );
    }
    let deleted = app
        .delete(&format!("{}/", item_path(&item)), user.token())
        .await;
    assert_eq!(deleted.status, 200, "{}", deleted.text);
    assert_eq!(app.get(&item_path(&item), user.token()).await.status, 404);
}

//! `GET /api/v1/items/`: newest first, paged, each user's own.

use serde_json::json;

use crate::support::paths::ITEMS;
use crate::support::{Json, TestApp};

fn titles(page: &Json) -> Vec<&str> {
    page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["title"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn list_items_shows_only_the_callers_own_items() {
    let app = TestApp::spawn().await;
    let (alice, bob) = (app.new_user().await, app.new_user().await);
    app.create_items(&alice, &["alice 1", "alice 2"]).await;
    app.create_items(&bob, &["bob 1"]).await;
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
    app.create_items(&user, &["first", "second", "third"]).await;
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
    app.create_items(&user, &["1", "2", "3", "4", "5"]).await;
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
    app.create_items(&user, &["a", "b"]).await;
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
    app.create_items(&user, &["kept"]).await;
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
    app.create_items(&alice, &["alice's"]).await;
    app.create_items(&bob, &["bob's"]).await;
    app.create_items(&admin, &["admin's"]).await;
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

//! Items: creating and reading them back.

use reqwest::header::CONTENT_TYPE;
use serde_json::json;

use super::paths::{ITEMS, item_path};
use super::{Json, TestApp, TestResponse, TestUser};

impl TestApp {
    /// Creates an item and returns it.
    pub async fn create_item(&self, user: &TestUser, title: &str) -> Json {
        let response = self
            .post(ITEMS, user.token(), json!({ "title": title }))
            .await;
        assert_eq!(
            response.status, 201,
            "create item failed: {}",
            response.text
        );
        response.body
    }

    /// Creates `titles` in order, as `user`.
    pub async fn create_items(&self, user: &TestUser, titles: &[&str]) -> Vec<Json> {
        let mut items = Vec::new();
        for title in titles {
            items.push(self.create_item(user, title).await);
        }
        items
    }

    /// A raw `POST` of `body` to the items route as `user`.
    pub async fn post_item_raw(
        &self,
        user: &TestUser,
        content_type: Option<&str>,
        body: impl Into<reqwest::Body>,
    ) -> TestResponse {
        let mut request = self
            .http
            .post(self.url(ITEMS))
            .bearer_auth(&user.access_token)
            .body(body);
        if let Some(content_type) = content_type {
            request = request.header(CONTENT_TYPE, content_type);
        }
        self.send(request).await
    }

    /// The item as its owner reads it now.
    pub async fn reread(&self, owner: &TestUser, item: &Json) -> Json {
        let response = self.get(&item_path(item), owner.token()).await;
        assert_eq!(response.status, 200, "{}", response.text);
        response.body
    }

    /// `GET /api/v1/items/` as the user: the `{data, count}` page.
    pub async fn list_items(&self, user: &TestUser) -> Json {
        let response = self.get(ITEMS, user.token()).await;
        assert_eq!(response.status, 200, "list items failed: {}", response.text);
        response.body
    }

    /// How many items the user sees (a superuser: all of them).
    pub async fn item_count(&self, user: &TestUser) -> i64 {
        self.list_items(user).await["count"]
            .as_i64()
            .expect("count is a number")
    }
}

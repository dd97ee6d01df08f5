//! HTTP helpers: one call per endpoint, answers read as JSON.

use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::json;
use uuid::Uuid;

use super::{SUPERUSER_EMAIL, SUPERUSER_PASSWORD, TestApp, unique_email};

pub type Json = serde_json::Value;

#[derive(Debug)]
pub struct TestResponse {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
    pub body: Json,
}

impl TestResponse {
    /// The error's readable `detail`.
    pub fn detail(&self) -> &str {
        self.body["detail"]
            .as_str()
            .unwrap_or_else(|| panic!("no detail in {}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The fields named in a 422's `errors`.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| e["field"].as_str().unwrap_or("").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A signed-in account.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: Uuid,
    pub email: String,
    pub password: String,
    pub access_token: String,
    pub refresh_token: String,
}

impl TestUser {
    pub fn token(&self) -> Option<&str> {
        Some(&self.access_token)
    }
}

impl TestApp {
    pub async fn send(&self, request: reqwest::RequestBuilder) -> TestResponse {
        let response = request.send().await.expect("the server answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Json::Null);
        TestResponse {
            status,
            headers,
            text,
            body,
        }
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Json>,
    ) -> TestResponse {
        let mut request = self.http.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        self.send(request).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> TestResponse {
        self.request(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Json) -> TestResponse {
        self.request(Method::POST, path, token, Some(body)).await
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: Json) -> TestResponse {
        self.request(Method::PUT, path, token, Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: Option<&str>, body: Json) -> TestResponse {
        self.request(Method::PATCH, path, token, Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> TestResponse {
        self.request(Method::DELETE, path, token, None).await
    }

    /// `POST /api/v1/login/access-token` with the OAuth2 password form.
    pub async fn login(&self, email: &str, password: &str) -> TestResponse {
        let form = [("username", email), ("password", password)];
        self.send(
            self.http
                .post(self.url("/api/v1/login/access-token"))
                .form(&form),
        )
        .await
    }

    async fn signed_in(&self, email: &str, password: &str) -> TestUser {
        let login = self.login(email, password).await;
        assert_eq!(login.status, 200, "login failed: {}", login.text);
        let me = self
            .get("/api/v1/users/me", login.body["access_token"].as_str())
            .await;
        TestUser {
            id: me.body["id"].as_str().unwrap().parse().unwrap(),
            email: email.to_owned(),
            password: password.to_owned(),
            access_token: login.body["access_token"].as_str().unwrap().to_owned(),
            refresh_token: login.body["refresh_token"].as_str().unwrap().to_owned(),
        }
    }

    /// The first superuser, signed in.
    pub async fn superuser(&self) -> TestUser {
        self.signed_in(SUPERUSER_EMAIL, SUPERUSER_PASSWORD).await
    }

    /// A new ordinary user (signed up through the API), signed in.
    pub async fn new_user(&self) -> TestUser {
        let email = unique_email();
        let password = "user-password-123";
        let signup = self.signup(&email, password).await;
        assert_eq!(signup.status, 201, "signup failed: {}", signup.text);
        self.signed_in(&email, password).await
    }

    pub async fn signup(&self, email: &str, password: &str) -> TestResponse {
        self.post(
            "/api/v1/users/signup",
            None,
            json!({ "email": email, "password": password }),
        )
        .await
    }

    /// Creates an item and returns it.
    pub async fn create_item(&self, user: &TestUser, title: &str) -> Json {
        let response = self
            .post("/api/v1/items/", user.token(), json!({ "title": title }))
            .await;
        assert_eq!(
            response.status, 201,
            "create item failed: {}",
            response.text
        );
        response.body
    }

    /// Deactivates a user as the superuser.
    pub async fn deactivate(&self, user: &TestUser) {
        let admin = self.superuser().await;
        let path = format!("/api/v1/users/{}", user.id);
        let response = self
            .patch(&path, admin.token(), json!({ "is_active": false }))
            .await;
        assert_eq!(response.status, 200, "{}", response.text);
    }
}

/// Helpers for the login, refresh and logout endpoints, and for requests
/// whose headers or bodies a well-behaved client would never send.
impl TestApp {
    /// `POST` of an `application/x-www-form-urlencoded` body.
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> TestResponse {
        self.send(self.http.post(self.url(path)).form(form)).await
    }

    /// A request with this exact `Authorization` header value.
    pub async fn with_authorization(
        &self,
        method: Method,
        path: &str,
        authorization: &str,
    ) -> TestResponse {
        let request = self
            .http
            .request(method, self.url(path))
            .header("authorization", authorization);
        self.send(request).await
    }

    /// `POST /api/v1/login/refresh`.
    pub async fn refresh(&self, refresh_token: &str) -> TestResponse {
        self.post(
            "/api/v1/login/refresh",
            None,
            json!({ "refresh_token": refresh_token }),
        )
        .await
    }

    /// `POST /api/v1/logout`.
    pub async fn logout(&self, refresh_token: &str) -> TestResponse {
        self.post(
            "/api/v1/logout",
            None,
            json!({ "refresh_token": refresh_token }),
        )
        .await
    }
}

/// Helpers for the items, errors and private tests.
impl TestApp {
    /// `GET /api/v1/items/` as the user: the `{data, count}` page.
    pub async fn list_items(&self, user: &TestUser) -> Json {
        let response = self.get("/api/v1/items/", user.token()).await;
        assert_eq!(response.status, 200, "list items failed: {}", response.text);
        response.body
    }

    /// How many items the user sees (a superuser: all of them).
    pub async fn item_count(&self, user: &TestUser) -> i64 {
        self.list_items(user).await["count"]
            .as_i64()
            .expect("count is a number")
    }

    /// How many accounts exist, as the superuser sees them.
    pub async fn user_count(&self) -> i64 {
        let admin = self.superuser().await;
        let response = self.get("/api/v1/users/?limit=1", admin.token()).await;
        assert_eq!(response.status, 200, "list users failed: {}", response.text);
        response.body["count"].as_i64().expect("count is a number")
    }
}

//! Accounts and sessions: signing up and in, the tokens of a session, and
//! what the superuser sees of the users.

use serde_json::json;
use uuid::Uuid;

use super::paths::{ME, SIGNUP, user_path};
use super::{Json, SUPERUSER_EMAIL, SUPERUSER_PASSWORD, TestApp, TestResponse, unique_email};

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

/// The tokens of one session.
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
}

/// The tokens of a 200 from login or refresh.
pub fn tokens(response: &TestResponse) -> Tokens {
    assert_eq!(response.status, 200, "{}", response.text);
    Tokens {
        access_token: response.body["access_token"].as_str().unwrap().to_owned(),
        refresh_token: response.body["refresh_token"].as_str().unwrap().to_owned(),
    }
}

impl TestApp {
    /// `POST /api/v1/login/access-token` with the OAuth2 password form.
    pub async fn login(&self, email: &str, password: &str) -> TestResponse {
        let form = [("username", email), ("password", password)];
        self.post_form("/api/v1/login/access-token", &form).await
    }

    async fn signed_in(&self, email: &str, password: &str) -> TestUser {
        let login = self.login(email, password).await;
        assert_eq!(login.status, 200, "login failed: {}", login.text);
        let me = self.get(ME, login.body["access_token"].as_str()).await;
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
        let body = json!({ "email": email, "password": password });
        self.post(SIGNUP, None, body).await
    }

    /// Deactivates a user as the superuser.
    pub async fn deactivate(&self, user: &TestUser) {
        let admin = self.superuser().await;
        let response = self
            .patch(
                &user_path(user.id),
                admin.token(),
                json!({ "is_active": false }),
            )
            .await;
        assert_eq!(response.status, 200, "{}", response.text);
    }

    /// `POST /api/v1/login/refresh`.
    pub async fn refresh(&self, refresh_token: &str) -> TestResponse {
        let body = json!({ "refresh_token": refresh_token });
        self.post("/api/v1/login/refresh", None, body).await
    }

    /// `POST /api/v1/logout`.
    pub async fn logout(&self, refresh_token: &str) -> TestResponse {
        let body = json!({ "refresh_token": refresh_token });
        self.post("/api/v1/logout", None, body).await
    }

    /// How many accounts exist, as the superuser sees them.
    pub async fn user_count(&self) -> i64 {
        let admin = self.superuser().await;
        let response = self.get("/api/v1/users/?limit=1", admin.token()).await;
        assert_eq!(response.status, 200, "list users failed: {}", response.text);
        response.body["count"].as_i64().expect("count is a number")
    }

    /// The user's record as the superuser reads it.
    pub async fn read_user(&self, admin: &TestUser, id: Uuid) -> Json {
        let response = self.get(&user_path(id), admin.token()).await;
        assert_eq!(response.status, 200, "{}", response.text);
        response.body
    }

    /// What a rejected request must leave as it was: every user record, and
    /// whether the user can still log in with their password.
    pub async fn users_snapshot(&self, admin: &TestUser, user: &TestUser) -> (Json, u16) {
        let users = self.get("/api/v1/users/?limit=1000", admin.token()).await;
        assert_eq!(users.status, 200, "{}", users.text);
        (
            users.body,
            self.login(&user.email, &user.password).await.status,
        )
    }
}

//! A client written for the FastAPI full-stack template's API works
//! unchanged: the journey below sends exactly what that template's generated
//! client sends (form login with every OAuth2 field, trailing-slash
//! collection paths, `skip`/`limit`) and checks the exact shapes it reads.

use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

use crate::support::paths::{ITEMS, ME, MY_PASSWORD, USERS, item_path, user_path};
use crate::support::{Json, SUPERUSER_EMAIL, SUPERUSER_PASSWORD, TestApp, unique_email};

const USER_PUBLIC: &[&str] = &[
    "created_at",
    "email",
    "full_name",
    "id",
    "is_active",
    "is_superuser",
];
const ITEM_PUBLIC: &[&str] = &["created_at", "description", "id", "owner_id", "title"];

fn keys(value: &Json) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

fn assert_timestamp_and_id(value: &Json) {
    let created_at = value["created_at"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(created_at).is_ok(),
        "{created_at}"
    );
    assert!(
        created_at.ends_with('Z'),
        "timestamps are UTC: {created_at}"
    );
    assert!(uuid::Uuid::parse_str(value["id"].as_str().unwrap()).is_ok());
}

/// What the FastAPI template's generated client posts to `/login/access-token`.
async fn template_client_login(app: &TestApp, email: &str, password: &str) -> String {
    let form = [
        ("grant_type", "password"),
        ("username", email),
        ("password", password),
        ("scope", ""),
        ("client_id", ""),
        ("client_secret", ""),
    ];
    let response = app.post_form("/api/v1/login/access-token", &form).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["token_type"], "bearer");
    response.body["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_fastapi_template_clients_journey_works_unchanged() {
    let app = TestApp::spawn().await;
    let admin = template_client_login(&app, SUPERUSER_EMAIL, SUPERUSER_PASSWORD).await;
    let me = app
        .post("/api/v1/login/test-token", Some(&admin), json!({}))
        .await;
    assert_eq!(keys(&me.body), USER_PUBLIC);
    assert_timestamp_and_id(&me.body);

    let email = unique_email();
    let body = json!({ "email": email, "password": "a-good-password", "full_name": "Ada" });
    let signup = app.post("/api/v1/users/signup", None, body).await;
    assert!((200..300).contains(&signup.status), "{}", signup.text);
    assert_eq!(keys(&signup.body), USER_PUBLIC);

    let users = app.get("/api/v1/users/?skip=0&limit=5", Some(&admin)).await;
    assert_eq!(keys(&users.body), ["count", "data"]);
    assert_eq!(users.body["count"], 2);
    assert_eq!(keys(&users.body["data"][0]), USER_PUBLIC);

    let user = template_client_login(&app, &email, "a-good-password").await;
    let item = app
        .post(
            "/api/v1/items/",
            Some(&user),
            json!({ "title": "Milk", "description": "2 l" }),
        )
        .await;
    assert!((200..300).contains(&item.status), "{}", item.text);
    assert_eq!(keys(&item.body), ITEM_PUBLIC);
    assert_timestamp_and_id(&item.body);
    let item_path = format!("/api/v1/items/{}", item.body["id"].as_str().unwrap());

    let items = app.get("/api/v1/items/?skip=0&limit=5", Some(&user)).await;
    assert_eq!(keys(&items.body), ["count", "data"]);
    assert_eq!(items.body["data"][0], item.body);

    let updated = app
        .put(&item_path, Some(&user), json!({ "title": "Oat milk" }))
        .await;
    assert_eq!(updated.body["title"], "Oat milk");
    assert_eq!(updated.body["description"], "2 l");

    let profile = app
        .patch(
            "/api/v1/users/me",
            Some(&user),
            json!({ "full_name": "Ada L." }),
        )
        .await;
    assert_eq!(profile.body["full_name"], "Ada L.");
    let body =
        json!({ "current_password": "a-good-password", "new_password": "a-better-password" });
    let password = app
        .patch("/api/v1/users/me/password", Some(&user), body)
        .await;
    assert_eq!(keys(&password.body), ["message"]);

    let deleted = app.delete(&item_path, Some(&user)).await;
    assert_eq!(deleted.status, 200);
    assert_eq!(keys(&deleted.body), ["message"]);
    let gone = app.get(&item_path, Some(&user)).await;
    assert_eq!(gone.status, 404);
    assert_eq!(gone.detail(), "Item not found");
}

#[tokio::test]
async fn the_fastapi_template_clients_error_handling_reads_detail() {
    let app = TestApp::spawn().await;
    let form = [
        ("username", SUPERUSER_EMAIL),
        ("password", "wrong-password"),
    ];
    let wrong = app.post_form("/api/v1/login/access-token", &form).await;
    assert_eq!(wrong.status, 400);
    assert_eq!(wrong.detail(), "Incorrect email or password");

    let duplicate = app
        .post(
            "/api/v1/users/signup",
            None,
            json!({ "email": SUPERUSER_EMAIL, "password": "whatever-123" }),
        )
        .await;
    assert_eq!(duplicate.status, 400);
    assert!(duplicate.body["detail"].is_string());

    let anonymous = app.get("/api/v1/users/me", None).await;
    assert_eq!(anonymous.status, 401);
    assert!(anonymous.body["detail"].is_string());
}

#[tokio::test]
async fn collection_paths_answer_the_same_with_and_without_the_trailing_slash() {
    let app = TestApp::spawn().await;
    let admin = template_client_login(&app, SUPERUSER_EMAIL, SUPERUSER_PASSWORD).await;
    for path in ["/api/v1/users/", "/api/v1/items/"] {
        let with_slash = app.get(path, Some(&admin)).await;
        let without = app.get(path.trim_end_matches('/'), Some(&admin)).await;
        assert_eq!(with_slash.status, 200, "{path}");
        assert!(
            with_slash.header("location").is_none(),
            "no redirect for {path}"
        );
        assert_eq!(with_slash.body, without.body, "{path}");
    }
}

/// Every error `detail` the FastAPI full-stack template's routes send,
/// provoked case by case: its clients match these texts, so each must be
/// the same, word for word (the statuses are this API's own where its
/// contract differs: 401 with a Bearer challenge for a missing, invalid or
/// orphaned token, 403 for an inactive user).
#[tokio::test]
async fn every_error_detail_is_worded_as_the_template_words_it() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let other = app.new_user().await;
    let item = app.create_item(&other, "Not yours").await;
    let item_path = item_path(&item);
    let unknown_item = format!("{ITEMS}{}", Uuid::new_v4());
    let unknown_user = user_path(Uuid::new_v4());
    let inactive = app.new_user().await;
    app.deactivate(&inactive).await;
    // After the deactivation, which cancels the links issued before it.
    let inactive_reset = app.issue_reset_token(&inactive).await;
    let deleted = app.new_user().await;
    let deleted_reset = app.issue_reset_token(&deleted).await;
    let removed = app.delete(&user_path(deleted.id), admin.token()).await;
    assert_eq!(removed.status, 200, "{}", removed.text);

    let new_password = "a-new-password-123";
    let (me, a, u) = (ME, admin.token(), user.token());
    let cases = [
        (
            "login, wrong password",
            app.login(&user.email, "wrong-password").await,
            400,
            "Incorrect email or password",
        ),
        (
            "login, inactive user",
            app.login(&inactive.email, &inactive.password).await,
            400,
            "Inactive user",
        ),
        (
            "reset, made-up token",
            app.reset_password("not-a-token", new_password).await,
            400,
            "Invalid token",
        ),
        (
            "reset, deleted user",
            app.reset_password(&deleted_reset, new_password).await,
            400,
            "Invalid token",
        ),
        (
            "reset, inactive user",
            app.reset_password(&inactive_reset, new_password).await,
            400,
            "Inactive user",
        ),
        (
            "recovery HTML, unknown email",
            app.recovery_html(&unique_email(), a).await,
            404,
            "The user with this username does not exist in the system.",
        ),
        (
            "no token",
            app.get(me, None).await,
            401,
            "Not authenticated",
        ),
        (
            "another scheme",
            app.with_authorization(Method::GET, me, "Basic YTpi").await,
            401,
            "Not authenticated",
        ),
        (
            "invalid token",
            app.get(me, Some("not-a-jwt")).await,
            401,
            "Could not validate credentials",
        ),
        (
            "blank bearer token",
            app.with_authorization(Method::GET, me, "Bearer ").await,
            401,
            "Could not validate credentials",
        ),
        (
            "token of a deleted user",
            app.get(me, deleted.token()).await,
            401,
            "User not found",
        ),
        (
            "token of an inactive user",
            app.get(me, inactive.token()).await,
            403,
            "Inactive user",
        ),
        (
            "not a superuser",
            app.get(USERS, u).await,
            403,
            "The user doesn't have enough privileges",
        ),
        (
            "admin create, email taken",
            app.post(
                USERS,
                a,
                json!({ "email": user.email, "password": new_password }),
            )
            .await,
            400,
            "The user with this email already exists in the system.",
        ),
        (
            "signup, email taken",
            app.signup(&user.email, new_password).await,
            400,
            "The user with this email already exists in the system",
        ),
        (
            "update me, email taken",
            app.patch(me, u, json!({ "email": other.email })).await,
            409,
            "User with this email already exists",
        ),
        (
            "update user, email taken",
            app.patch(&user_path(user.id), a, json!({ "email": other.email }))
                .await,
            409,
            "User with this email already exists",
        ),
        (
            "change password, wrong current",
            app.patch(
                MY_PASSWORD,
                u,
                json!({ "current_password": "wrong-password", "new_password": new_password }),
            )
            .await,
            400,
            "Incorrect password",
        ),
        (
            "change password, same as current",
            app.patch(
                MY_PASSWORD,
                u,
                json!({ "current_password": user.password, "new_password": user.password }),
            )
            .await,
            400,
            "New password cannot be the same as the current one",
        ),
        (
            "superuser deletes me",
            app.delete(me, a).await,
            403,
            "Super users are not allowed to delete themselves",
        ),
        (
            "superuser deletes own id",
            app.delete(&user_path(admin.id), a).await,
            403,
            "Super users are not allowed to delete themselves",
        ),
        (
            "read another user",
            app.get(&user_path(other.id), u).await,
            403,
            "The user doesn't have enough privileges",
        ),
        (
            "read unknown user",
            app.get(&unknown_user, a).await,
            404,
            "User not found",
        ),
        (
            "update unknown user",
            app.patch(&unknown_user, a, json!({ "full_name": "Nobody" }))
                .await,
            404,
            "The user with this id does not exist in the system",
        ),
        (
            "delete unknown user",
            app.delete(&unknown_user, a).await,
            404,
            "User not found",
        ),
        (
            "read unknown item",
            app.get(&unknown_item, u).await,
            404,
            "Item not found",
        ),
        (
            "update unknown item",
            app.put(&unknown_item, u, json!({ "title": "x" })).await,
            404,
            "Item not found",
        ),
        (
            "delete unknown item",
            app.delete(&unknown_item, u).await,
            404,
            "Item not found",
        ),
        (
            "read another's item",
            app.get(&item_path, u).await,
            403,
            "Not enough permissions",
        ),
        (
            "update another's item",
            app.put(&item_path, u, json!({ "title": "Mine" })).await,
            403,
            "Not enough permissions",
        ),
        (
            "delete another's item",
            app.delete(&item_path, u).await,
            403,
            "Not enough permissions",
        ),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter(|(_, response, status, detail)| {
            let challenged = response.header("www-authenticate") == Some("Bearer");
            response.status != *status
                || response.body["detail"] != *detail
                || (*status == 401 && !challenged)
        })
        .map(|(case, response, status, detail)| {
            format!(
                "{case}: expected {status} {detail:?}, got {} {}",
                response.status, response.text
            )
        })
        .collect();
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
    // Nothing refused above changed: the item is still the owner's own.
    assert_eq!(app.reread(&other, &item).await["title"], "Not yours");
}

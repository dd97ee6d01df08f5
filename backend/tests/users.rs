mod support;

use reqwest::Method;
use serde_json::json;
use support::{
    Json, SUPERUSER_EMAIL, SUPERUSER_PASSWORD, TestApp, TestResponse, TestUser, unique_email,
};
use uuid::Uuid;

const USERS: &str = "/api/v1/users/";
const ME: &str = "/api/v1/users/me";
const MY_PASSWORD: &str = "/api/v1/users/me/password";
const SIGNUP: &str = "/api/v1/users/signup";

// ---- the permission matrix ----

#[tokio::test]
async fn anonymous_callers_get_401_on_every_user_route_but_signup() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let target = app.new_user().await;
    let before = snapshot(&app, &admin, &target).await;
    for (method, path, body) in authenticated_routes(target.id) {
        let response = app.request(method.clone(), &path, None, body).await;
        assert_eq!(response.status, 401, "{method} {path}: {}", response.text);
        assert_eq!(
            response.header("www-authenticate"),
            Some("Bearer"),
            "{method} {path}"
        );
    }
    assert_eq!(snapshot(&app, &admin, &target).await, before);
}

#[tokio::test]
async fn an_inactive_user_gets_403_on_every_user_route() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let inactive = app.new_user().await;
    app.deactivate(&inactive).await;
    let before = snapshot(&app, &admin, &inactive).await;
    for (method, path, body) in authenticated_routes(inactive.id) {
        let response = app
            .request(method.clone(), &path, inactive.token(), body)
            .await;
        assert_eq!(response.status, 403, "{method} {path}: {}", response.text);
        assert_eq!(response.detail(), "Inactive user", "{method} {path}");
    }
    assert_eq!(snapshot(&app, &admin, &inactive).await, before);
}

#[tokio::test]
async fn an_ordinary_user_gets_403_on_superuser_routes_and_another_users_record() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let other = app.new_user().await;
    let before = snapshot(&app, &admin, &other).await;
    let other_path = user_path(other.id);
    let routes = [
        (Method::GET, USERS.to_owned(), None),
        (Method::POST, USERS.to_owned(), Some(new_user_body())),
        (Method::GET, other_path.clone(), None),
        (
            Method::PATCH,
            other_path.clone(),
            Some(json!({ "full_name": "Hijacked" })),
        ),
        (Method::DELETE, other_path, None),
    ];
    for (method, path, body) in routes {
        let response = app.request(method.clone(), &path, user.token(), body).await;
        assert_eq!(response.status, 403, "{method} {path}: {}", response.text);
        assert_eq!(response.detail(), "The user doesn't have enough privileges");
    }
    assert_eq!(snapshot(&app, &admin, &other).await, before);
}

#[tokio::test]
async fn an_ordinary_user_cannot_promote_themselves() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let by_id = app
        .patch(
            &user_path(user.id),
            user.token(),
            json!({ "is_superuser": true }),
        )
        .await;
    assert_eq!(by_id.status, 403);
    let me = app
        .patch(
            ME,
            user.token(),
            json!({ "is_superuser": true, "full_name": "Me" }),
        )
        .await;
    assert_eq!(me.status, 200, "unknown fields are ignored: {}", me.text);
    assert_eq!(
        read_user(&app, &admin, user.id).await["is_superuser"],
        false
    );
}

#[tokio::test]
async fn user_routes_answer_with_and_without_a_trailing_slash() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let by_id = user_path(user.id);
    for path in [
        "/api/v1/users",
        USERS,
        ME,
        "/api/v1/users/me/",
        &by_id,
        &format!("{by_id}/"),
    ] {
        let response = app.get(path, admin.token()).await;
        assert_eq!(response.status, 200, "{path}: {}", response.text);
    }
    for path in [SIGNUP, "/api/v1/users/signup/"] {
        let response = app
            .post(
                path,
                None,
                json!({ "email": unique_email(), "password": "signup-password" }),
            )
            .await;
        assert_eq!(response.status, 201, "{path}: {}", response.text);
    }
    for path in [MY_PASSWORD, "/api/v1/users/me/password/"] {
        let body =
            json!({ "current_password": "wrong-password", "new_password": "another-password" });
        assert_eq!(
            app.patch(path, user.token(), body).await.status,
            400,
            "{path}"
        );
    }
}

// ---- GET /users/ ----

#[tokio::test]
async fn superuser_lists_users_newest_first_with_the_total_count() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let (first, second, third) = (
        app.new_user().await,
        app.new_user().await,
        app.new_user().await,
    );
    let response = app.get(USERS, admin.token()).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["count"], 4);
    let newest_first = [
        third.email.as_str(),
        &second.email,
        &first.email,
        SUPERUSER_EMAIL,
    ];
    assert_eq!(emails(&response), newest_first);
    assert!(response.body["data"][0].get("hashed_password").is_none());
}

#[tokio::test]
async fn listing_users_pages_with_skip_and_limit() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let (first, second, _third) = (
        app.new_user().await,
        app.new_user().await,
        app.new_user().await,
    );
    let page = app
        .get("/api/v1/users/?skip=1&limit=2", admin.token())
        .await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert_eq!(page.body["count"], 4);
    assert_eq!(emails(&page), [second.email.as_str(), &first.email]);
    let empty = app.get("/api/v1/users?limit=0", admin.token()).await;
    assert_eq!(empty.status, 200);
    assert_eq!(empty.body, json!({ "data": [], "count": 4 }));
    let past_the_end = app
        .get("/api/v1/users/?skip=10&limit=1000", admin.token())
        .await;
    assert_eq!(past_the_end.status, 200);
    assert_eq!(past_the_end.body["data"], json!([]));
}

#[tokio::test]
async fn listing_users_rejects_bad_pagination_with_422() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let cases = [
        ("skip=-1", "skip"),
        ("limit=1001", "limit"),
        ("limit=-1", "limit"),
        ("skip=abc", "skip"),
        ("limit=ten", "limit"),
        ("limit=1.5", "limit"),
        ("skip=99999999999999999999", "skip"),
    ];
    for (query, field) in cases {
        let response = app.get(&format!("{USERS}?{query}"), admin.token()).await;
        assert_eq!(response.status, 422, "{query}: {}", response.text);
        assert_eq!(response.error_fields(), [field], "{query}");
    }
}

// ---- POST /users/ ----

#[tokio::test]
async fn superuser_creates_a_user_with_201_and_the_password_never_in_the_response() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let email = unique_email();
    let body = json!({ "email": email, "password": "created-password", "full_name": "Created", "is_superuser": true });
    let response = app.post("/api/v1/users", admin.token(), body).await;
    assert_eq!(response.status, 201, "{}", response.text);
    assert_eq!(response.body["email"], email);
    assert_eq!(response.body["full_name"], "Created");
    assert_eq!(
        (&response.body["is_active"], &response.body["is_superuser"]),
        (&json!(true), &json!(true))
    );
    assert!(!response.text.contains("created-password") && !response.text.contains("password"));
    assert_eq!(app.login(&email, "created-password").await.status, 200);
}

#[tokio::test]
async fn creating_a_user_with_a_taken_email_is_400_whatever_its_case() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let existing = app.new_user().await;
    let before = snapshot(&app, &admin, &existing).await;
    for email in [
        existing.email.clone(),
        existing.email.to_uppercase(),
        SUPERUSER_EMAIL.to_owned(),
    ] {
        let body =
            json!({ "email": email, "password": "impostor-password", "full_name": "Impostor" });
        let response = app.post(USERS, admin.token(), body).await;
        assert_eq!(response.status, 400, "{email}: {}", response.text);
        assert_eq!(
            response.detail(),
            "The user with this email already exists in the system."
        );
    }
    assert_eq!(snapshot(&app, &admin, &existing).await, before);
    assert_eq!(
        app.login(&existing.email, "impostor-password").await.status,
        400
    );
}

#[tokio::test]
async fn creating_a_user_with_invalid_fields_is_422_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let count = user_count(&app, &admin).await;
    let body =
        json!({ "email": "not-an-email", "password": "short", "full_name": "x".repeat(256) });
    let response = app.post(USERS, admin.token(), body).await;
    assert_eq!(response.status, 422, "{}", response.text);
    assert_eq!(response.error_fields(), ["email", "password", "full_name"]);
    assert_eq!(user_count(&app, &admin).await, count);
}

// ---- /users/me ----

#[tokio::test]
async fn a_user_reads_their_own_record() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let response = app.get(ME, user.token()).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.body["id"], user.id.to_string());
    assert_eq!(response.body["email"], user.email);
    assert_eq!(response.body["full_name"], Json::Null);
    assert!(
        response.body["created_at"]
            .as_str()
            .unwrap()
            .parse::<chrono::DateTime<chrono::Utc>>()
            .is_ok()
    );
    assert!(!response.text.contains("password"));
}

#[tokio::test]
async fn a_user_updates_their_full_name_and_email() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let email = unique_email();
    let response = app
        .patch(
            ME,
            user.token(),
            json!({ "full_name": "New Name", "email": email }),
        )
        .await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(
        (&response.body["full_name"], &response.body["email"]),
        (&json!("New Name"), &json!(email))
    );
    assert_eq!(app.get(ME, user.token()).await.body, response.body);
    assert_eq!(app.login(&email, &user.password).await.status, 200);
    assert_eq!(app.login(&user.email, &user.password).await.status, 400);
}

#[tokio::test]
async fn updating_ones_email_to_a_taken_one_is_409_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let other = app.new_user().await;
    let before = app.get(ME, user.token()).await.body;
    for taken in [
        other.email.clone(),
        other.email.to_uppercase(),
        SUPERUSER_EMAIL.to_owned(),
    ] {
        let response = app
            .patch(
                ME,
                user.token(),
                json!({ "email": taken, "full_name": "Changed" }),
            )
            .await;
        assert_eq!(response.status, 409, "{taken}: {}", response.text);
        assert_eq!(response.detail(), "User with this email already exists");
    }
    assert_eq!(app.get(ME, user.token()).await.body, before);
}

#[tokio::test]
async fn updating_ones_profile_with_invalid_fields_is_422_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let before = app.get(ME, user.token()).await.body;
    let cases = [
        (
            json!({ "email": "not-an-email", "full_name": "Changed" }),
            vec!["email"],
        ),
        (
            json!({ "email": format!("{}@example.com", "a".repeat(250)) }),
            vec!["email"],
        ),
        (json!({ "full_name": "x".repeat(256) }), vec!["full_name"]),
        (json!({ "full_name": "nul\0name" }), vec!["full_name"]),
        (
            json!({ "email": "a b@example.com", "full_name": "x".repeat(256) }),
            vec!["email", "full_name"],
        ),
        (json!({ "email": 5 }), vec!["email"]),
    ];
    for (body, fields) in cases {
        let response = app.patch(ME, user.token(), body.clone()).await;
        assert_eq!(response.status, 422, "{body}: {}", response.text);
        assert_eq!(response.error_fields(), fields, "{body}");
    }
    assert_eq!(app.get(ME, user.token()).await.body, before);
}

#[tokio::test]
async fn superuser_cannot_delete_self() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let by_me = app.delete(ME, admin.token()).await;
    assert_eq!(by_me.status, 403);
    assert_eq!(
        by_me.detail(),
        "Super users are not allowed to delete themselves"
    );
    let by_id = app.delete(&user_path(admin.id), admin.token()).await;
    assert_eq!(by_id.status, 403);
    assert_eq!(
        by_id.detail(),
        "Super users are not allowed to delete themselves"
    );
    assert_eq!(
        app.get(ME, admin.token()).await.body["id"],
        admin.id.to_string()
    );
}

#[tokio::test]
async fn a_user_deletes_themselves_and_their_token_and_items_go_too() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let item = app.create_item(&user, "doomed").await;
    let response = app.delete("/api/v1/users/me/", user.token()).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["message"], "User deleted successfully");
    assert_eq!(app.get(ME, user.token()).await.status, 401);
    assert_eq!(
        app.get(&user_path(user.id), admin.token()).await.status,
        404
    );
    assert_eq!(app.get(&item_path(&item), admin.token()).await.status, 404);
    assert_eq!(app.login(&user.email, &user.password).await.status, 400);
}

// ---- PATCH /users/me/password ----

#[tokio::test]
async fn changing_ones_password_with_a_wrong_current_password_is_400_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let body = json!({ "current_password": "wrong-password", "new_password": "a-new-password" });
    let response = app.patch(MY_PASSWORD, user.token(), body).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.detail(), "Incorrect password");
    assert_password_is(&app, &user, &user.password, "a-new-password").await;
}

#[tokio::test]
async fn changing_ones_password_to_the_same_one_is_400() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let body = json!({ "current_password": user.password, "new_password": user.password });
    let response = app.patch(MY_PASSWORD, user.token(), body).await;
    assert_eq!(response.status, 400);
    assert_eq!(
        response.detail(),
        "New password cannot be the same as the current one"
    );
    assert_eq!(
        app.refresh(&user.refresh_token).await.status,
        200,
        "no session was ended"
    );
}

#[tokio::test]
async fn changing_ones_password_to_a_too_short_one_is_422_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let too_long = "x".repeat(129);
    for new_password in ["1234567", &too_long] {
        let body = json!({ "current_password": user.password, "new_password": new_password });
        let response = app.patch(MY_PASSWORD, user.token(), body).await;
        assert_eq!(response.status, 422, "{}", response.text);
        assert_eq!(response.error_fields(), ["new_password"]);
        assert_password_is(&app, &user, &user.password, new_password).await;
    }
    let missing = app
        .patch(
            MY_PASSWORD,
            user.token(),
            json!({ "new_password": "a-new-password" }),
        )
        .await;
    assert_eq!(
        (missing.status, missing.error_fields()),
        (422, vec!["current_password".to_owned()])
    );
}

#[tokio::test]
async fn changing_ones_password_replaces_the_old_one() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let body = json!({ "current_password": user.password, "new_password": "a-new-password" });
    let response = app.patch(MY_PASSWORD, user.token(), body).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["message"], "Password updated successfully");
    assert_password_is(&app, &user, "a-new-password", &user.password).await;
}

// ---- POST /users/signup ----

#[tokio::test]
async fn signup_creates_an_active_ordinary_user_with_201() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    let body = json!({ "email": email, "password": "signup-password", "full_name": "Newcomer" });
    let response = app.post(SIGNUP, None, body).await;
    assert_eq!(response.status, 201, "{}", response.text);
    assert_eq!(
        (&response.body["email"], &response.body["full_name"]),
        (&json!(email), &json!("Newcomer"))
    );
    assert_eq!(
        (&response.body["is_active"], &response.body["is_superuser"]),
        (&json!(true), &json!(false))
    );
    assert!(!response.text.contains("password"));
    assert_eq!(app.login(&email, "signup-password").await.status, 200);
}

#[tokio::test]
async fn signup_cannot_create_a_superuser() {
    let app = TestApp::spawn().await;
    let body =
        json!({ "email": unique_email(), "password": "signup-password", "is_superuser": true });
    let response = app.post(SIGNUP, None, body).await;
    assert_eq!(response.status, 201, "{}", response.text);
    assert_eq!(response.body["is_superuser"], false);
}

#[tokio::test]
async fn signup_accepts_the_limits_of_each_field() {
    let app = TestApp::spawn().await;
    let body =
        json!({ "email": unique_email(), "password": "12345678", "full_name": "x".repeat(255) });
    assert_eq!(app.post(SIGNUP, None, body).await.status, 201);
    let body = json!({ "email": unique_email(), "password": "é".repeat(128) });
    assert_eq!(app.post(SIGNUP, None, body).await.status, 201);
}

#[tokio::test]
async fn signup_with_a_taken_email_is_400_whatever_its_case() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let existing = app.new_user().await;
    let before = snapshot(&app, &admin, &existing).await;
    for email in [
        existing.email.clone(),
        existing.email.to_uppercase(),
        SUPERUSER_EMAIL.to_owned(),
    ] {
        let response = app.signup(&email, "impostor-password").await;
        assert_eq!(response.status, 400, "{email}: {}", response.text);
        assert_eq!(
            response.detail(),
            "The user with this email already exists in the system"
        );
    }
    assert_eq!(snapshot(&app, &admin, &existing).await, before);
    assert_eq!(
        app.login(SUPERUSER_EMAIL, SUPERUSER_PASSWORD).await.status,
        200
    );
}

#[tokio::test]
async fn signup_rejects_each_invalid_field_with_422_naming_it_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let count = user_count(&app, &admin).await;
    let email = unique_email();
    let cases = [
        (
            json!({ "email": "not-an-email", "password": "signup-password" }),
            "email",
        ),
        (
            json!({ "email": "user@localhost", "password": "signup-password" }),
            "email",
        ),
        (json!({ "email": email, "password": "1234567" }), "password"),
        (
            json!({ "email": email, "password": "x".repeat(129) }),
            "password",
        ),
        (
            json!({ "email": email, "password": "signup-password", "full_name": "x".repeat(256) }),
            "full_name",
        ),
        (
            json!({ "email": email, "password": "signup-password", "full_name": "a\0b" }),
            "full_name",
        ),
        (json!({ "password": "signup-password" }), "email"),
        (json!({ "email": email }), "password"),
        (json!({ "email": email, "password": 12345678 }), "password"),
    ];
    for (body, field) in cases {
        let response = app.post(SIGNUP, None, body.clone()).await;
        assert_eq!(response.status, 422, "{body}: {}", response.text);
        assert_eq!(response.error_fields(), [field], "{body}");
        assert!(
            response.detail().contains(field),
            "{body}: {}",
            response.text
        );
    }
    assert_eq!(user_count(&app, &admin).await, count);
    assert_eq!(app.login(&email, "signup-password").await.status, 400);
}

#[tokio::test]
async fn signup_lists_every_invalid_field_at_once() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let count = user_count(&app, &admin).await;
    let body = json!({ "email": "nope", "password": "short", "full_name": "x".repeat(256) });
    let response = app.post(SIGNUP, None, body).await;
    assert_eq!(response.status, 422, "{}", response.text);
    assert_eq!(response.error_fields(), ["email", "password", "full_name"]);
    assert_eq!(user_count(&app, &admin).await, count);
}

// ---- GET /users/{id} ----

#[tokio::test]
async fn a_user_reads_their_own_record_by_id() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let response = app.get(&user_path(user.id), user.token()).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.body, app.get(ME, user.token()).await.body);
}

#[tokio::test]
async fn a_user_cannot_read_another_users_record_even_an_unknown_one() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let other = app.new_user().await;
    for id in [other.id, Uuid::new_v4()] {
        let response = app.get(&user_path(id), user.token()).await;
        assert_eq!(response.status, 403, "{id}: {}", response.text);
        assert!(!response.text.contains(&other.email));
    }
}

#[tokio::test]
async fn superuser_reads_any_user_by_id() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let response = app.get(&user_path(user.id), admin.token()).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.body, app.get(ME, user.token()).await.body);
}

#[tokio::test]
async fn reading_an_unknown_user_is_404_for_a_superuser() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let response = app.get(&user_path(Uuid::new_v4()), admin.token()).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.detail(), "User not found");
}

#[tokio::test]
async fn a_malformed_user_id_is_422() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let before = snapshot(&app, &admin, &user).await;
    for id in ["not-a-uuid", "123", "00000000-0000-0000-0000-00000000000g"] {
        let path = format!("{USERS}{id}");
        let read = app.get(&path, admin.token()).await;
        let update = app
            .patch(&path, admin.token(), json!({ "full_name": "Changed" }))
            .await;
        let delete = app.delete(&path, admin.token()).await;
        for response in [read, update, delete] {
            assert_eq!(response.status, 422, "{id}: {}", response.text);
            assert_eq!(response.error_fields(), ["id"]);
        }
    }
    assert_eq!(snapshot(&app, &admin, &user).await, before);
}

// ---- PATCH /users/{id} ----

#[tokio::test]
async fn superuser_updates_a_user() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let email = unique_email();
    let body = json!({ "email": email, "full_name": "Renamed", "is_superuser": true });
    let response = app.patch(&user_path(user.id), admin.token(), body).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["email"], email);
    assert_eq!(response.body["full_name"], "Renamed");
    assert_eq!(response.body["is_superuser"], true);
    assert_eq!(read_user(&app, &admin, user.id).await, response.body);
    assert_eq!(
        app.get(USERS, user.token()).await.status,
        200,
        "now a superuser"
    );
}

#[tokio::test]
async fn updating_an_unknown_user_is_404() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let count = user_count(&app, &admin).await;
    let response = app
        .patch(
            &user_path(Uuid::new_v4()),
            admin.token(),
            json!({ "full_name": "Ghost" }),
        )
        .await;
    assert_eq!(response.status, 404);
    assert_eq!(
        response.detail(),
        "The user with this id does not exist in the system"
    );
    assert_eq!(user_count(&app, &admin).await, count);
}

#[tokio::test]
async fn updating_a_user_to_a_taken_email_is_409_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let other = app.new_user().await;
    let before = read_user(&app, &admin, user.id).await;
    for taken in [other.email.clone(), other.email.to_uppercase()] {
        let body = json!({ "email": taken, "full_name": "Changed", "is_superuser": true });
        let response = app.patch(&user_path(user.id), admin.token(), body).await;
        assert_eq!(response.status, 409, "{taken}: {}", response.text);
        assert_eq!(response.detail(), "User with this email already exists");
    }
    assert_eq!(read_user(&app, &admin, user.id).await, before);
}

#[tokio::test]
async fn updating_a_user_with_invalid_fields_is_422_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let before = read_user(&app, &admin, user.id).await;
    let cases = [
        (
            json!({ "email": "nope", "full_name": "Changed" }),
            vec!["email"],
        ),
        (
            json!({ "password": "short", "is_superuser": true }),
            vec!["password"],
        ),
        (
            json!({ "full_name": "x".repeat(256), "password": "x".repeat(129) }),
            vec!["full_name", "password"],
        ),
        (json!({ "is_active": "no" }), vec!["is_active"]),
    ];
    for (body, fields) in cases {
        let response = app
            .patch(&user_path(user.id), admin.token(), body.clone())
            .await;
        assert_eq!(response.status, 422, "{body}: {}", response.text);
        assert_eq!(response.error_fields(), fields, "{body}");
    }
    assert_eq!(read_user(&app, &admin, user.id).await, before);
    assert_password_is(&app, &user, &user.password, "short").await;
}

#[tokio::test]
async fn a_password_set_by_the_superuser_lets_the_user_log_in_with_it() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let body = json!({ "password": "set-by-the-admin" });
    let response = app.patch(&user_path(user.id), admin.token(), body).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert!(!response.text.contains("set-by-the-admin"));
    assert_password_is(&app, &user, "set-by-the-admin", &user.password).await;
    assert_eq!(
        app.refresh(&user.refresh_token).await.status,
        401,
        "the old sessions ended"
    );
}

// ---- DELETE /users/{id} ----

#[tokio::test]
async fn superuser_deletes_a_user_and_their_items_go_with_them() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let bystander = app.new_user().await;
    let doomed = [
        app.create_item(&user, "one").await,
        app.create_item(&user, "two").await,
    ];
    let kept = app.create_item(&bystander, "kept").await;

    let response = app.delete(&user_path(user.id), admin.token()).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["message"], "User deleted successfully");
    assert_eq!(
        app.get(&user_path(user.id), admin.token()).await.status,
        404
    );
    for item in &doomed {
        assert_eq!(app.get(&item_path(item), admin.token()).await.status, 404);
    }
    let items = app.get("/api/v1/items/", admin.token()).await;
    assert_eq!(items.body["count"], 1);
    assert_eq!(items.body["data"][0]["id"], kept["id"]);
    assert_eq!(app.get(ME, user.token()).await.status, 401);
}

#[tokio::test]
async fn deleting_an_unknown_user_is_404() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let count = user_count(&app, &admin).await;
    let response = app.delete(&user_path(Uuid::new_v4()), admin.token()).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.detail(), "User not found");
    assert_eq!(user_count(&app, &admin).await, count);
}

#[tokio::test]
async fn an_ordinary_user_cannot_delete_another_user_or_themselves_by_id() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let victim = app.new_user().await;
    let item = app.create_item(&victim, "precious").await;
    for id in [victim.id, user.id, admin.id] {
        assert_eq!(
            app.delete(&user_path(id), user.token()).await.status,
            403,
            "{id}"
        );
    }
    assert_eq!(
        read_user(&app, &admin, victim.id).await["email"],
        victim.email
    );
    assert_eq!(app.get(ME, user.token()).await.status, 200);
    assert_eq!(app.get(&item_path(&item), victim.token()).await.status, 200);
}

// ---- helpers ----

fn user_path(id: Uuid) -> String {
    format!("{USERS}{id}")
}

fn item_path(item: &Json) -> String {
    format!("/api/v1/items/{}", item["id"].as_str().unwrap())
}

fn new_user_body() -> Json {
    json!({ "email": unique_email(), "password": "created-password" })
}

/// Every route under `/api/v1/users` that needs a signed-in caller, with a
/// body that would succeed for a caller allowed to use it.
fn authenticated_routes(id: Uuid) -> Vec<(Method, String, Option<Json>)> {
    let password =
        json!({ "current_password": "user-password-123", "new_password": "a-new-password" });
    vec![
        (Method::GET, USERS.to_owned(), None),
        (Method::GET, "/api/v1/users".to_owned(), None),
        (Method::POST, USERS.to_owned(), Some(new_user_body())),
        (Method::GET, ME.to_owned(), None),
        (
            Method::PATCH,
            ME.to_owned(),
            Some(json!({ "full_name": "Changed" })),
        ),
        (Method::DELETE, ME.to_owned(), None),
        (Method::PATCH, MY_PASSWORD.to_owned(), Some(password)),
        (Method::POST, "/api/v1/login/test-token".to_owned(), None),
        (Method::GET, user_path(id), None),
        (
            Method::PATCH,
            user_path(id),
            Some(json!({ "full_name": "Changed", "is_superuser": true })),
        ),
        (Method::DELETE, user_path(id), None),
    ]
}

/// What a rejected request must leave as it was: every user record, and
/// whether the user can still log in with their password.
async fn snapshot(app: &TestApp, admin: &TestUser, user: &TestUser) -> (Json, u16) {
    let users = app.get("/api/v1/users/?limit=1000", admin.token()).await;
    assert_eq!(users.status, 200, "{}", users.text);
    (
        users.body,
        app.login(&user.email, &user.password).await.status,
    )
}

async fn read_user(app: &TestApp, admin: &TestUser, id: Uuid) -> Json {
    let response = app.get(&user_path(id), admin.token()).await;
    assert_eq!(response.status, 200, "{}", response.text);
    response.body
}

async fn user_count(app: &TestApp, admin: &TestUser) -> i64 {
    app.get(USERS, admin.token()).await.body["count"]
        .as_i64()
        .unwrap()
}

fn emails(response: &TestResponse) -> Vec<&str> {
    response.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|user| user["email"].as_str().unwrap())
        .collect()
}

/// The user logs in with `works` and not with `fails`.
async fn assert_password_is(app: &TestApp, user: &TestUser, works: &str, fails: &str) {
    assert_eq!(
        app.login(&user.email, works).await.status,
        200,
        "{works} should work"
    );
    assert_eq!(
        app.login(&user.email, fails).await.status,
        400,
        "{fails} should not work"
    );
}

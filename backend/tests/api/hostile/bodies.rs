//! Malicious request bodies: deep nesting, floods of keys, empty, oversized
//! and wrongly shaped bodies on every body-reading route. (Malformed JSON,
//! content types and the size limit on the items route are in
//! `errors::bodies`.)

use reqwest::Method;

use super::{
    FORM, JSON, LOGIN, assert_duplicate, assert_refused, assert_still_serving, database_state, raw,
};
use crate::support::TestApp;
use crate::support::paths::{ITEMS, ME, SIGNUP, USERS, user_path};

#[tokio::test]
async fn ten_thousand_levels_of_nesting_are_a_4xx_and_the_server_lives_on() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let depth = 10_000;
    let bodies = [
        "[".repeat(depth),
        format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
        format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)),
        format!("{{\"title\":{}", "[".repeat(depth)),
        format!(
            "{{\"title\":\"ok\",\"description\":{}}}",
            "{\"a\":".repeat(depth)
        ),
    ];
    for body in bodies {
        let response = raw(&app, Method::POST, ITEMS, Some(&user), JSON, body.clone()).await;
        assert!([400, 422].contains(&response.status), "{}", response.text);
        assert_refused(&response, response.status);
        let signup = raw(&app, Method::POST, SIGNUP, None, JSON, body).await;
        assert!([400, 422].contains(&signup.status), "{}", signup.text);
    }
    assert_still_serving(&app).await;
    assert_eq!(app.item_count(&user).await, 0);
}

#[tokio::test]
async fn thousands_of_keys_are_read_and_ignored_without_harm() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let keys: Vec<String> = (0..5_000).map(|i| format!("\"k{i}\":0")).collect();
    let without_title = format!("{{{}}}", keys.join(","));
    let response = raw(&app, Method::POST, ITEMS, Some(&user), JSON, without_title).await;
    assert_refused(&response, 422);
    assert_eq!(response.error_fields(), ["title"]);
    let repeated = format!("{{{}}}", vec!["\"title\":\"a\""; 5_000].join(","));
    let response = raw(&app, Method::POST, ITEMS, Some(&user), JSON, repeated).await;
    assert_duplicate(&response, "title");
    assert_eq!(app.item_count(&user).await, 0);
    let with_title = format!("{{\"title\":\"kept\",{}}}", keys.join(","));
    let response = raw(&app, Method::POST, ITEMS, Some(&user), JSON, with_title).await;
    assert_eq!(response.status, 201, "{}", response.text);
    assert_eq!(response.body["title"], "kept");
    assert_eq!(app.item_count(&user).await, 1);
}

#[tokio::test]
async fn empty_bodies_and_wrong_types_on_every_json_route_are_4xx_and_change_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let item = app.create_item(&user, "kept").await;
    let item_path = format!("{ITEMS}{}", item["id"].as_str().unwrap());
    let before = database_state(&app).await;
    let routes = [
        (Method::POST, ITEMS.to_owned(), Some(&user)),
        (Method::PUT, item_path, Some(&user)),
        (Method::POST, SIGNUP.to_owned(), None),
        (Method::PATCH, ME.to_owned(), Some(&user)),
        (
            Method::PATCH,
            "/api/v1/users/me/password".to_owned(),
            Some(&user),
        ),
        (Method::POST, USERS.to_owned(), Some(&admin)),
        (Method::PATCH, user_path(user.id), Some(&admin)),
        (Method::POST, "/api/v1/reset-password/".to_owned(), None),
        (Method::POST, "/api/v1/login/refresh".to_owned(), None),
        (Method::POST, "/api/v1/logout".to_owned(), None),
    ];
    for (method, path, caller) in routes {
        let label = format!("{method} {path}");
        let empty = raw(&app, method.clone(), &path, caller, JSON, "").await;
        assert_refused(&empty, 400);
        for body in ["null", "[]", "\"text\"", "42", "true"] {
            let response = raw(&app, method.clone(), &path, caller, JSON, body).await;
            assert_refused(&response, 422);
            assert_eq!(
                response.detail(),
                "body: must be a JSON object",
                "{label} {body}"
            );
        }
        let typed = raw(&app, method.clone(), &path, caller, "text/plain", "{}").await;
        assert_refused(&typed, 415);
        let huge = format!("{{\"x\":\"{}\"}}", "x".repeat(app.config.max_body_bytes));
        let too_big = raw(&app, method.clone(), &path, caller, JSON, huge).await;
        assert_refused(&too_big, 413);
        let object = raw(&app, method, &path, caller, JSON, "{}").await;
        assert!(
            [200, 422].contains(&object.status),
            "{label}: {}",
            object.text
        );
    }
    assert_eq!(database_state(&app).await, before);
}

#[tokio::test]
async fn a_json_array_is_not_read_as_an_object() {
    // serde reads a struct from an array of its fields in order; the API
    // documents objects only, so an array is refused like any other shape.
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let item = app.create_item(&user, "kept").await;
    let path = format!("{ITEMS}{}", item["id"].as_str().unwrap());
    let before = database_state(&app).await;
    let attempts = [
        raw(
            &app,
            Method::POST,
            ITEMS,
            Some(&user),
            JSON,
            r#"["from an array", null]"#,
        )
        .await,
        raw(
            &app,
            Method::PUT,
            &path,
            Some(&user),
            JSON,
            r#"["renamed", "by array"]"#,
        )
        .await,
        raw(
            &app,
            Method::POST,
            SIGNUP,
            None,
            JSON,
            r#"["array@example.com", "password-123", null]"#,
        )
        .await,
    ];
    for response in attempts {
        assert_refused(&response, 422);
        assert_eq!(response.error_fields(), ["body"]);
        assert!(!response.text.contains("struct"), "{}", response.text);
    }
    assert_eq!(database_state(&app).await, before);
}

#[tokio::test]
async fn a_login_form_over_the_size_limit_is_413() {
    let app = TestApp::spawn().await;
    let password = "x".repeat(app.config.max_body_bytes);
    let body = format!("username=admin%40example.com&password={password}");
    let response = raw(&app, Method::POST, LOGIN, None, FORM, body).await;
    assert_refused(&response, 413);
}

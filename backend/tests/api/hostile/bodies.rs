//! Malicious request bodies: deep nesting, floods of keys, empty, oversized
//! and wrongly shaped bodies on every body-reading route (every operation
//! the OpenAPI document gives a body). (Malformed JSON, content types and
//! the size limit on the items route are in `errors::bodies`.)

use reqwest::Method;

use super::{
    FORM, JSON, LOGIN, assert_duplicate, assert_refused, assert_still_serving, database_state, raw,
};
use crate::support::documented::{Fixture, Operation};
use crate::support::paths::{ITEMS, SIGNUP};
use crate::support::{Json, TestApp};

/// The documented operations that read a JSON body, a valid path and caller
/// for each, and how many there are today (so the derivation cannot quietly
/// find none).
async fn json_operations(app: &TestApp) -> (Vec<Operation>, Fixture) {
    let operations = app.documented_operations().await;
    let fixture = Fixture::new(app, &operations).await;
    let json: Vec<Operation> = operations
        .into_iter()
        .filter(Operation::takes_json)
        .collect();
    assert!(json.len() >= 12, "{} operations take JSON", json.len());
    (json, fixture)
}

#[tokio::test]
async fn ten_thousand_levels_of_nesting_are_a_4xx_and_the_server_lives_on() {
    let app = TestApp::spawn().await;
    let (operations, fixture) = json_operations(&app).await;
    let before = database_state(&app).await;
    let depth = 10_000;
    let bodies = [
        "[".repeat(depth),
        format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
        format!("{{\"title\":{}", "[".repeat(depth)),
        format!(
            "{{\"title\":\"ok\",\"description\":{}}}",
            "{\"a\":".repeat(depth)
        ),
    ];
    // An unknown field is skipped however deep it goes (serde_json skips
    // without recursing): the operation answers as it does to `{}`, a 422
    // for a missing field or a change of nothing.
    let deep_unknown = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    for operation in &operations {
        let (path, caller) = (fixture.path(operation), fixture.signer(operation));
        let method = operation.method.clone();
        for body in &bodies {
            let response = raw(&app, method.clone(), &path, caller, JSON, body.clone()).await;
            assert!(
                [400, 422].contains(&response.status),
                "{operation}: {}",
                response.text
            );
            assert_refused(&response, response.status);
        }
        let empty = raw(&app, method.clone(), &path, caller, JSON, "{}").await;
        let deep = raw(&app, method, &path, caller, JSON, deep_unknown.clone()).await;
        assert_eq!(deep.status, empty.status, "{operation}: {}", deep.text);
        assert!(
            [operation.success(), 422].contains(&deep.status),
            "{operation}"
        );
        if deep.status == 422 {
            assert_refused(&deep, 422);
        }
    }
    assert_still_serving(&app).await;
    assert_eq!(database_state(&app).await, before);
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
    let (operations, fixture) = json_operations(&app).await;
    let before = database_state(&app).await;
    for operation in &operations {
        let (method, label) = (operation.method.clone(), operation.to_string());
        let (path, caller) = (fixture.path(operation), fixture.signer(operation));
        let empty = raw(&app, method.clone(), &path, caller, JSON, "").await;
        assert_eq!(empty.status, 400, "{label}: {}", empty.text);
        assert_refused(&empty, 400);
        for body in ["null", "[]", "\"text\"", "42", "true"] {
            let response = raw(&app, method.clone(), &path, caller, JSON, body).await;
            assert_eq!(response.status, 422, "{label} {body}: {}", response.text);
            assert_refused(&response, 422);
            assert_eq!(
                response.detail(),
                "body: must be a JSON object",
                "{label} {body}"
            );
        }
        let typed = raw(&app, method.clone(), &path, caller, "text/plain", "{}").await;
        assert_eq!(typed.status, 415, "{label}: {}", typed.text);
        assert_refused(&typed, 415);
        let huge = format!("{{\"x\":\"{}\"}}", "x".repeat(app.config.max_body_bytes));
        let too_big = raw(&app, method.clone(), &path, caller, JSON, huge).await;
        assert_eq!(too_big.status, 413, "{label}: {}", too_big.text);
        assert_refused(&too_big, 413);
        // `{}` is a valid update (nothing changes), or lacks a required field.
        let object = raw(&app, method, &path, caller, JSON, "{}").await;
        assert!(
            [operation.success(), 422].contains(&object.status),
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
    let (operations, fixture) = json_operations(&app).await;
    let before = database_state(&app).await;
    let mut attempts = vec![
        (
            Method::POST,
            ITEMS.to_owned(),
            None,
            r#"["from an array", null]"#.to_owned(),
        ),
        (
            Method::POST,
            SIGNUP.to_owned(),
            None,
            r#"["array@example.com", "password-123", null]"#.to_owned(),
        ),
    ];
    for operation in &operations {
        // The values of a valid body, in order: what serde would read.
        let body = fixture.body(operation).unwrap();
        let mut values: Vec<Json> = body.as_object().unwrap().values().cloned().collect();
        if values.is_empty() {
            values = vec![Json::from("renamed"), Json::from("by array")];
        }
        let array = Json::Array(values).to_string();
        attempts.push((
            operation.method.clone(),
            fixture.path(operation),
            Some(operation),
            array,
        ));
    }
    for (method, path, operation, body) in attempts {
        let caller = match operation {
            Some(operation) => fixture.signer(operation),
            None if path == ITEMS => Some(&fixture.user),
            None => None,
        };
        let response = raw(&app, method.clone(), &path, caller, JSON, body.clone()).await;
        assert_eq!(
            response.status, 422,
            "{method} {path} {body}: {}",
            response.text
        );
        assert_refused(&response, 422);
        assert_eq!(response.error_fields(), ["body"], "{method} {path} {body}");
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

#[tokio::test]
async fn every_form_over_the_size_limit_is_413_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let operations = app.documented_operations().await;
    let fixture = Fixture::new(&app, &operations).await;
    let forms: Vec<&Operation> = operations
        .iter()
        .filter(|op| op.body.as_ref().is_some_and(|body| body.form))
        .collect();
    assert!(!forms.is_empty(), "the login form is documented");
    let before = database_state(&app).await;
    for operation in forms {
        let fields = fixture.body(operation).unwrap();
        let mut pairs: Vec<String> = fields
            .as_object()
            .unwrap()
            .keys()
            .map(|name| format!("{name}=x"))
            .collect();
        pairs.push(format!("padding={}", "x".repeat(app.config.max_body_bytes)));
        let (path, caller) = (fixture.path(operation), fixture.signer(operation));
        let method = operation.method.clone();
        let response = raw(&app, method, &path, caller, FORM, pairs.join("&")).await;
        assert_eq!(response.status, 413, "{operation}: {}", response.text);
        assert_refused(&response, 413);
    }
    assert_eq!(database_state(&app).await, before);
}

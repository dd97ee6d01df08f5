//! Every error, from routing to validation, has the same JSON envelope.

use std::collections::BTreeMap;

use reqwest::Method;
use serde_json::json;

use crate::support::documented::{Fixture, Operation};
use crate::support::paths::{ITEMS, item_path};
use crate::support::{TestApp, assert_error_envelope, every_row};

// ---- routing ----

#[tokio::test]
async fn unknown_route_is_404_json_with_a_detail() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let item = app.create_item(&user, "exists").await;
    let nested = format!("/api/v1/items/{}/extra", item["id"].as_str().unwrap());
    for path in [
        "/nope",
        "/api/v1/nope",
        "/api/v2/items/",
        "/api/v1/items/a/b",
        nested.as_str(),
    ] {
        for token in [None, user.token()] {
            let response = app.get(path, token).await;
            assert_error_envelope(&response, 404);
            assert_eq!(response.detail(), "Not Found", "{path}");
        }
    }
}

#[tokio::test]
async fn wrong_method_is_405_json_with_a_detail_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let item = app.create_item(&user, "exists").await;
    let one = item_path(&item);
    let cases = [
        (Method::PATCH, ITEMS, "GET,HEAD,POST"),
        (Method::DELETE, "/api/v1/items", "GET,HEAD,POST"),
        (Method::PATCH, one.as_str(), "GET,HEAD,PUT,DELETE"),
        (Method::POST, one.as_str(), "GET,HEAD,PUT,DELETE"),
        (Method::PUT, "/health", "GET,HEAD"),
        (Method::DELETE, "/api/v1/utils/health-check/", "GET,HEAD"),
    ];
    for (method, path, allow) in cases {
        let response = app
            .request(
                method.clone(),
                path,
                user.token(),
                Some(json!({ "title": "x" })),
            )
            .await;
        assert_error_envelope(&response, 405);
        assert_eq!(response.detail(), "Method Not Allowed", "{method} {path}");
        assert_eq!(response.header("allow"), Some(allow), "{method} {path}");
    }
    assert_eq!(
        app.list_items(&user).await,
        json!({ "data": [item], "count": 1 })
    );
}

#[tokio::test]
async fn below_every_documented_path_is_404_and_every_other_method_405() {
    let app = TestApp::spawn().await;
    let operations = app.documented_operations().await;
    let fixture = Fixture::new(&app, &operations).await;
    let mut paths: BTreeMap<&str, Vec<&Operation>> = BTreeMap::new();
    for operation in &operations {
        paths
            .entry(operation.path.as_str())
            .or_default()
            .push(operation);
    }
    assert!(paths.len() >= 20, "{} documented paths", paths.len());
    let before = every_row(&mut app.db.connect().await).await;
    let token = fixture.admin.token();
    for (template, documented) in &paths {
        let path = fixture.path(documented[0]);
        // One segment below a collection is its `/{id}` route: two then.
        let collection = paths.keys().any(|other| {
            other
                .strip_prefix(*template)
                .and_then(|rest| rest.strip_prefix("/{"))
                .is_some_and(|rest| rest.ends_with('}') && !rest.contains('/'))
        });
        let below = match collection {
            true => format!("{path}/extra/unknown"),
            false => format!("{path}/extra"),
        };
        let below = app.get(&below, token).await;
        assert_eq!(below.status, 404, "below {template}: {}", below.text);
        assert_error_envelope(&below, 404);
        assert_eq!(below.detail(), "Not Found", "{template}");

        let mut allowed: Vec<Method> = documented.iter().map(|op| op.method.clone()).collect();
        if allowed.contains(&Method::GET) {
            allowed.push(Method::HEAD);
        }
        let others = [
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ];
        for method in others.into_iter().filter(|m| !allowed.contains(m)) {
            let body = Some(json!({ "title": "x" }));
            let response = app.request(method.clone(), &path, token, body).await;
            assert_eq!(
                response.status, 405,
                "{method} {template}: {}",
                response.text
            );
            assert_error_envelope(&response, 405);
            assert_eq!(
                response.detail(),
                "Method Not Allowed",
                "{method} {template}"
            );
            let mut allow: Vec<&str> = response
                .header("allow")
                .unwrap_or_default()
                .split(',')
                .collect();
            let mut expected: Vec<&str> = allowed.iter().map(Method::as_str).collect();
            allow.sort_unstable();
            expected.sort_unstable();
            assert_eq!(allow, expected, "{method} {template}");
        }
    }
    assert_eq!(every_row(&mut app.db.connect().await).await, before);
}

#[tokio::test]
async fn every_secured_operation_without_a_token_is_401_with_the_envelope() {
    let app = TestApp::spawn().await;
    let operations = app.documented_operations().await;
    let fixture = Fixture::new(&app, &operations).await;
    let secured: Vec<&Operation> = operations.iter().filter(|op| op.secured).collect();
    assert!(secured.len() >= 17, "{} secured operations", secured.len());
    let before = every_row(&mut app.db.connect().await).await;
    for operation in secured {
        let response = fixture.send(&app, operation, None).await;
        assert_eq!(response.status, 401, "{operation}: {}", response.text);
        assert_error_envelope(&response, 401);
        assert_eq!(
            response.header("www-authenticate"),
            Some("Bearer"),
            "{operation}"
        );
        assert!(
            operation.documents(401),
            "{operation} does not document its 401"
        );
    }
    assert_eq!(every_row(&mut app.db.connect().await).await, before);
}

#[tokio::test]
async fn a_malformed_id_is_422_naming_it_on_every_operation_with_one() {
    let app = TestApp::spawn().await;
    let operations = app.documented_operations().await;
    let fixture = Fixture::new(&app, &operations).await;
    let before = every_row(&mut app.db.connect().await).await;
    let mut count = 0;
    for operation in &operations {
        for parameter in &operation.path_params {
            if parameter.schema["format"] != "uuid" {
                continue;
            }
            count += 1;
            for malformed in ["not-a-uuid", "1", "00000000-0000-0000-0000-00000000000g"] {
                let path = fixture.path_with(operation, Some((&parameter.name, malformed)));
                let token = fixture.caller(operation).access_token.clone();
                let body = fixture.body(operation);
                let response = app
                    .request(operation.method.clone(), &path, Some(&token), body)
                    .await;
                assert_eq!(
                    response.status, 422,
                    "{operation} {path}: {}",
                    response.text
                );
                assert_error_envelope(&response, 422);
                assert_eq!(
                    response.error_fields(),
                    std::slice::from_ref(&parameter.name),
                    "{operation} {path}"
                );
            }
        }
    }
    assert!(count >= 6, "{count} operations take an id");
    assert_eq!(every_row(&mut app.db.connect().await).await, before);
}

// ---- every error looks the same ----

#[tokio::test]
async fn every_error_body_is_json_with_a_string_detail_and_no_internals() {
    let app = TestApp::spawn().await;
    let (owner, other) = (app.new_user().await, app.new_user().await);
    let item = app.create_item(&owner, "owned").await;
    let one = item_path(&item);
    let missing = format!("/api/v1/items/{}", uuid::Uuid::new_v4());
    let big = json!({ "title": "x".repeat(100_000) }).to_string();
    let cases = [
        (
            app.post_item_raw(&owner, Some("application/json"), "{")
                .await,
            400,
        ),
        (app.login(&owner.email, "wrong-password").await, 400),
        (app.get(ITEMS, None).await, 401),
        (app.get(ITEMS, Some("garbage")).await, 401),
        (app.get(&one, other.token()).await, 403),
        (app.get(&missing, owner.token()).await, 404),
        (app.get("/definitely/not/here", None).await, 404),
        (
            app.request(Method::PATCH, ITEMS, owner.token(), None).await,
            405,
        ),
        (
            app.post_item_raw(&owner, Some("application/json"), big)
                .await,
            413,
        ),
        (
            app.post_item_raw(&owner, Some("text/plain"), "x").await,
            415,
        ),
        (
            app.post(ITEMS, owner.token(), json!({ "title": 1 })).await,
            422,
        ),
        (app.get("/api/v1/items/?limit=x", owner.token()).await, 422),
        (
            app.get("/api/v1/items/not-a-uuid", owner.token()).await,
            422,
        ),
    ];
    for (response, status) in &cases {
        assert_error_envelope(response, *status);
    }
    assert_eq!(
        app.list_items(&owner).await,
        json!({ "data": [item], "count": 1 })
    );
}

#[tokio::test]
async fn unauthorized_answers_carry_www_authenticate_bearer() {
    let app = TestApp::spawn().await;
    let cases = [
        (Method::GET, ITEMS, None),
        (Method::GET, "/api/v1/users/me", None),
        (Method::POST, "/api/v1/login/test-token", None),
        (Method::GET, ITEMS, Some("not-a-jwt")),
        (
            Method::GET,
            ITEMS,
            Some("eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"),
        ),
    ];
    for (method, path, token) in cases {
        let response = app.request(method.clone(), path, token, None).await;
        assert_error_envelope(&response, 401);
        assert_eq!(
            response.header("www-authenticate"),
            Some("Bearer"),
            "{method} {path} {token:?}"
        );
    }
    for authorization in ["Basic dXNlcjpwYXNz", "Bearer", "Bearer    "] {
        let request = app
            .http
            .get(app.url(ITEMS))
            .header("authorization", authorization);
        let response = app.send(request).await;
        assert_error_envelope(&response, 401);
        assert_eq!(
            response.header("www-authenticate"),
            Some("Bearer"),
            "{authorization:?}"
        );
    }
}

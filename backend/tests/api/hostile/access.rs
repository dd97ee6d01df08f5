//! One user against another's data, and ordinary users reaching for
//! superuser powers: 403 or 404 as the contract says, and nothing changes.
//! (The route-by-route permission matrices are in `items::access` and
//! `users::permissions`; these check the database itself.)

use std::collections::HashMap;

use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

use super::{assert_refused, database_state};
use crate::support::documented::{Fixture, Operation, minimal_body, owned_collections, rows_of};
use crate::support::paths::{ITEMS, ME, USERS, item_path, user_path};
use crate::support::{Json, TestApp, unique_email};

/// The detail of a 403 for want of a superuser.
const NOT_A_SUPERUSER: &str = "The user doesn't have enough privileges";

#[tokio::test]
async fn another_users_row_of_every_owned_collection_is_403_on_every_verb_and_unchanged() {
    // Every collection whose rows have an owner (read from the document:
    // `POST /X` answers with an `owner_id`, and `/X/{id}` exists), items
    // and every resource added since alike.
    let app = TestApp::spawn().await;
    let operations = app.documented_operations().await;
    let collections = owned_collections(&operations);
    assert!(
        collections.iter().any(|c| c == "/api/v1/items"),
        "{collections:?}"
    );
    let fixture = Fixture::new(&app, &operations).await;
    let intruder = app.new_user().await;
    // The intruder's own rows: a reference in a body (`project_id`) then
    // points at a row the intruder may use, so that only the row in the
    // path can be what is refused.
    let own = rows_of(&app, &operations, &intruder, &Default::default()).await;
    let before = database_state(&app).await;
    for collection in &collections {
        let by_id = format!("{collection}/{{id}}");
        let create = operations
            .iter()
            .find(|op| op.method == Method::POST && op.path == *collection)
            .unwrap();
        let verbs: Vec<&Operation> = operations.iter().filter(|op| op.path == by_id).collect();
        assert!(!verbs.is_empty(), "{by_id} is documented");
        for operation in verbs {
            let path = fixture.path(operation);
            let id = fixture.row_id(collection);
            let needed = &create.body.as_ref().unwrap().schema;
            // A valid body for the verb, so that only the row in the path
            // can be what is refused (an invalid one is a 422 for anyone).
            let valid = operation
                .body
                .as_ref()
                .map(|body| hijacking_body(&body.schema, needed, &own));
            let mut bodies = vec![valid.clone()];
            if let Some(body) = &operation.body
                && body.schema["required"].as_array().is_none_or(Vec::is_empty)
            {
                // Nothing at all, where the document allows it.
                bodies.push(Some(json!({})));
            }
            for body in bodies {
                let response = app
                    .request(operation.method.clone(), &path, intruder.token(), body)
                    .await;
                assert_eq!(
                    response.status, 403,
                    "{operation} by another user: {}",
                    response.text
                );
                assert_refused(&response, 403);
                assert!(
                    !response.text.contains(id),
                    "{operation}: {}",
                    response.text
                );
            }
            // An id nobody has is 404 for the owner, whatever the verb.
            let unknown = fixture.path_with(operation, Some(("id", &Uuid::new_v4().to_string())));
            let response = app
                .request(
                    operation.method.clone(),
                    &unknown,
                    fixture.user.token(),
                    valid,
                )
                .await;
            assert_eq!(response.status, 404, "{operation}: {}", response.text);
            assert_refused(&response, 404);
        }
    }
    assert_eq!(database_state(&app).await, before);
}

/// A body for an update of `schema` setting each property a new row needs
/// (`needed`): values the intruder could use on a row of their own.
fn hijacking_body(schema: &Json, needed: &Json, own: &HashMap<String, String>) -> Json {
    let mut body = minimal_body(needed, own).unwrap();
    let properties = schema["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    body.as_object_mut()
        .unwrap()
        .retain(|name, _| properties.contains_key(name));
    body
}

#[tokio::test]
async fn an_ordinary_user_gets_403_on_every_documented_superuser_operation() {
    let app = TestApp::spawn().await;
    let operations = app.documented_operations().await;
    let fixture = Fixture::new(&app, &operations).await;
    let only_superusers: Vec<&Operation> =
        operations.iter().filter(|op| op.superuser_only).collect();
    assert!(
        only_superusers.len() >= 6,
        "{} superuser-only operations",
        only_superusers.len()
    );
    let (before, queued) = (database_state(&app).await, app.queue_stats().await);
    for operation in only_superusers {
        assert!(operation.secured && operation.documents(403), "{operation}");
        let response = fixture
            .send(&app, operation, Some(&fixture.user.access_token))
            .await;
        assert_eq!(response.status, 403, "{operation}: {}", response.text);
        assert_refused(&response, 403);
        assert_eq!(response.detail(), NOT_A_SUPERUSER, "{operation}");
    }
    assert_eq!(database_state(&app).await, before);
    assert_eq!(app.queue_stats().await, queued, "no email was queued");
}

#[tokio::test]
async fn another_users_item_is_403_on_every_verb_and_unchanged_in_the_database() {
    let app = TestApp::spawn().await;
    let (owner, intruder) = (app.new_user().await, app.new_user().await);
    let item = app.create_item(&owner, "private").await;
    let path = item_path(&item);
    let before = database_state(&app).await;
    let attempts = [
        app.get(&path, intruder.token()).await,
        app.put(
            &path,
            intruder.token(),
            json!({ "title": "hijacked", "description": "x" }),
        )
        .await,
        app.put(&path, intruder.token(), json!({})).await,
        app.delete(&path, intruder.token()).await,
    ];
    for response in attempts {
        assert_refused(&response, 403);
        assert!(!response.text.contains("private"), "{}", response.text);
    }
    assert_eq!(database_state(&app).await, before);
}

#[tokio::test]
async fn an_unknown_or_malformed_item_id_is_404_or_422_for_anyone() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    app.create_item(&user, "mine").await;
    let before = database_state(&app).await;
    let unknown = format!("{ITEMS}{}", Uuid::new_v4());
    for response in [
        app.get(&unknown, user.token()).await,
        app.put(&unknown, user.token(), json!({ "title": "x" }))
            .await,
        app.delete(&unknown, user.token()).await,
    ] {
        assert_refused(&response, 404);
    }
    for id in [
        "1",
        "1%20OR%201=1",
        "%27%3B%20DROP%20TABLE%20items%3B--",
        "00000000-0000-0000-0000-00000000000g",
    ] {
        let response = app.get(&format!("{ITEMS}{id}"), user.token()).await;
        assert_refused(&response, 422);
        assert_eq!(response.error_fields(), ["id"], "{id}");
    }
    assert_eq!(database_state(&app).await, before);
}

#[tokio::test]
async fn an_item_cannot_be_planted_on_or_moved_to_another_user() {
    let app = TestApp::spawn().await;
    let (user, victim) = (app.new_user().await, app.new_user().await);
    let planted = app
        .post(
            ITEMS,
            user.token(),
            json!({ "title": "planted", "owner_id": victim.id, "id": Uuid::nil() }),
        )
        .await;
    assert_eq!(
        planted.status, 201,
        "unknown fields are ignored: {}",
        planted.text
    );
    assert_eq!(planted.body["owner_id"], user.id.to_string());
    assert_ne!(planted.body["id"], Uuid::nil().to_string());
    let moved = app
        .put(
            &item_path(&planted.body),
            user.token(),
            json!({ "owner_id": victim.id }),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.text);
    assert_eq!(moved.body["owner_id"], user.id.to_string());
    assert_eq!(app.item_count(&victim).await, 0);
    let mut db = app.db.connect().await;
    let owners: Vec<Uuid> = sqlx::query_scalar("SELECT owner_id FROM items")
        .fetch_all(&mut db)
        .await
        .unwrap();
    assert_eq!(owners, [user.id]);
}

#[tokio::test]
async fn an_ordinary_user_gets_403_on_every_superuser_route_and_nothing_changes() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let (user, other) = (app.new_user().await, app.new_user().await);
    let (before, queued) = (database_state(&app).await, app.queue_stats().await);
    let routes = [
        (Method::GET, USERS.to_owned(), None),
        (Method::GET, format!("{USERS}?limit=1000"), None),
        (
            Method::POST,
            USERS.to_owned(),
            Some(
                json!({ "email": unique_email(), "password": "password-123", "is_superuser": true }),
            ),
        ),
        (
            Method::PATCH,
            user_path(other.id),
            Some(json!({ "is_active": false })),
        ),
        (
            Method::PATCH,
            user_path(user.id),
            Some(json!({ "is_superuser": true })),
        ),
        (
            Method::PATCH,
            user_path(admin.id),
            Some(json!({ "password": "taken-over-123" })),
        ),
        (Method::DELETE, user_path(other.id), None),
        (Method::DELETE, user_path(admin.id), None),
        (
            Method::POST,
            "/api/v1/utils/test-email/?email_to=x@example.com".to_owned(),
            None,
        ),
        (
            Method::POST,
            "/api/v1/password-recovery-html-content/admin@example.com".to_owned(),
            None,
        ),
    ];
    for (method, path, body) in routes {
        let response = app.request(method.clone(), &path, user.token(), body).await;
        assert_refused(&response, 403);
        assert!(
            !response.text.contains(&other.email),
            "{method} {path}: {}",
            response.text
        );
    }
    assert_eq!(database_state(&app).await, before);
    assert_eq!(app.queue_stats().await, queued, "no email was queued");
}

#[tokio::test]
async fn patching_oneself_with_privileged_fields_escalates_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let before = database_state(&app).await;
    let body = json!({
        "is_superuser": true, "is_active": false, "id": Uuid::nil(),
        "hashed_password": "x", "created_at": "2000-01-01T00:00:00Z",
        "sessions_revoked_at": null,
    });
    let response = app.patch(ME, user.token(), body).await;
    assert_eq!(
        response.status, 200,
        "unknown fields are ignored: {}",
        response.text
    );
    assert_eq!(
        (&response.body["is_superuser"], &response.body["is_active"]),
        (&json!(false), &json!(true))
    );
    assert_eq!(database_state(&app).await, before, "nothing was written");
    assert_refused(&app.get(USERS, user.token()).await, 403);
}

#[tokio::test]
async fn signing_up_with_privileged_fields_makes_an_ordinary_active_user() {
    let app = TestApp::spawn().await;
    let email = unique_email();
    let body = json!({
        "email": email, "password": "password-123", "is_superuser": true,
        "is_active": false, "id": Uuid::nil(), "hashed_password": "$argon2id$forged",
    });
    let response = app.post("/api/v1/users/signup", None, body).await;
    assert_eq!(response.status, 201, "{}", response.text);
    let mut db = app.db.connect().await;
    let (id, superuser, active, hash): (Uuid, bool, bool, String) = sqlx::query_as(
        "SELECT id, is_superuser, is_active, hashed_password FROM users WHERE email = $1",
    )
    .bind(&email)
    .fetch_one(&mut db)
    .await
    .unwrap();
    assert_ne!(id, Uuid::nil());
    assert_eq!((superuser, active), (false, true));
    assert_ne!(hash, "$argon2id$forged");
    assert_eq!(app.login(&email, "password-123").await.status, 200);
}

//! Duplicate keys in JSON bodies and forms: serde's derived structs refuse
//! them, so neither copy of a field (a password, `is_superuser`) can slip
//! past the validation of the other. A deliberate, tested 422; repeated
//! query parameters are in `pagination`.

use reqwest::Method;

use super::{FORM, JSON, LOGIN, assert_duplicate, database_state, raw};
use crate::support::documented::Fixture;
use crate::support::paths::{ITEMS, ME, SIGNUP, USERS, user_path};
use crate::support::{Json, SUPERUSER_EMAIL, SUPERUSER_PASSWORD, TestApp};

#[tokio::test]
async fn every_json_body_with_a_property_sent_twice_is_422_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let operations = app.documented_operations().await;
    let fixture = Fixture::new(&app, &operations).await;
    let before = database_state(&app).await;
    let mut count = 0;
    for operation in operations.iter().filter(|op| op.takes_json()) {
        let schema = &operation.body.as_ref().unwrap().schema;
        let properties = schema["properties"].as_object().expect("properties");
        // A required property if there is one, so that it is not the lack
        // of one that is refused.
        let required = schema["required"].as_array().and_then(|r| r.first());
        let name = required
            .and_then(Json::as_str)
            .or_else(|| properties.keys().next().map(String::as_str))
            .unwrap_or_else(|| panic!("{operation} documents no property"));
        let mut valid = fixture.body(operation).unwrap();
        let value = valid
            .as_object_mut()
            .unwrap()
            .remove(name)
            .unwrap_or(Json::from("x"));
        let pair = format!("{}:{value}", Json::from(name));
        let mut fields = vec![pair.clone(), pair];
        fields.extend(
            valid
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| format!("{}:{v}", Json::from(k.as_str()))),
        );
        let body = format!("{{{}}}", fields.join(","));
        let (path, caller) = (fixture.path(operation), fixture.signer(operation));
        let response = raw(&app, operation.method.clone(), &path, caller, JSON, body).await;
        assert_duplicate(&response, name);
        count += 1;
    }
    assert!(count >= 12, "{count} operations take JSON");
    assert_eq!(database_state(&app).await, before);
}

#[tokio::test]
async fn a_json_body_with_a_duplicate_key_is_422_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let before = database_state(&app).await;
    let cases = [
        (
            Method::POST,
            ITEMS.to_owned(),
            Some(&user),
            r#"{"title":"a","title":"b"}"#,
            "title",
        ),
        (
            Method::POST,
            SIGNUP.to_owned(),
            None,
            r#"{"email":"dup@example.com","password":"short","password":"long-enough-123"}"#,
            "password",
        ),
        (
            Method::POST,
            SIGNUP.to_owned(),
            None,
            r#"{"email":"a@example.com","email":"not an email","password":"long-enough-123"}"#,
            "email",
        ),
        (
            Method::PATCH,
            ME.to_owned(),
            Some(&user),
            r#"{"full_name":"a","full_name":"b"}"#,
            "full_name",
        ),
        (
            Method::PATCH,
            user_path(user.id),
            Some(&admin),
            r#"{"is_superuser":false,"is_superuser":true}"#,
            "is_superuser",
        ),
        (
            Method::POST,
            USERS.to_owned(),
            Some(&admin),
            r#"{"email":"x@example.com","password":"password-123","is_superuser":false,"is_superuser":true}"#,
            "is_superuser",
        ),
        (
            Method::POST,
            "/api/v1/reset-password/".to_owned(),
            None,
            r#"{"token":"prt_x","new_password":"short","new_password":"long-enough-123"}"#,
            "new_password",
        ),
        (
            Method::POST,
            "/api/v1/login/refresh".to_owned(),
            None,
            r#"{"refresh_token":"a","refresh_token":"b"}"#,
            "refresh_token",
        ),
    ];
    for (method, path, caller, body, field) in cases {
        let response = raw(&app, method, &path, caller, JSON, body).await;
        assert_duplicate(&response, field);
    }
    assert_eq!(database_state(&app).await, before);
}

#[tokio::test]
async fn a_login_form_with_a_duplicate_field_is_422() {
    let app = TestApp::spawn().await;
    let before = database_state(&app).await;
    let email = SUPERUSER_EMAIL.replace('@', "%40");
    let bodies = [
        (
            format!("username={email}&password=wrong-password&password={SUPERUSER_PASSWORD}"),
            "password",
        ),
        (
            format!("username=nobody%40example.com&username={email}&password={SUPERUSER_PASSWORD}"),
            "username",
        ),
        (
            format!(
                "grant_type=client_credentials&grant_type=password&username={email}&password={SUPERUSER_PASSWORD}"
            ),
            "grant_type",
        ),
    ];
    for (body, field) in bodies {
        let response = raw(&app, Method::POST, LOGIN, None, FORM, body).await;
        assert_duplicate(&response, field);
    }
    assert_eq!(database_state(&app).await, before, "no session was started");
}

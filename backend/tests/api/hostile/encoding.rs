//! Bytes that are not UTF-8 (in a form body, a path segment) and JSON
//! strings that are not Unicode: a 4xx problem, nothing changed.
//! (Invalid UTF-8 in a JSON body is in `errors::bodies`.)

use reqwest::Method;

use super::{FORM, JSON, LOGIN, assert_refused, database_state, raw};
use crate::support::TestApp;
use crate::support::paths::ITEMS;

#[tokio::test]
async fn a_login_form_with_bytes_that_are_not_utf8_is_400() {
    let app = TestApp::spawn().await;
    let before = database_state(&app).await;
    let bodies: [&[u8]; 4] = [
        b"username=admin%40example.com&password=\xff\xfe",
        b"username=admin%40example.com&password=%FF%FE",
        b"username=\xffadmin%40example.com&password=superuser-password-123",
        b"username=admin%40example.com\xc0\x80&password=superuser-password-123",
    ];
    for body in bodies {
        let response = raw(&app, Method::POST, LOGIN, None, FORM, body.to_vec()).await;
        assert_refused(&response, 400);
        assert_eq!(response.detail(), "Incorrect email or password");
    }
    assert_eq!(database_state(&app).await, before);
}

#[tokio::test]
async fn a_json_string_with_a_lone_surrogate_is_400() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    for body in [r#"{"title":"\ud800"}"#, r#"{"title":"\udc00x"}"#] {
        let response = raw(&app, Method::POST, ITEMS, Some(&user), JSON, body).await;
        assert_refused(&response, 400);
    }
    assert_eq!(app.item_count(&user).await, 0);
}

#[tokio::test]
async fn a_path_segment_that_is_not_utf8_is_a_4xx_problem() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let before = database_state(&app).await;
    let recovery = app
        .request(
            Method::POST,
            "/api/v1/password-recovery/%FF%FE%40example.com",
            None,
            None,
        )
        .await;
    assert_refused(&recovery, 422);
    let preview = app
        .request(
            Method::POST,
            "/api/v1/password-recovery-html-content/%FF%40example.com",
            admin.token(),
            None,
        )
        .await;
    assert_refused(&preview, 422);
    let item = app.get(&format!("{ITEMS}%FF"), admin.token()).await;
    assert_refused(&item, 422);
    assert_eq!(database_state(&app).await, before);
    assert_eq!(app.queue_stats().await, Default::default());
}

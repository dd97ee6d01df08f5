//! Hostile input: forged and misused tokens, other users' data, injection
//! strings, malicious bodies and absurd paging. Every case must be a clear
//! 4xx (problem JSON with a readable `detail`), change nothing in the
//! database, and reveal nothing (no internals, no secret, no hash).
//!
//! Cases already covered elsewhere are not repeated here: see
//! `login::token_rules`, `items::access`, `users::permissions`,
//! `errors::bodies`, `items::list` and `users::list_and_create`.

mod access;
mod bodies;
mod duplicates;
mod encoding;
mod injection;
mod pagination;
mod tokens;

use reqwest::Method;
use reqwest::header::CONTENT_TYPE;

use crate::support::{
    SECRET_KEY, TestApp, TestResponse, TestUser, assert_error_envelope, every_row,
};

const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";
const LOGIN: &str = "/api/v1/login/access-token";

/// A refusal: `status`, the error envelope, and nothing secret in it.
fn assert_refused(response: &TestResponse, status: u16) {
    assert_error_envelope(response, status);
    for secret in [SECRET_KEY, "$argon2", "hashed_password"] {
        assert!(
            !response.text.contains(secret),
            "{secret:?} leaked in {}",
            response.text
        );
    }
}

/// Every row of every table (read from the catalogue, so a new table is in
/// it the moment a migration makes it), as JSON text: equal before and after
/// a refused request means the request changed nothing.
async fn database_state(app: &TestApp) -> String {
    every_row(&mut app.db.connect().await).await
}

/// The server still answers a plain request (it did not crash or hang).
async fn assert_still_serving(app: &TestApp) {
    let health = app.get("/api/v1/utils/health-check/", None).await;
    assert_eq!(health.status, 200, "{}", health.text);
}

/// A raw request: exactly these bytes, with this content type.
async fn raw(
    app: &TestApp,
    method: Method,
    path: &str,
    user: Option<&TestUser>,
    content_type: &str,
    body: impl Into<reqwest::Body>,
) -> TestResponse {
    let mut request = app
        .http
        .request(method, app.url(path))
        .header(CONTENT_TYPE, content_type)
        .body(body);
    if let Some(user) = user {
        request = request.bearer_auth(&user.access_token);
    }
    app.send(request).await
}

/// A 422 naming a duplicated field.
fn assert_duplicate(response: &TestResponse, field: &str) {
    assert_refused(response, 422);
    assert!(
        response
            .detail()
            .contains(&format!("duplicate field `{field}`")),
        "{}",
        response.text
    );
}

//! Which access tokens are accepted: only well-formed, unexpired ones that
//! the server signed, for an access purpose, naming a user who exists.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

use crate::support::paths::{ME, TEST_TOKEN};
use crate::support::{SECRET_KEY, TestApp, TestUser, assert_unauthorized};

#[tokio::test]
async fn a_request_without_authorization_is_401_with_www_authenticate_bearer() {
    let app = TestApp::spawn().await;
    let test_token = app.request(Method::POST, TEST_TOKEN, None, None).await;
    assert_unauthorized(&test_token);
    assert_unauthorized(&app.get(ME, None).await);
}

#[tokio::test]
async fn malformed_authorization_headers_are_401() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let basic = format!(
        "Basic {}",
        URL_SAFE_NO_PAD.encode(format!("{}:{}", user.email, user.password))
    );
    let bare_token = user.access_token.clone();
    let token_first = format!("{} Bearer", user.access_token);
    let headers = [
        "Basic x",
        &basic,
        "Bearer",
        "Bearer  ",
        "garbage",
        "Bearer garbage",
        "Bearer é",
        &bare_token,
        &token_first,
    ];
    for header in headers {
        let response = app.with_authorization(Method::GET, ME, header).await;
        assert_unauthorized(&response);
    }
}

#[tokio::test]
async fn a_correctly_crafted_token_is_accepted() {
    // The control for the crafted-token tests below: with the server's secret,
    // algorithm and claims, the same recipe yields a working token.
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let token = craft(Algorithm::HS256, SECRET_KEY, claims(&user, 600, "access"));
    let response = app.get(ME, Some(&token)).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["id"], user.id.to_string());
}

#[tokio::test]
async fn a_token_with_a_tampered_signature_is_401() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let (unsigned, signature) = user.access_token.rsplit_once('.').unwrap();
    let mut signature = signature.to_owned().into_bytes();
    signature[5] = if signature[5] == b'A' { b'B' } else { b'A' };
    let tampered = format!("{unsigned}.{}", String::from_utf8(signature).unwrap());
    assert_unauthorized(&app.get(ME, Some(&tampered)).await);
}

#[tokio::test]
async fn a_token_whose_claims_were_edited_is_401() {
    // A user rewriting `sub` to the superuser's id keeps their signature,
    // which no longer matches.
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let parts: Vec<&str> = user.access_token.split('.').collect();
    let mut payload: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    payload["sub"] = json!(admin.id);
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(payload.to_string()),
        parts[2]
    );
    assert_unauthorized(&app.get("/api/v1/users/", Some(&forged)).await);
}

#[tokio::test]
async fn an_expired_token_is_401() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let token = craft(Algorithm::HS256, SECRET_KEY, claims(&user, -60, "access"));
    assert_unauthorized(&app.get(ME, Some(&token)).await);
}

#[tokio::test]
async fn a_token_minted_for_another_purpose_is_401() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    for typ in ["refresh", "password_reset", "", "ACCESS"] {
        let token = craft(Algorithm::HS256, SECRET_KEY, claims(&user, 600, typ));
        assert_unauthorized(&app.get(ME, Some(&token)).await);
    }
    let mut untyped = claims(&user, 600, "access");
    untyped.as_object_mut().unwrap().remove("typ");
    assert_unauthorized(
        &app.get(ME, Some(&craft(Algorithm::HS256, SECRET_KEY, untyped)))
            .await,
    );
}

#[tokio::test]
async fn a_token_signed_with_hs512_when_the_server_uses_hs256_is_401() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let token = craft(Algorithm::HS512, SECRET_KEY, claims(&user, 600, "access"));
    assert_unauthorized(&app.get(ME, Some(&token)).await);
}

#[tokio::test]
async fn a_token_signed_with_another_secret_is_401() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let token = craft(
        Algorithm::HS256,
        "another-secret-key-0123456789abcdef",
        claims(&user, 600, "access"),
    );
    assert_unauthorized(&app.get(ME, Some(&token)).await);
}

#[tokio::test]
async fn an_unsigned_alg_none_token_is_401() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims(&user, 600, "access").to_string());
    for token in [
        format!("{header}.{payload}."),
        format!("{header}.{payload}"),
    ] {
        assert_unauthorized(&app.get(ME, Some(&token)).await);
    }
}

#[tokio::test]
async fn a_token_for_a_user_that_does_not_exist_is_401() {
    let app = TestApp::spawn().await;
    let mut ghost = claims(&app.new_user().await, 600, "access");
    ghost["sub"] = json!(Uuid::new_v4());
    assert_unauthorized(
        &app.get(ME, Some(&craft(Algorithm::HS256, SECRET_KEY, ghost)))
            .await,
    );
}

#[tokio::test]
async fn a_refresh_token_used_as_a_bearer_token_is_401() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    assert!(user.refresh_token.starts_with("rt_"));
    assert_unauthorized(&app.get(ME, Some(&user.refresh_token)).await);
}

/// Access-token claims for the user, expiring `expires_in` seconds from now.
fn claims(user: &TestUser, expires_in: i64, typ: &str) -> serde_json::Value {
    let now = chrono::Utc::now().timestamp();
    json!({ "sub": user.id, "exp": now + expires_in, "iat": now - 120, "typ": typ, "sid": Uuid::new_v4() })
}

fn craft(algorithm: Algorithm, secret: &str, claims: serde_json::Value) -> String {
    jsonwebtoken::encode(
        &Header::new(algorithm),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

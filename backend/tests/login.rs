mod support;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::Method;
use serde_json::json;
use support::{SECRET_KEY, SUPERUSER_EMAIL, SUPERUSER_PASSWORD, TestApp, TestResponse, TestUser};
use uuid::Uuid;

const LOGIN: &str = "/api/v1/login/access-token";
const TEST_TOKEN: &str = "/api/v1/login/test-token";
const ME: &str = "/api/v1/users/me";

// ---- the OAuth2 password form ----

#[tokio::test]
async fn password_form_login_returns_a_bearer_access_token_and_a_refresh_token() {
    let app = TestApp::spawn().await;
    let response = app.login(SUPERUSER_EMAIL, SUPERUSER_PASSWORD).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["token_type"], "bearer");
    assert_eq!(response.body["expires_in"], 30 * 60);
    let access = response.body["access_token"].as_str().unwrap();
    assert_eq!(access.split('.').count(), 3, "a JWT: {access}");
    assert!(
        response.body["refresh_token"]
            .as_str()
            .unwrap()
            .starts_with("rt_")
    );
    assert_eq!(
        app.get(ME, Some(access)).await.body["email"],
        SUPERUSER_EMAIL
    );
}

#[tokio::test]
async fn login_accepts_an_explicit_password_grant_and_any_email_case() {
    let app = TestApp::spawn().await;
    let email = SUPERUSER_EMAIL.to_uppercase();
    let form = [
        ("grant_type", "password"),
        ("username", &email),
        ("password", SUPERUSER_PASSWORD),
    ];
    let response = app.post_form(LOGIN, &form).await;
    assert_eq!(response.status, 200, "{}", response.text);
}

#[tokio::test]
async fn login_with_a_wrong_password_is_400() {
    let app = TestApp::spawn().await;
    let response = app.login(SUPERUSER_EMAIL, "not-the-password").await;
    assert_eq!(response.status, 400);
    assert_eq!(response.detail(), "Incorrect email or password");
}

#[tokio::test]
async fn login_with_an_unknown_email_is_400_with_the_same_detail() {
    let app = TestApp::spawn().await;
    let response = app.login("nobody@example.com", SUPERUSER_PASSWORD).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.detail(), "Incorrect email or password");
}

#[tokio::test]
async fn login_with_a_nul_character_in_the_email_is_400_not_a_server_error() {
    let app = TestApp::spawn().await;
    let response = app.login("admin\0@example.com", SUPERUSER_PASSWORD).await;
    assert_eq!(response.status, 400, "{}", response.text);
    assert_eq!(response.detail(), "Incorrect email or password");
}

#[tokio::test]
async fn login_of_an_inactive_user_is_400() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    app.deactivate(&user).await;
    let response = app.login(&user.email, &user.password).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.detail(), "Inactive user");
}

#[tokio::test]
async fn login_without_username_or_password_is_422_naming_the_field() {
    let app = TestApp::spawn().await;
    let cases: [(&[(&str, &str)], &str); 3] = [
        (&[("password", SUPERUSER_PASSWORD)], "username"),
        (&[("username", SUPERUSER_EMAIL)], "password"),
        (&[], "username"),
    ];
    for (form, field) in cases {
        let response = app.post_form(LOGIN, form).await;
        assert_eq!(response.status, 422, "{form:?}: {}", response.text);
        assert!(
            response.error_fields().contains(&field.to_owned()),
            "{form:?}: {}",
            response.text
        );
    }
}

#[tokio::test]
async fn login_with_a_json_body_is_415() {
    let app = TestApp::spawn().await;
    let body = json!({ "username": SUPERUSER_EMAIL, "password": SUPERUSER_PASSWORD });
    let response = app.post(LOGIN, None, body).await;
    assert_eq!(response.status, 415);
    assert!(
        response.detail().contains("x-www-form-urlencoded"),
        "{}",
        response.text
    );
}

#[tokio::test]
async fn login_with_a_grant_type_other_than_password_is_422() {
    let app = TestApp::spawn().await;
    for grant in ["client_credentials", "refresh_token", ""] {
        let form = [
            ("grant_type", grant),
            ("username", SUPERUSER_EMAIL),
            ("password", SUPERUSER_PASSWORD),
        ];
        let response = app.post_form(LOGIN, &form).await;
        assert_eq!(response.status, 422, "{grant:?}: {}", response.text);
        assert_eq!(response.error_fields(), ["grant_type"]);
        assert!(response.body.get("access_token").is_none());
    }
}

#[tokio::test]
async fn test_token_returns_the_caller() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let response = app
        .request(Method::POST, TEST_TOKEN, user.token(), None)
        .await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["id"], user.id.to_string());
    assert_eq!(response.body["email"], user.email);
    assert_eq!(response.body["is_active"], true);
    assert_eq!(response.body["is_superuser"], false);
    assert!(response.body.get("hashed_password").is_none());
}

// ---- which access tokens are accepted ----

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

// ---- refresh-token rotation ----

#[tokio::test]
async fn refresh_returns_a_new_pair_and_the_new_access_token_works() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let response = app.refresh(&user.refresh_token).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["token_type"], "bearer");
    let refreshed = tokens(&response);
    assert_ne!(refreshed.refresh_token, user.refresh_token);
    assert!(refreshed.refresh_token.starts_with("rt_"));
    let me = app.get(ME, Some(&refreshed.access_token)).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["id"], user.id.to_string());
    assert_eq!(
        app.refresh(&refreshed.refresh_token).await.status,
        200,
        "the new refresh token works once"
    );
}

#[tokio::test]
async fn reusing_a_rotated_refresh_token_revokes_its_whole_family() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let other_login = tokens(&app.login(&user.email, &user.password).await);
    let second = tokens(&app.refresh(&user.refresh_token).await);
    let newest = tokens(&app.refresh(&second.refresh_token).await);

    let reuse = app.refresh(&user.refresh_token).await;
    assert_unauthorized(&reuse);
    assert_unauthorized(&app.refresh(&newest.refresh_token).await);
    assert_unauthorized(&app.refresh(&second.refresh_token).await);

    let other = app.refresh(&other_login.refresh_token).await;
    assert_eq!(
        other.status, 200,
        "another login is another family: {}",
        other.text
    );
}

#[tokio::test]
async fn concurrent_refreshes_of_one_token_let_exactly_one_through() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let (first, second) = tokio::join!(
        app.refresh(&user.refresh_token),
        app.refresh(&user.refresh_token)
    );
    let mut statuses = [first.status, second.status];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 401]);
    let winner = if first.status == 200 { &first } else { &second };
    let winner = tokens(winner);
    assert_unauthorized(&app.refresh(&winner.refresh_token).await);
}

#[tokio::test]
async fn refresh_without_the_token_field_is_422() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let response = app
        .post(
            "/api/v1/login/refresh",
            None,
            json!({ "token": user.refresh_token }),
        )
        .await;
    assert_eq!(response.status, 422);
    assert_eq!(response.error_fields(), ["refresh_token"]);
    assert_eq!(
        app.refresh(&user.refresh_token).await.status,
        200,
        "the token was not spent"
    );
}

#[tokio::test]
async fn refresh_with_a_garbage_token_is_401_and_spends_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let unknown = format!("rt_{}", URL_SAFE_NO_PAD.encode([7u8; 32]));
    let truncated = &user.refresh_token[..user.refresh_token.len() - 1];
    for garbage in [
        "garbage",
        "",
        "rt_",
        truncated,
        &unknown,
        &user.access_token,
    ] {
        assert_unauthorized(&app.refresh(garbage).await);
    }
    assert_eq!(app.refresh(&user.refresh_token).await.status, 200);
}

// ---- logout ----

#[tokio::test]
async fn logout_ends_the_session_so_its_refresh_token_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let other_login = tokens(&app.login(&user.email, &user.password).await);
    let response = app.logout(&user.refresh_token).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["message"], "Logged out");
    assert_unauthorized(&app.refresh(&user.refresh_token).await);
    assert_eq!(
        app.refresh(&other_login.refresh_token).await.status,
        200,
        "other sessions survive"
    );
}

#[tokio::test]
async fn logout_revokes_the_rotated_tokens_of_the_session_too() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let rotated = tokens(&app.refresh(&user.refresh_token).await);
    assert_eq!(app.logout(&user.refresh_token).await.status, 200);
    assert_unauthorized(&app.refresh(&rotated.refresh_token).await);
}

#[tokio::test]
async fn logout_with_an_unknown_token_is_401_and_ends_no_session() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let unknown = format!("rt_{}", URL_SAFE_NO_PAD.encode([9u8; 32]));
    for token in [unknown.as_str(), "garbage", &user.access_token] {
        assert_unauthorized(&app.logout(token).await);
    }
    assert_eq!(app.refresh(&user.refresh_token).await.status, 200);
}

// ---- account changes end sessions ----

#[tokio::test]
async fn a_deactivated_user_is_refused_at_once_with_existing_tokens() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    app.deactivate(&user).await;
    let me = app.get(ME, user.token()).await;
    assert_eq!(me.status, 403);
    assert_eq!(me.detail(), "Inactive user");
    let refresh = app.refresh(&user.refresh_token).await;
    assert!([401, 403].contains(&refresh.status), "{}", refresh.text);
    assert!(refresh.body.get("access_token").is_none());
}

#[tokio::test]
async fn a_deleted_users_access_token_is_401() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    assert_eq!(app.delete(ME, user.token()).await.status, 200);
    assert_unauthorized(&app.get(ME, user.token()).await);
    assert_unauthorized(&app.refresh(&user.refresh_token).await);
}

#[tokio::test]
async fn a_password_change_revokes_other_sessions_but_keeps_the_current_one() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let other = tokens(&app.login(&user.email, &user.password).await);
    // The current session has already rotated once: it is the family that is kept.
    let current = tokens(&app.refresh(&user.refresh_token).await);
    let body = json!({ "current_password": user.password, "new_password": "a-brand-new-password" });
    let response = app
        .patch(
            "/api/v1/users/me/password",
            Some(&current.access_token),
            body,
        )
        .await;
    assert_eq!(response.status, 200, "{}", response.text);

    assert_unauthorized(&app.refresh(&other.refresh_token).await);
    assert_eq!(app.refresh(&current.refresh_token).await.status, 200);
}

// ---- helpers ----

/// A 401 as the contract describes it: a readable detail and a Bearer challenge.
fn assert_unauthorized(response: &TestResponse) {
    assert_eq!(response.status, 401, "{}", response.text);
    assert_eq!(
        response.header("www-authenticate"),
        Some("Bearer"),
        "{}",
        response.text
    );
    assert!(!response.detail().is_empty());
}

/// The tokens of one session.
struct Tokens {
    access_token: String,
    refresh_token: String,
}

/// The tokens of a 200 from login or refresh.
fn tokens(response: &TestResponse) -> Tokens {
    assert_eq!(response.status, 200, "{}", response.text);
    Tokens {
        access_token: response.body["access_token"].as_str().unwrap().to_owned(),
        refresh_token: response.body["refresh_token"].as_str().unwrap().to_owned(),
    }
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

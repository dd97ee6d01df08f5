//! Forged, confused and misused tokens: always refused, never echoed, and
//! nothing changes. (The basic forgeries are in `login::token_rules`.)

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

use super::{assert_refused, database_state};
use crate::support::documented::{Fixture, Operation};
use crate::support::paths::ME;
use crate::support::{SECRET_KEY, TestApp, TestResponse, TestUser, assert_unauthorized};

/// A 401 with the Bearer challenge, a problem body, and no echo of `token`.
fn assert_token_refused(response: &TestResponse, token: &str) {
    assert_unauthorized(response);
    assert_refused(response, 401);
    if token.len() > 8 {
        assert!(!response.text.contains(token), "the token was echoed");
    }
}

/// Every secured operation (as the document marks them), each with a
/// request that its caller's own token would make valid.
struct Secured {
    operations: Vec<Operation>,
    fixture: Fixture,
}

impl Secured {
    async fn new(app: &TestApp) -> Secured {
        let operations = app.documented_operations().await;
        let fixture = Fixture::new(app, &operations).await;
        let operations: Vec<Operation> = operations.into_iter().filter(|op| op.secured).collect();
        assert!(
            operations.len() >= 17,
            "{} secured operations",
            operations.len()
        );
        Secured {
            operations,
            fixture,
        }
    }
}

/// Sends `token` to every secured operation (deleting the account, reading
/// it, listing and creating items among them); checks every refusal, and
/// that the database did not change.
async fn assert_refused_everywhere(app: &TestApp, secured: &Secured, token: &str) {
    let before = database_state(app).await;
    for operation in &secured.operations {
        let response = secured.fixture.send(app, operation, Some(token)).await;
        assert_eq!(response.status, 401, "{operation}: {}", response.text);
        assert_token_refused(&response, token);
    }
    assert_eq!(database_state(app).await, before, "{token:.60}");
}

fn claims(user: &TestUser, expires_in: i64) -> serde_json::Value {
    let now = chrono::Utc::now().timestamp();
    json!({ "sub": user.id, "exp": now + expires_in, "iat": now - 5, "typ": "access", "sid": Uuid::new_v4() })
}

fn encode(json: &serde_json::Value) -> String {
    URL_SAFE_NO_PAD.encode(json.to_string())
}

/// A token whose header says `alg` but whose signature is HMAC-SHA256 with
/// the server's own secret: the algorithm-confusion attack.
fn relabelled(alg: &str, claims: &serde_json::Value) -> String {
    let message = format!(
        "{}.{}",
        encode(&json!({ "alg": alg, "typ": "JWT" })),
        encode(claims)
    );
    let key = EncodingKey::from_secret(SECRET_KEY.as_bytes());
    let signature = jsonwebtoken::crypto::sign(message.as_bytes(), &key, Algorithm::HS256).unwrap();
    format!("{message}.{signature}")
}

fn signed(algorithm: Algorithm, claims: &serde_json::Value) -> String {
    let key = EncodingKey::from_secret(SECRET_KEY.as_bytes());
    jsonwebtoken::encode(&Header::new(algorithm), claims, &key).unwrap()
}

#[tokio::test]
async fn a_token_whose_header_names_another_algorithm_is_401_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let secured = Secured::new(&app).await;
    let user = app.new_user().await;
    let claims = claims(&user, 600);
    let control = relabelled("HS256", &claims);
    assert_eq!(
        app.get(ME, Some(&control)).await.status,
        200,
        "the recipe works"
    );
    for alg in [
        "RS256", "ES256", "PS256", "EdDSA", "HS384", "HS512", "hs256", "none", "None", "NONE", "",
    ] {
        assert_refused_everywhere(&app, &secured, &relabelled(alg, &claims)).await;
    }
    for algorithm in [Algorithm::HS384, Algorithm::HS512] {
        assert_refused_everywhere(&app, &secured, &signed(algorithm, &claims)).await;
    }
}

#[tokio::test]
async fn an_unsigned_token_in_every_spelling_of_none_is_401() {
    let app = TestApp::spawn().await;
    let secured = Secured::new(&app).await;
    let user = app.new_user().await;
    let payload = encode(&claims(&user, 600));
    for alg in ["none", "None", "NONE", "nOnE"] {
        let header = encode(&json!({ "alg": alg, "typ": "JWT" }));
        for token in [
            format!("{header}.{payload}."),
            format!("{header}.{payload}"),
        ] {
            assert_refused_everywhere(&app, &secured, &token).await;
        }
    }
}

#[tokio::test]
async fn a_token_expired_one_second_ago_is_401() {
    let app = TestApp::spawn().await;
    let secured = Secured::new(&app).await;
    let user = app.new_user().await;
    let token = signed(Algorithm::HS256, &claims(&user, -1));
    assert_refused_everywhere(&app, &secured, &token).await;
}

#[tokio::test]
async fn a_token_not_valid_yet_is_401() {
    let app = TestApp::spawn().await;
    let secured = Secured::new(&app).await;
    let user = app.new_user().await;
    let mut future = claims(&user, 3600);
    future["nbf"] = json!(chrono::Utc::now().timestamp() + 600);
    assert_refused_everywhere(&app, &secured, &signed(Algorithm::HS256, &future)).await;
    let mut malformed = claims(&user, 3600);
    malformed["nbf"] = json!("tomorrow");
    assert_refused_everywhere(&app, &secured, &signed(Algorithm::HS256, &malformed)).await;
    let mut past = claims(&user, 3600);
    past["nbf"] = json!(chrono::Utc::now().timestamp() - 60);
    let valid = app.get(ME, Some(&signed(Algorithm::HS256, &past))).await;
    assert_eq!(valid.status, 200, "a token valid since a minute ago works");
}

#[tokio::test]
async fn a_token_with_malformed_claims_is_401() {
    let app = TestApp::spawn().await;
    let secured = Secured::new(&app).await;
    let user = app.new_user().await;
    let edits = [
        ("sub", json!("not-a-uuid")),
        ("sub", json!(null)),
        ("exp", json!("never")),
        ("exp", json!(1e300)),
        ("sid", json!(42)),
        ("typ", json!(["access"])),
    ];
    for (claim, value) in edits {
        let mut edited = claims(&user, 600);
        edited[claim] = value;
        assert_refused_everywhere(&app, &secured, &signed(Algorithm::HS256, &edited)).await;
    }
}

#[tokio::test]
async fn malformed_tokens_are_401_whatever_their_shape_or_size() {
    let app = TestApp::spawn().await;
    let secured = Secured::new(&app).await;
    let user = app.new_user().await;
    let (header, payload, _) = {
        let mut parts = user.access_token.splitn(3, '.');
        (parts.next().unwrap(), parts.next().unwrap(), parts.next())
    };
    let huge = format!("{header}.{}.{}", "A".repeat(100 * 1024), "B".repeat(43));
    let tokens = [
        "...".to_owned(),
        "a.b.c".to_owned(),
        "a.b.c.d".to_owned(),
        format!("{header}.{payload}"),
        format!("{}.x", user.access_token),
        format!("{header}..{}", "x".repeat(43)),
        format!("{}.{payload}.sig", URL_SAFE_NO_PAD.encode("not json")),
        format!("{header}.{}.sig", URL_SAFE_NO_PAD.encode("[1,2,3]")),
        "%00%00%00".to_owned(),
        "' OR 1=1 --".to_owned(),
        huge,
    ];
    for token in tokens {
        assert_refused_everywhere(&app, &secured, &token).await;
    }
}

#[tokio::test]
async fn an_authorization_header_that_is_not_text_is_401() {
    let app = TestApp::spawn().await;
    let request = app.http.get(app.url(ME)).header(
        "authorization",
        reqwest::header::HeaderValue::from_bytes(b"Bearer \xff\xfe").unwrap(),
    );
    assert_unauthorized(&app.send(request).await);
}

#[tokio::test]
async fn an_old_token_does_not_open_a_new_account_with_the_same_email() {
    let app = TestApp::spawn().await;
    let secured = Secured::new(&app).await;
    let user = app.new_user().await;
    assert_eq!(app.delete(ME, user.token()).await.status, 200);
    let again = app.signup(&user.email, &user.password).await;
    assert_eq!(again.status, 201, "{}", again.text);
    assert_refused_everywhere(&app, &secured, &user.access_token).await;
    assert_unauthorized(&app.refresh(&user.refresh_token).await);
}

#[tokio::test]
async fn an_access_token_is_no_reset_token_and_the_password_stays() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let before = database_state(&app).await;
    let response = app
        .reset_password(&user.access_token, "hijacked-password-1")
        .await;
    assert_refused(&response, 400);
    assert_eq!(response.detail(), "Invalid token");
    assert_eq!(database_state(&app).await, before);
}

#[tokio::test]
async fn an_access_token_is_no_refresh_token_and_spends_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let before = database_state(&app).await;
    assert_token_refused(&app.refresh(&user.access_token).await, &user.access_token);
    assert_token_refused(&app.logout(&user.access_token).await, &user.access_token);
    assert_eq!(database_state(&app).await, before);
}

#[tokio::test]
async fn a_reset_token_is_no_access_or_refresh_token_and_stays_redeemable() {
    let app = TestApp::spawn().await;
    let secured = Secured::new(&app).await;
    let user = app.quiet_user().await;
    let reset = app.issue_reset_token(&user).await;
    assert_refused_everywhere(&app, &secured, &reset).await;
    let before = database_state(&app).await;
    assert_token_refused(&app.refresh(&reset).await, &reset);
    assert_token_refused(&app.logout(&reset).await, &reset);
    let bearer = format!("Bearer {reset}");
    assert_unauthorized(
        &app.with_authorization(Method::POST, "/api/v1/login/test-token", &bearer)
            .await,
    );
    assert_eq!(database_state(&app).await, before);
    let redeemed = app.reset_password(&reset, "a-new-password-1").await;
    assert_eq!(redeemed.status, 200, "{}", redeemed.text);
}

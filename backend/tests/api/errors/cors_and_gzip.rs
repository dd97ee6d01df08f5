//! CORS for the configured frontend origin only, and gzip for large bodies.

use reqwest::Method;
use reqwest::header::ACCEPT_ENCODING;

use crate::support::paths::ITEMS;
use crate::support::{Json, TestApp, TestResponse};

// ---- CORS ----

async fn preflight(app: &TestApp, origin: &str) -> TestResponse {
    let request = app
        .http
        .request(Method::OPTIONS, app.url(ITEMS))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type",
        );
    app.send(request).await
}

#[tokio::test]
async fn cors_preflight_from_the_configured_origin_is_allowed() {
    let app = TestApp::spawn().await;
    let response = preflight(&app, "http://localhost:3000").await;
    assert!((200..300).contains(&response.status), "{}", response.status);
    assert_eq!(
        response.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );
    // Bearer tokens, never cookies: a cross-origin page gets no credentials.
    assert_eq!(response.header("access-control-allow-credentials"), None);
    let methods = response
        .header("access-control-allow-methods")
        .unwrap_or_default()
        .to_ascii_uppercase();
    assert!(methods.contains("POST"), "{methods}");
    let headers = response
        .header("access-control-allow-headers")
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(
        headers.contains("authorization") && headers.contains("content-type"),
        "{headers}"
    );
}

/// Browsers may reuse the answer for 10 minutes, as the FastAPI full-stack
/// template lets them; without it Chromium asks again after 5 seconds.
#[tokio::test]
async fn cors_preflight_may_be_cached_for_ten_minutes() {
    let app = TestApp::spawn().await;
    let response = preflight(&app, "http://localhost:3000").await;
    assert_eq!(response.header("access-control-max-age"), Some("600"));
}

#[tokio::test]
async fn cors_preflight_from_another_origin_is_not_allowed() {
    let app = TestApp::spawn().await;
    for origin in [
        "http://evil.example",
        "http://localhost:3001",
        "https://localhost:3000",
    ] {
        let response = preflight(&app, origin).await;
        // Without Access-Control-Allow-Origin the browser refuses the call.
        assert_eq!(
            response.header("access-control-allow-origin"),
            None,
            "{origin}"
        );
    }
}

#[tokio::test]
async fn cors_answers_expose_the_request_id_to_the_configured_origin_only() {
    let app = TestApp::spawn().await;
    let allowed = app
        .send(
            app.http
                .get(app.url("/health"))
                .header("origin", "http://localhost:3000"),
        )
        .await;
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );
    let exposed = allowed
        .header("access-control-expose-headers")
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(exposed.contains("x-request-id"), "{exposed}");
    let other = app
        .send(
            app.http
                .get(app.url("/health"))
                .header("origin", "http://evil.example"),
        )
        .await;
    assert_eq!(other.status, 200);
    assert_eq!(other.header("access-control-allow-origin"), None);
}

// ---- compression ----

#[tokio::test]
async fn large_responses_are_gzipped_when_the_client_accepts_gzip() {
    let app = TestApp::spawn().await;
    // reqwest is built without its gzip feature: it neither asks for nor
    // decodes compressed bodies, so what arrives is what the server sent.
    let response = app
        .http
        .get(app.url("/openapi.json"))
        .header(ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let encoding = response
        .headers()
        .get("content-encoding")
        .map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(encoding.as_deref(), Some("gzip"));
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..2], [0x1f, 0x8b], "the body is a gzip stream");

    let plain = app.http.get(app.url("/openapi.json")).send().await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    let document: Json = plain.json().await.unwrap();
    assert!(
        bytes.len() < document.to_string().len(),
        "compression made the body smaller"
    );
}

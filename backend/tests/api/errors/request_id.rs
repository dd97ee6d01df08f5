//! `X-Request-Id`: echoed when safe, generated otherwise.

use reqwest::header::HeaderValue;

use crate::support::{TestApp, TestResponse};

fn request_id(response: &TestResponse) -> &str {
    response
        .header("x-request-id")
        .expect("every response has an X-Request-Id")
}

#[tokio::test]
async fn a_request_id_is_generated_when_none_is_sent() {
    let app = TestApp::spawn().await;
    let (first, second) = (app.get("/health", None).await, app.get("/nope", None).await);
    for response in [&first, &second] {
        assert!(
            uuid::Uuid::try_parse(request_id(response)).is_ok(),
            "{:?}",
            response.headers
        );
    }
    assert_ne!(request_id(&first), request_id(&second));
}

#[tokio::test]
async fn a_sane_incoming_request_id_is_echoed() {
    let app = TestApp::spawn().await;
    let long_but_fine = "a".repeat(128);
    for id in [
        "abc-123_x.y:z",
        "7f9c2ba4-e88f-4f3d-9a1e-0c7c6f1b2d3e",
        long_but_fine.as_str(),
    ] {
        for path in ["/health", "/api/v1/items/", "/nope"] {
            let response = app
                .send(app.http.get(app.url(path)).header("x-request-id", id))
                .await;
            assert_eq!(request_id(&response), id, "{path}");
        }
    }
}

#[tokio::test]
async fn an_unsafe_incoming_request_id_is_replaced() {
    let app = TestApp::spawn().await;
    let too_long = "a".repeat(129);
    let unsafe_ids: [&[u8]; 5] = [
        b"has space",
        too_long.as_bytes(),
        b"<script>",
        b"a\"b",
        b"caf\xc3\xa9",
    ];
    for id in unsafe_ids {
        let value = HeaderValue::from_bytes(id).unwrap();
        let response = app
            .send(
                app.http
                    .get(app.url("/health"))
                    .header("x-request-id", value),
            )
            .await;
        assert_eq!(response.status, 200);
        let returned = request_id(&response);
        assert!(
            uuid::Uuid::try_parse(returned).is_ok(),
            "{} was answered with {returned}",
            String::from_utf8_lossy(id)
        );
    }
}

mod support;

use reqwest::Method;
use reqwest::header::{ACCEPT_ENCODING, CONTENT_TYPE, HeaderValue};
use serde_json::json;
use support::{Json, TestApp, TestResponse, TestUser};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const ITEMS: &str = "/api/v1/items/";

/// A raw `POST` of `body` to the items route as `user`.
async fn post_raw(
    app: &TestApp,
    user: &TestUser,
    content_type: Option<&str>,
    body: impl Into<reqwest::Body>,
) -> TestResponse {
    let mut request = app
        .http
        .post(app.url(ITEMS))
        .bearer_auth(&user.access_token)
        .body(body);
    if let Some(content_type) = content_type {
        request = request.header(CONTENT_TYPE, content_type);
    }
    app.send(request).await
}

/// What no error response may ever reveal.
fn assert_no_internals(response: &TestResponse) {
    let text = response.text.to_ascii_lowercase();
    for leak in [
        "sqlx",
        "select ",
        "insert ",
        "update ",
        "postgres",
        "panicked",
        "backtrace",
        "stack",
        ".rs:",
        "src/",
    ] {
        assert!(!text.contains(leak), "{leak:?} leaked in {}", response.text);
    }
}

/// The common error envelope: problem JSON with a readable string `detail`.
fn assert_error_envelope(response: &TestResponse, status: u16) {
    assert_eq!(response.status, status, "{}", response.text);
    let content_type = response.header("content-type").unwrap_or_default();
    assert!(
        content_type.contains("json"),
        "{status} has content type {content_type:?}"
    );
    let detail = response.body["detail"].as_str();
    assert!(
        detail.is_some_and(|d| !d.trim().is_empty()),
        "{status} has no readable detail: {}",
        response.text
    );
    assert_eq!(response.body["status"], status);
    assert_no_internals(response);
}

// ---- request bodies ----

#[tokio::test]
async fn malformed_json_is_400_with_a_readable_detail_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    // Nested past serde_json's recursion limit, inside an ignored field.
    let deep = format!("{{\"title\": \"x\", \"junk\": {}", "[".repeat(10_000));
    let bodies: [&[u8]; 7] = [
        b"{\"title\": ",
        b"{title: 'single quotes'}",
        b"{\"title\": \"ok\"} trailing",
        b"",
        b"not json at all",
        b"{\"title\": \"\xff\xfe\"}",
        deep.as_bytes(),
    ];
    for body in bodies {
        let response = post_raw(&app, &user, Some("application/json"), body.to_vec()).await;
        assert_error_envelope(&response, 400);
        assert_eq!(
            response.detail(),
            "The request body is not valid JSON",
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    assert_eq!(app.item_count(&user).await, 0);
}

#[tokio::test]
async fn json_route_with_another_content_type_is_415_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let body = json!({ "title": "looks like JSON" }).to_string();
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "json",
    ] {
        let response = post_raw(&app, &user, Some(content_type), body.clone()).await;
        assert_error_envelope(&response, 415);
        assert!(
            response.detail().contains("application/json"),
            "{content_type}: {}",
            response.text
        );
    }
    assert_eq!(app.item_count(&user).await, 0);
}

#[tokio::test]
async fn json_route_without_content_type_is_415_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let response = post_raw(&app, &user, None, json!({ "title": "untyped" }).to_string()).await;
    assert_error_envelope(&response, 415);
    assert_eq!(app.item_count(&user).await, 0);
}

#[tokio::test]
async fn json_content_type_parameters_and_case_are_accepted() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    for content_type in [
        "application/json; charset=utf-8",
        "Application/JSON",
        "application/merge-patch+json",
    ] {
        let response = post_raw(
            &app,
            &user,
            Some(content_type),
            json!({ "title": content_type }).to_string(),
        )
        .await;
        assert_eq!(response.status, 201, "{content_type}: {}", response.text);
    }
    assert_eq!(app.item_count(&user).await, 3);
}

#[tokio::test]
async fn body_over_the_limit_is_413_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let limit = app.config.max_body_bytes;
    assert_eq!(limit, 64 * 1024, "the tests assume the test configuration");
    for size in [limit + 1, 4 * 1024 * 1024] {
        let body = json!({ "title": "x".repeat(size) }).to_string();
        let response = post_raw(&app, &user, Some("application/json"), body).await;
        assert_error_envelope(&response, 413);
        let email = format!("{}@example.com", "x".repeat(size));
        let signup = app.signup(&email, "password-123").await;
        assert_error_envelope(&signup, 413);
    }
    assert_eq!(app.item_count(&user).await, 0);
    assert_eq!(app.user_count().await, 2, "the superuser and the test user");
}

#[tokio::test]
async fn body_under_the_limit_is_read_and_validated() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let title = "x".repeat(app.config.max_body_bytes - 100);
    let response = post_raw(
        &app,
        &user,
        Some("application/json"),
        json!({ "title": title }).to_string(),
    )
    .await;
    assert_error_envelope(&response, 422);
    assert_eq!(response.error_fields(), ["title"]);
    assert_eq!(app.item_count(&user).await, 0);
}

#[tokio::test]
async fn text_with_a_nul_character_is_422_not_a_server_error() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let item = app.create_item(&user, "clean").await;
    let path = format!("/api/v1/items/{}", item["id"].as_str().unwrap());
    let create = app
        .post(ITEMS, user.token(), json!({ "title": "nul\u{0}byte" }))
        .await;
    assert_error_envelope(&create, 422);
    assert_eq!(create.error_fields(), ["title"]);
    let update = app
        .put(
            &path,
            user.token(),
            json!({ "description": "nul\u{0}byte" }),
        )
        .await;
    assert_error_envelope(&update, 422);
    assert_eq!(update.error_fields(), ["description"]);
    let page = app.list_items(&user).await;
    assert_eq!(page, json!({ "data": [item], "count": 1 }));

    let name =
        json!({ "email": "nul@example.com", "password": "password-123", "full_name": "a\u{0}b" });
    let signup = app.post("/api/v1/users/signup", None, name).await;
    assert_error_envelope(&signup, 422);
    assert_eq!(signup.error_fields(), ["full_name"]);
    assert_eq!(
        app.login("nul@example.com", "password-123").await.status,
        400
    );
    let me = app
        .patch(
            "/api/v1/users/me",
            user.token(),
            json!({ "full_name": "a\u{0}b" }),
        )
        .await;
    assert_error_envelope(&me, 422);
    assert_eq!(
        app.get("/api/v1/users/me", user.token()).await.body["full_name"],
        Json::Null
    );
    let login = app.login("nul\u{0}@example.com", "password-123").await;
    assert_error_envelope(&login, 400);
}

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
    let one = format!("/api/v1/items/{}", item["id"].as_str().unwrap());
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

// ---- every error looks the same ----

#[tokio::test]
async fn every_error_body_is_json_with_a_string_detail_and_no_internals() {
    let app = TestApp::spawn().await;
    let (owner, other) = (app.new_user().await, app.new_user().await);
    let item = app.create_item(&owner, "owned").await;
    let one = format!("/api/v1/items/{}", item["id"].as_str().unwrap());
    let missing = format!("/api/v1/items/{}", uuid::Uuid::new_v4());
    let big = json!({ "title": "x".repeat(100_000) }).to_string();
    let cases = [
        (
            post_raw(&app, &owner, Some("application/json"), "{").await,
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
            post_raw(&app, &owner, Some("application/json"), big).await,
            413,
        ),
        (post_raw(&app, &owner, Some("text/plain"), "x").await, 415),
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

// ---- request ids ----

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
    assert_eq!(
        response.header("access-control-allow-credentials"),
        Some("true")
    );
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

// ---- metrics ----

fn metric_lines<'a>(metrics: &'a str, name: &str) -> Vec<&'a str> {
    metrics
        .lines()
        .filter(|line| line.starts_with(name))
        .collect()
}

#[tokio::test]
async fn metrics_label_requests_by_route_template_never_the_raw_path() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let id = uuid::Uuid::new_v4().to_string();
    let response = app.get(&format!("/api/v1/items/{id}"), user.token()).await;
    assert_eq!(response.status, 404);

    let metrics = app.get("/metrics", None).await;
    assert_eq!(metrics.status, 200);
    let text = &metrics.text;
    assert!(!text.contains(&id), "the raw id appears in /metrics");

    let template = r#"path="/api/v1/items/{id}""#;
    let counted = metric_lines(text, "http_requests_total{")
        .into_iter()
        .any(|line| {
            line.contains(template)
                && line.contains(r#"method="GET""#)
                && line.contains(r#"status="404""#)
        });
    assert!(
        counted,
        "no http_requests_total for the item route:\n{text}"
    );

    let buckets = metric_lines(text, "http_request_duration_seconds_bucket{");
    assert!(
        buckets
            .iter()
            .any(|line| line.contains(template) && line.contains(r#"le="+Inf""#)),
        "{text}"
    );
    assert!(!metric_lines(text, "http_request_duration_seconds_count{").is_empty());
    assert!(!metric_lines(text, "http_request_duration_seconds_sum{").is_empty());

    let in_flight = metric_lines(text, "http_requests_in_flight ");
    let value: f64 = in_flight
        .first()
        .expect("in-flight gauge")
        .rsplit(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(value >= 1.0, "the scrape itself is in flight: {value}");
}

// ---- documentation ----

#[tokio::test]
async fn docs_redirect_to_swagger_ui() {
    let app = TestApp::spawn().await;
    let response = app.http.get(app.url("/docs")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.url().path(), "/docs/");
    let content_type = response
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let html = response.text().await.unwrap();
    assert!(html.contains("swagger-ui"), "{html}");

    let initializer = app.get("/docs/swagger-initializer.js", None).await;
    assert_eq!(initializer.status, 200);
    assert!(
        initializer.text.contains("/openapi.json"),
        "{}",
        initializer.text
    );
}

#[tokio::test]
async fn openapi_is_3_1_with_the_oauth2_password_flow() {
    let app = TestApp::spawn().await;
    let response = app.get("/openapi.json", None).await;
    assert_eq!(response.status, 200);
    let doc = &response.body;
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    let scheme = &doc["components"]["securitySchemes"]["OAuth2PasswordBearer"];
    assert_eq!(scheme["type"], "oauth2");
    assert_eq!(
        scheme["flows"]["password"]["tokenUrl"],
        "/api/v1/login/access-token"
    );
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/v1/items",
        "/api/v1/items/{id}",
        "/api/v1/login/access-token",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
    let security = &doc["paths"]["/api/v1/items"]["get"]["security"];
    assert!(
        security.to_string().contains("OAuth2PasswordBearer"),
        "{security}"
    );
}

// ---- graceful shutdown ----

/// Reads from `stream` until the end of a response head.
async fn read_head(stream: &mut tokio::net::TcpStream) -> String {
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut byte = [0u8; 1];
        let read = stream.read(&mut byte).await.unwrap();
        assert_eq!(
            read,
            1,
            "the connection closed early: {}",
            String::from_utf8_lossy(&head)
        );
        head.push(byte[0]);
    }
    String::from_utf8(head).unwrap()
}

#[tokio::test]
async fn shutdown_lets_an_in_flight_request_finish() {
    let mut app = TestApp::spawn().await;
    let user = app.new_user().await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let body = json!({ "title": "finished during shutdown" }).to_string();

    // The server asks for the body (100 Continue) only once the handler is
    // running: from then on the request is in flight.
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST {ITEMS} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\r\n",
        user.access_token,
        body.len(),
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let interim = read_head(&mut stream).await;
    assert!(interim.starts_with("HTTP/1.1 100"), "{interim}");

    app.stop();
    // Wait until the listener is gone (new connections are refused); the
    // timeout only guards against a hang and is not part of the behaviour.
    let refused = async {
        while tokio::net::TcpStream::connect(&address).await.is_ok() {
            tokio::task::yield_now().await;
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(30), refused)
        .await
        .expect("the server stops accepting connections");

    stream.write_all(body.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 201"), "{response}");
    assert!(response.contains("finished during shutdown"), "{response}");

    let mut db = app.db.connect().await;
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM items WHERE title = 'finished during shutdown'")
            .fetch_one(&mut db)
            .await
            .unwrap();
    assert_eq!(stored, 1);
}

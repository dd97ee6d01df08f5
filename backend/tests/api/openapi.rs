//! The OpenAPI document is generated from the handlers; comparing it with
//! the committed snapshot (backend/openapi.json) makes every API change a
//! visible diff in review. Regenerate with `make openapi`. The served
//! document and the Swagger UI are checked here too.

use std::path::PathBuf;

use crate::support::TestApp;

fn snapshot_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("openapi.json")
}

fn generated() -> String {
    let document = app::openapi::document(true);
    serde_json::to_string_pretty(&document).unwrap() + "\n"
}

#[test]
fn the_document_matches_the_committed_snapshot() {
    let generated = generated();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(snapshot_path(), &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(snapshot_path()).unwrap_or_default();
    assert!(
        committed == generated,
        "the OpenAPI document changed; review the change and run `make openapi` to update backend/openapi.json"
    );
}

#[tokio::test]
async fn the_served_document_is_the_generated_one() {
    let app = TestApp::spawn().await;
    let served = app.get("/openapi.json", None).await;
    assert_eq!(served.status, 200);
    assert_eq!(served.body["openapi"], "3.1.0");
    let expected: serde_json::Value = serde_json::from_str(&generated()).unwrap();
    assert_eq!(served.body, expected);
}

#[test]
fn every_contract_route_is_documented() {
    let document = serde_json::to_value(app::openapi::document(true)).unwrap();
    let paths = document["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/login/access-token", "post"),
        ("/api/v1/login/test-token", "post"),
        ("/api/v1/login/refresh", "post"),
        ("/api/v1/logout", "post"),
        ("/api/v1/users", "get"),
        ("/api/v1/users", "post"),
        ("/api/v1/users/me", "get"),
        ("/api/v1/users/me", "patch"),
        ("/api/v1/users/me", "delete"),
        ("/api/v1/users/me/password", "patch"),
        ("/api/v1/users/signup", "post"),
        ("/api/v1/users/{id}", "get"),
        ("/api/v1/users/{id}", "patch"),
        ("/api/v1/users/{id}", "delete"),
        ("/api/v1/items", "get"),
        ("/api/v1/items", "post"),
        ("/api/v1/items/{id}", "get"),
        ("/api/v1/items/{id}", "put"),
        ("/api/v1/items/{id}", "delete"),
        ("/api/v1/utils/health-check", "get"),
        ("/api/v1/private/users", "post"),
        ("/health", "get"),
        ("/health/ready", "get"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} is not documented"
        );
    }
}

#[test]
fn operation_ids_are_unique() {
    // Client generators (the SPA's included) name functions after them.
    let document = serde_json::to_value(app::openapi::document(true)).unwrap();
    let mut seen = std::collections::HashMap::new();
    for (path, operations) in document["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap().to_owned();
            let here = format!("{method} {path}");
            if let Some(first) = seen.insert(id.clone(), here.clone()) {
                panic!("operationId {id} is used by both {first} and {here}");
            }
        }
    }
}

#[test]
fn errors_are_documented_as_the_problem_json_the_api_sends() {
    // `AppError` sends every error as application/problem+json; a response
    // declared without `content_type = PROBLEM` (see `api::errors`) would be
    // documented as application/json. (/health/ready's 503 is its own JSON.)
    let document = serde_json::to_value(app::openapi::document(true)).unwrap();
    for (path, operations) in document["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                let is_error = status.starts_with('4') || status.starts_with('5');
                if !is_error || !path.starts_with("/api/") {
                    continue;
                }
                let here = format!("{method} {path} {status}");
                let content = response["content"].as_object().expect(&here);
                let types: Vec<&String> = content.keys().collect();
                assert_eq!(types, ["application/problem+json"], "{here}");
                let schema = &content["application/problem+json"]["schema"]["$ref"];
                assert_eq!(schema, "#/components/schemas/ErrorBody", "{here}");
            }
        }
    }
}

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

#[tokio::test]
async fn the_authorize_dialog_hides_the_oauth2_client_fields() {
    // What the dialog then shows is checked in Chromium by the end-to-end
    // suite (frontend/e2e/specs/api-docs.mjs).
    let app = TestApp::spawn().await;
    let css = app.get("/docs/index.css", None).await;
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css"));
    for row in [
        "password_type",
        "client_id_password",
        "client_secret_password",
    ] {
        assert!(
            css.text
                .contains(&format!(r#".wrapper:has(> label[for="{row}"])"#)),
            "{row} is not hidden: {}",
            css.text
        );
    }
    assert!(css.text.contains("display: none"), "{}", css.text);
    // Swagger UI's own rules are still there.
    assert!(css.text.contains("background: #fafafa"), "{}", css.text);
}

#[tokio::test]
async fn the_docs_can_be_turned_off() {
    let app = TestApp::spawn_with(|config| config.api_docs = false).await;
    for path in [
        "/docs",
        "/docs/",
        "/docs/swagger-initializer.js",
        "/docs/index.css",
        "/openapi.json",
    ] {
        let response = app.get(path, None).await;
        assert_eq!(response.status, 404, "{path}: {}", response.text);
    }
    assert_eq!(
        app.get("/api/v1/utils/health-check/", None).await.status,
        200
    );
}

/// A `status` given in an example: where, its value, and the status code
/// of the response it illustrates (when it illustrates one).
struct StatusExample {
    at: String,
    value: serde_json::Value,
    response: Option<u16>,
}

/// Every `status` in the document's examples: in example bodies, and the
/// examples of `status` properties' schemas.
fn status_examples(
    value: &serde_json::Value,
    path: &str,
    response: Option<u16>,
    in_example: bool,
    found: &mut Vec<StatusExample>,
) {
    let children: Vec<(String, &serde_json::Value)> = match value {
        serde_json::Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => return,
    };
    for (key, child) in children {
        let at = format!("{path}/{key}");
        let response = match path.ends_with("/responses") {
            true => key.parse().ok(),
            false => response,
        };
        let in_example = in_example || key == "example" || key == "examples";
        let mut found_here = |value: &serde_json::Value, at: String| {
            found.push(StatusExample {
                at,
                value: value.clone(),
                response,
            })
        };
        if in_example && key == "status" {
            found_here(child, at.clone());
        }
        if !in_example && key == "status" && path.ends_with("/properties") {
            if let Some(example) = child.get("example") {
                found_here(example, format!("{at}/example"));
            }
            for example in child["examples"].as_array().into_iter().flatten() {
                found_here(example, format!("{at}/examples"));
            }
        }
        status_examples(child, &at, response, in_example, found);
    }
}

#[test]
fn every_status_example_is_the_http_status_it_illustrates() {
    // Swagger UI showed `"status": 1073741824` in error examples: it makes
    // one up from the schema when the document gives none.
    let document = serde_json::to_value(app::openapi::document(true)).unwrap();
    let mut found = Vec::new();
    status_examples(&document, "", None, false, &mut found);
    assert!(
        found.iter().any(|e| e.at.starts_with("/components/")),
        "the status property has no example"
    );
    for example in &found {
        let status = example.value.as_u64();
        assert!(
            status.is_some_and(|s| (100..=599).contains(&s)),
            "{}: {} is not an HTTP status",
            example.at,
            example.value
        );
        if let Some(response) = example.response {
            assert_eq!(status, Some(u64::from(response)), "{}", example.at);
        }
    }

    let status = &document["components"]["schemas"]["ErrorBody"]["properties"]["status"];
    assert!(
        status["minimum"].as_u64().is_some_and(|m| m >= 100),
        "{status}"
    );
    assert!(
        status["maximum"].as_u64().is_some_and(|m| m <= 599),
        "{status}"
    );
    // Every error has an example body of its own, with its status.
    for (path, operations) in document["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            for (code, response) in operation["responses"].as_object().unwrap() {
                let Some(problem) = response["content"].get("application/problem+json") else {
                    continue;
                };
                let here = format!("{method} {path} {code}");
                assert_eq!(problem["example"]["status"].to_string(), *code, "{here}");
                assert!(
                    problem["example"]["detail"]
                        .as_str()
                        .is_some_and(|d| !d.is_empty()),
                    "{here}"
                );
            }
        }
    }
}

//! `/health`, `/health/ready` and `/api/v1/utils/health-check`.

use crate::support::TestApp;

#[tokio::test]
async fn liveness_answers_without_dependencies() {
    let app = TestApp::spawn().await;
    let response = app.get("/health", None).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.body["status"], "ok");
}

#[tokio::test]
async fn readiness_reports_the_database() {
    let app = TestApp::spawn().await;
    let response = app.get("/health/ready", None).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.body["checks"]["database"], "ok");
    assert_eq!(response.body["checks"]["redis"], "ok");
}

#[tokio::test]
async fn readiness_is_503_naming_the_database_when_it_is_unreachable() {
    let app = TestApp::spawn_with(|config| {
        config.first_superuser = None;
        config.database.connect_options = config.database.connect_options.clone().port(1);
        config.database.acquire_timeout = std::time::Duration::from_millis(500);
    })
    .await;
    let response = app.get("/health/ready", None).await;
    assert_eq!(response.status, 503);
    assert_eq!(response.body["status"], "unavailable");
    assert_eq!(response.body["checks"]["database"], "unavailable");
}

#[tokio::test]
async fn utils_health_check_is_true_with_and_without_trailing_slash() {
    let app = TestApp::spawn().await;
    for path in ["/api/v1/utils/health-check/", "/api/v1/utils/health-check"] {
        let response = app.get(path, None).await;
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.body, serde_json::json!(true));
    }
}

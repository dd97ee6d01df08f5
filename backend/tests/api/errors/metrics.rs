//! `/metrics`: requests labelled by route template.

use crate::support::TestApp;

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

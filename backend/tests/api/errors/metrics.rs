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

fn value(metrics: &str, series: &str) -> f64 {
    metric_lines(metrics, series)
        .first()
        .unwrap_or_else(|| panic!("no {series} in:\n{metrics}"))
        .rsplit(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn metrics_show_the_database_pool_and_the_process() {
    let app = TestApp::spawn().await;
    app.new_user().await; // uses the pool
    let text = app.get("/metrics", None).await.text;

    let max = app.config.database.max_connections as f64;
    assert_eq!(value(&text, "db_pool_max_connections "), max);
    let idle = value(&text, r#"db_pool_connections{state="idle"} "#);
    let in_use = value(&text, r#"db_pool_connections{state="in_use"} "#);
    assert!(idle + in_use >= 1.0 && idle + in_use <= max, "{text}");

    assert!(value(&text, "process_cpu_seconds_total ") > 0.0);
    assert!(value(&text, "process_resident_memory_bytes ") > 1e6);
    assert!(value(&text, "process_open_fds ") > 0.0);
    assert!(value(&text, "process_start_time_seconds ") > 1.7e9);
    // Every series is described (promtool check metrics wants HELP and TYPE).
    for name in [
        "db_pool_connections",
        "db_pool_max_connections",
        "process_cpu_seconds_total",
    ] {
        assert!(text.contains(&format!("# HELP {name} ")), "{name}: no HELP");
        assert!(text.contains(&format!("# TYPE {name} ")), "{name}: no TYPE");
    }
}

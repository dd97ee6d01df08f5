use std::time::Duration;

use app::jobs::Probe;

use super::{completed, probe};
use crate::support::{TestApp, TestWorker, metric_value, wait_until};

#[tokio::test]
async fn the_worker_publishes_job_counts_durations_depth_and_dead_letters() {
    let app = TestApp::spawn().await;
    let worker = TestWorker::spawn(&app).await;
    let queue = app.queue();
    let ok = queue.enqueue(&probe("metrics")).await.unwrap();
    let doomed = Probe {
        fail_times: 9,
        max_attempts: Some(1),
        ..probe("metrics")
    };
    queue.enqueue(&doomed).await.unwrap();
    wait_until(Duration::from_secs(5), || async {
        completed(&app, "metrics").contains(&ok) && queue.stats().await.unwrap().dead == 1
    })
    .await;

    // Queue gauges are refreshed every 5 s.
    wait_until(Duration::from_secs(10), || async {
        metric_value(&worker.metrics().await, "job_dead_letter_size", &[]) >= 1.0
    })
    .await;
    let text = worker.metrics().await;
    let probe_job = ("job", "probe");
    assert!(metric_value(&text, "jobs_total", &[probe_job, ("outcome", "succeeded")]) >= 1.0);
    assert!(metric_value(&text, "jobs_total", &[probe_job, ("outcome", "dead")]) >= 1.0);
    assert!(metric_value(&text, "job_duration_seconds_count", &[probe_job]) >= 2.0);
    assert!(metric_value(&text, "job_pickup_seconds_count", &[probe_job]) >= 2.0);
    assert!(text.contains("job_queue_depth{state=\"ready\"}"), "{text}");
    assert!(text.contains("job_queue_depth{state=\"scheduled\"}"));
    for name in [
        "jobs_total",
        "job_duration_seconds",
        "job_queue_depth",
        "job_dead_letter_size",
    ] {
        assert!(
            text.contains(&format!("# HELP {name} ")),
            "{name} has help text"
        );
    }
    let health = reqwest::get(worker.metrics_url.replace("/metrics", "/health"))
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    worker.stop().await;
}

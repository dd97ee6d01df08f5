use std::time::Duration;

use app::jobs::{Job, Probe, QueueStats};

use super::{completed, probe, runs};
use crate::support::{TestApp, TestWorker, metric_value, wait_until};

#[tokio::test]
async fn a_queued_job_runs_once_and_leaves_nothing_behind() {
    let app = TestApp::spawn().await;
    let worker = TestWorker::spawn(&app).await;
    let id = app.queue().enqueue(&probe("once")).await.unwrap();

    wait_until(Duration::from_secs(5), || async {
        completed(&app, "once").contains(&id)
    })
    .await;
    assert_eq!(runs(&app, "once", id), 1);
    let stats = app.queue().stats().await.unwrap();
    assert_eq!(stats, QueueStats::default(), "settled jobs leave the queue");
    worker.stop().await;
}

#[tokio::test]
async fn a_failing_job_is_retried_until_it_succeeds() {
    let app = TestApp::spawn().await;
    let worker = TestWorker::spawn(&app).await;
    let job = Probe {
        fail_times: 2,
        ..probe("flaky")
    };
    let id = app.queue().enqueue(&job).await.unwrap();

    wait_until(Duration::from_secs(10), || async {
        completed(&app, "flaky").contains(&id)
    })
    .await;
    assert_eq!(runs(&app, "flaky", id), 3, "two failures, then success");
    let metrics = worker.metrics().await;
    let job_label = [("job", Probe::NAME)];
    assert!(metric_value(&metrics, "job_retries_total", &job_label) >= 2.0);
    worker.stop().await;
}

#[tokio::test]
async fn retries_wait_longer_each_time() {
    let app = TestApp::spawn().await;
    // Base 300 ms: the second retry waits 300-600 ms, the first 150-300 ms.
    let worker = TestWorker::spawn_with(&app, |config| {
        config.jobs.retry_base_delay = Duration::from_millis(300);
        config.jobs.retry_max_delay = Duration::from_secs(5);
    })
    .await;
    let job = Probe {
        fail_times: 2,
        ..probe("backoff")
    };
    let started = std::time::Instant::now();
    let id = app.queue().enqueue(&job).await.unwrap();
    wait_until(Duration::from_secs(10), || async {
        completed(&app, "backoff").contains(&id)
    })
    .await;
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(450),
        "two backoffs of at least 150 ms and 300 ms passed ({elapsed:?})"
    );
    worker.stop().await;
}

#[tokio::test]
async fn the_worker_recovers_when_redis_loses_the_queue() {
    let app = TestApp::spawn().await;
    let worker = TestWorker::spawn(&app).await;
    let first = app.queue().enqueue(&probe("lost")).await.unwrap();
    wait_until(Duration::from_secs(5), || async {
        completed(&app, "lost").contains(&first)
    })
    .await;
    // What a Redis restart without persistence does to the queue: the
    // stream and its consumer group are gone.
    let _: i64 = redis::cmd("DEL")
        .arg(&app.queue().keys().stream)
        .query(&mut app.redis.connection())
        .unwrap();

    let second = app.queue().enqueue(&probe("lost")).await.unwrap();
    wait_until(Duration::from_secs(10), || async {
        completed(&app, "lost").contains(&second)
    })
    .await;
    worker.stop().await;
}

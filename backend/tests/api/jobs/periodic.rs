use std::time::{Duration, Instant};

use app::jobs::{Job, PurgeExpiredTokens};

use crate::support::{TestApp, WorkerProcess, metric_value};

/// Sums a metric over several workers' expositions.
async fn total(workers: &[&WorkerProcess], name: &str, labels: &[(&str, &str)]) -> f64 {
    let mut sum = 0.0;
    for worker in workers {
        let text = worker.metrics().await;
        sum += metric_value(&text, name, labels);
    }
    sum
}

/// (ticks enqueued, ticks lost to the other worker, jobs run, claims in Redis).
async fn read_ticks(app: &TestApp, workers: &[&WorkerProcess]) -> (f64, f64, f64, f64) {
    let job = PurgeExpiredTokens::NAME;
    let enqueued = total(
        workers,
        "periodic_job_ticks_total",
        &[("job", job), ("outcome", "enqueued")],
    )
    .await;
    let lost_race = total(
        workers,
        "periodic_job_ticks_total",
        &[("job", job), ("outcome", "taken_by_another_worker")],
    )
    .await;
    let ran = total(
        workers,
        "jobs_total",
        &[("job", job), ("outcome", "succeeded")],
    )
    .await;
    let claims: Vec<String> = redis::cmd("KEYS")
        .arg(format!("{}jobs:cron:{job}:*", app.config.redis.key_prefix))
        .query(&mut app.redis.connection())
        .unwrap();
    (enqueued, lost_race, ran, claims.len() as f64)
}

#[tokio::test]
async fn a_periodic_job_runs_once_per_tick_with_two_workers() {
    let app = TestApp::spawn().await;
    let every_second = [("JOB_SCHEDULE_PURGE_EXPIRED_TOKENS", "* * * * * *")];
    let first = WorkerProcess::start(&app, &every_second).await;
    let second = WorkerProcess::start(&app, &every_second).await;
    tokio::time::sleep(Duration::from_millis(4500)).await;
    // A tick's job runs a moment after its claim: read until a moment when
    // every claimed tick's job has finished (a busy machine may need a few
    // tries). A tick run twice would keep `ran` above `enqueued` for good.
    let workers = [&first, &second];
    let deadline = Instant::now() + Duration::from_secs(10);
    let (enqueued, lost_race, ran, claims) = loop {
        let snapshot = read_ticks(&app, &workers).await;
        let (enqueued, _, ran, claims) = snapshot;
        if (ran == enqueued && enqueued == claims) || Instant::now() > deadline {
            break snapshot;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };

    assert!(enqueued >= 3.0, "a tick every second ({enqueued})");
    assert_eq!(enqueued, claims, "one claim per tick");
    assert_eq!(ran, enqueued, "each tick's job ran once");
    assert!(
        lost_race >= enqueued - 1.0,
        "both workers saw every tick ({lost_race})"
    );
}

use std::process::Command;
use std::time::Duration;

use app::jobs::{Envelope, Probe};
use secrecy::ExposeSecret;

use super::{completed, probe, runs};
use crate::support::{TestApp, TestWorker, metric_value, wait_until};

/// Runs `app jobs ...` against the app's Redis prefix.
fn jobs_command(app: &TestApp, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_app"))
        .arg("jobs")
        .args(args)
        .env("REDIS_URL", app.config.redis.url.expose_secret())
        .env("REDIS_KEY_PREFIX", &app.config.redis.key_prefix)
        .current_dir(std::env::temp_dir())
        .output()
        .expect("the app binary runs")
}

fn dead_listed(app: &TestApp) -> Vec<Envelope> {
    let output = jobs_command(app, &["dead", "list"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[tokio::test]
async fn a_job_failing_every_run_is_parked_then_requeued_from_the_cli() {
    let app = TestApp::spawn().await;
    let worker = TestWorker::spawn(&app).await;
    // Fails its first two runs but may only run twice: dead. Requeued, its
    // third run succeeds.
    let job = Probe {
        fail_times: 2,
        max_attempts: Some(2),
        ..probe("doomed")
    };
    let id = app.queue().enqueue(&job).await.unwrap();
    wait_until(Duration::from_secs(10), || async {
        app.queue().stats().await.unwrap().dead == 1
    })
    .await;

    let dead = dead_listed(&app);
    assert_eq!(dead.len(), 1);
    assert_eq!((dead[0].id, dead[0].attempt), (id, 2));
    assert!(
        dead[0]
            .error
            .as_deref()
            .unwrap()
            .contains("probe failing as asked")
    );
    assert_eq!(runs(&app, "doomed", id), 2, "no run past the limit");
    let metrics = worker.metrics().await;
    let dead_runs = metric_value(
        &metrics,
        "jobs_total",
        &[("job", "probe"), ("outcome", "dead")],
    );
    assert!(dead_runs >= 1.0);

    let requeue = jobs_command(&app, &["dead", "requeue", &id.to_string()]);
    assert!(requeue.status.success());
    assert!(String::from_utf8_lossy(&requeue.stdout).contains("Requeued 1 job(s)"));
    wait_until(Duration::from_secs(10), || async {
        completed(&app, "doomed").contains(&id)
    })
    .await;
    assert_eq!(runs(&app, "doomed", id), 3);
    assert!(dead_listed(&app).is_empty());
    worker.stop().await;
}

#[tokio::test]
async fn dead_jobs_can_be_purged_and_unknown_ids_are_refused() {
    let app = TestApp::spawn().await;
    let queue = app.queue();
    let job = Probe {
        fail_times: 5,
        max_attempts: Some(1),
        ..probe("purged")
    };
    for _ in 0..3 {
        queue.enqueue(&job).await.unwrap();
    }
    let worker = TestWorker::spawn(&app).await;
    wait_until(Duration::from_secs(10), || async {
        queue.stats().await.unwrap().dead == 3
    })
    .await;
    worker.stop().await;

    let unknown = jobs_command(
        &app,
        &["dead", "purge", "00000000-0000-0000-0000-000000000000"],
    );
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no dead job has that id"));
    let no_selection = jobs_command(&app, &["dead", "requeue"]);
    assert_eq!(no_selection.status.code(), Some(2), "a usage error");
    assert_eq!(
        queue.stats().await.unwrap().dead,
        3,
        "refusals change nothing"
    );

    let one = dead_listed(&app)[0].id.to_string();
    assert!(
        jobs_command(&app, &["dead", "purge", &one])
            .status
            .success()
    );
    assert_eq!(queue.stats().await.unwrap().dead, 2);
    let all = jobs_command(&app, &["dead", "purge", "--all"]);
    assert!(String::from_utf8_lossy(&all.stdout).contains("Purged 2 job(s)"));
    assert_eq!(queue.stats().await.unwrap().dead, 0);
}

#[tokio::test]
async fn a_job_no_worker_knows_or_cannot_decode_is_dead_at_once() {
    let app = TestApp::spawn().await;
    let stream = app.queue().keys().stream.clone();
    let mut redis = app.redis.connection();
    let unknown = Envelope {
        name: "no_such_job".into(),
        ..Envelope::new(&Probe::default()).unwrap()
    };
    let _: String = redis::cmd("XADD")
        .arg(&stream)
        .arg("*")
        .arg("job")
        .arg(unknown.to_json())
        .query(&mut redis)
        .unwrap();
    let _: String = redis::cmd("XADD")
        .arg(&stream)
        .arg("*")
        .arg("job")
        .arg("{not json")
        .query(&mut redis)
        .unwrap();
    let worker = TestWorker::spawn(&app).await;
    wait_until(Duration::from_secs(5), || async {
        app.queue().stats().await.unwrap().dead == 2
    })
    .await;
    worker.stop().await;

    let dead = app.queue().dead_jobs().await.unwrap();
    let errors: Vec<&str> = dead.iter().filter_map(|job| job.error.as_deref()).collect();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("no handler for job `no_such_job`")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("not a job envelope")),
        "{errors:?}"
    );
    let malformed = dead.iter().find(|job| job.name == "malformed").unwrap();
    assert_eq!(
        malformed.args,
        serde_json::json!("{not json"),
        "the raw entry is kept"
    );
}

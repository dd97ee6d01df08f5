use std::time::Duration;

use app::jobs::Probe;

use super::{completed, probe, runs};
use crate::support::{TestApp, WorkerProcess, wait_until};

#[tokio::test]
async fn no_job_is_lost_when_the_worker_is_killed_mid_job() {
    let app = TestApp::spawn().await;
    let mut first = WorkerProcess::start(&app, &[]).await;
    let job = Probe {
        sleep_ms: 1500,
        ..probe("killed")
    };
    let mut ids = Vec::new();
    for _ in 0..8 {
        ids.push(app.queue().enqueue(&job).await.unwrap());
    }
    // Four jobs are running (concurrency 4), each past the start of its
    // handler (its run recorded), when the worker dies. Claimed is not
    // enough: on a busy machine a claimed job may not have started yet.
    wait_until(Duration::from_secs(5), || async {
        app.queue().stats().await.unwrap().running == 4
            && ids
                .iter()
                .filter(|id| runs(&app, "killed", **id) == 1)
                .count()
                == 4
    })
    .await;
    first.signal(libc::SIGKILL);
    assert!(!first.wait_for_exit(Duration::from_secs(5)).await);

    let _second = WorkerProcess::start(&app, &[]).await;
    wait_until(Duration::from_secs(30), || async {
        completed(&app, "killed").len() == ids.len()
    })
    .await;
    let rerun = ids
        .iter()
        .filter(|id| runs(&app, "killed", **id) == 2)
        .count();
    assert_eq!(
        rerun, 4,
        "the jobs cut short ran again; the others ran once"
    );
    assert_eq!(app.queue().stats().await.unwrap().running, 0);
}

#[tokio::test]
async fn sigterm_lets_running_jobs_finish_and_takes_no_new_ones() {
    let app = TestApp::spawn().await;
    let mut worker = WorkerProcess::start(&app, &[]).await;
    let job = Probe {
        sleep_ms: 1000,
        ..probe("graceful")
    };
    let mut ids = Vec::new();
    for _ in 0..6 {
        ids.push(app.queue().enqueue(&job).await.unwrap());
    }
    wait_until(Duration::from_secs(5), || async {
        app.queue().stats().await.unwrap().running == 4
    })
    .await;
    worker.signal(libc::SIGTERM);
    assert!(
        worker.wait_for_exit(Duration::from_secs(10)).await,
        "a clean exit"
    );

    let done = completed(&app, "graceful");
    assert_eq!(done.len(), 4, "the four running jobs finished");
    let stats = app.queue().stats().await.unwrap();
    assert_eq!(
        (stats.ready, stats.running),
        (2, 0),
        "the rest wait, untouched"
    );
    assert!(ids.iter().all(|id| runs(&app, "graceful", *id) <= 1));
}

//! Workers for tests: one in this process (`TestWorker`), or the real
//! binary as a child process (`WorkerProcess`) for tests that kill it.

use std::fs::File;
use std::future::Future;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use app::config::{Config, JobsConfig};
use app::jobs::JobQueue;
use app::redis_store::RedisStore;
use app::worker_app::WorkerApp;
use secrecy::ExposeSecret;

use super::TestApp;

/// Job settings fast enough for tests: short timeouts and backoff, no
/// periodic jobs, metrics on a free port.
pub fn test_jobs_config() -> JobsConfig {
    JobsConfig {
        concurrency: 4,
        metrics_port: 0,
        visibility_timeout: Duration::from_secs(2),
        shutdown_timeout: Duration::from_secs(10),
        retry_base_delay: Duration::from_millis(50),
        retry_max_delay: Duration::from_millis(200),
        purge_tokens_schedule: None,
    }
}

pub struct TestWorker {
    pub metrics_url: String,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl TestWorker {
    /// A worker on the app's database and Redis prefix.
    pub async fn spawn(app: &TestApp) -> TestWorker {
        TestWorker::spawn_with(app, |_| {}).await
    }

    pub async fn spawn_with(app: &TestApp, tweak: impl FnOnce(&mut Config)) -> TestWorker {
        let mut config = app.config.clone();
        config.jobs = test_jobs_config();
        tweak(&mut config);
        let worker = WorkerApp::build(config).await.expect("the worker builds");
        let metrics_url = format!("http://{}/metrics", worker.metrics_addr());
        let (tx, rx) = tokio::sync::oneshot::channel();
        let task = tokio::spawn(worker.run_until(async {
            let _ = rx.await;
        }));
        TestWorker {
            metrics_url,
            shutdown: Some(tx),
            task,
        }
    }

    /// The worker's `/metrics` exposition.
    pub async fn metrics(&self) -> String {
        scrape(&self.metrics_url).await
    }

    /// Asks the worker to stop and waits until its running jobs finish.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        (&mut self.task)
            .await
            .expect("the worker task ends")
            .expect("the worker stops cleanly");
    }
}

impl Drop for TestWorker {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The real `app worker` process, configured like the app under test.
pub struct WorkerProcess {
    pub child: Child,
    pub metrics_url: String,
}

impl WorkerProcess {
    /// Starts `app worker` with the app's database and Redis prefix plus
    /// `env`, and waits until its metrics port answers.
    pub async fn start(app: &TestApp, env: &[(&str, &str)]) -> WorkerProcess {
        WorkerProcess::launch(app, env, Stdio::null()).await
    }

    /// As `start`, with the worker's log (its stdout) written to `log`.
    pub async fn start_logging(app: &TestApp, env: &[(&str, &str)], log: File) -> WorkerProcess {
        WorkerProcess::launch(app, env, Stdio::from(log)).await
    }

    async fn launch(app: &TestApp, env: &[(&str, &str)], stdout: Stdio) -> WorkerProcess {
        let port = free_port();
        let jobs = test_jobs_config();
        let child = Command::new(env!("CARGO_BIN_EXE_app"))
            .arg("worker")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("ENVIRONMENT", "development")
            .env("LOG_LEVEL", "WARNING")
            .env("API_HOST", "127.0.0.1")
            .env("DATABASE_URL", app.db.url())
            .env("REDIS_URL", app.config.redis.url.expose_secret())
            .env("REDIS_KEY_PREFIX", &app.config.redis.key_prefix)
            .env("WORKER_METRICS_PORT", port.to_string())
            .env("WORKER_CONCURRENCY", jobs.concurrency.to_string())
            .env(
                "JOB_VISIBILITY_TIMEOUT_SECONDS",
                jobs.visibility_timeout.as_secs().to_string(),
            )
            .env(
                "JOB_RETRY_BASE_DELAY_MS",
                jobs.retry_base_delay.as_millis().to_string(),
            )
            .env("JOB_SCHEDULE_PURGE_EXPIRED_TOKENS", "off")
            .envs(env.iter().copied())
            .current_dir(std::env::temp_dir())
            .stdout(stdout)
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the app binary starts");
        let process = WorkerProcess {
            child,
            metrics_url: format!("http://127.0.0.1:{port}/metrics"),
        };
        let url = process.metrics_url.clone();
        wait_until(Duration::from_secs(15), || async {
            reqwest::get(&url)
                .await
                .is_ok_and(|r| r.status().is_success())
        })
        .await;
        process
    }

    /// The worker's `/metrics` exposition.
    pub async fn metrics(&self) -> String {
        scrape(&self.metrics_url).await
    }

    pub fn signal(&self, signal: i32) {
        // SAFETY: kill(2) on our own child's pid has no memory effects.
        let result = unsafe { libc::kill(self.child.id() as i32, signal) };
        assert_eq!(result, 0, "the signal is delivered");
    }

    /// Waits for the process to exit; returns whether it exited cleanly.
    pub async fn wait_for_exit(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("the child can be waited on") {
                return status.success();
            }
            assert!(
                Instant::now() < deadline,
                "the worker did not exit within {timeout:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for WorkerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl TestApp {
    /// The app's job queue, as the API uses it.
    pub fn queue(&self) -> JobQueue {
        JobQueue::new(RedisStore::new(&self.config.redis).expect("a Redis URL"))
    }
}

async fn scrape(url: &str) -> String {
    let response = reqwest::get(url)
        .await
        .expect("the worker's metrics answer");
    response.text().await.expect("a text exposition")
}

/// Polls `condition` every 50 ms until it holds; panics after `timeout`.
pub async fn wait_until<F, Fut>(timeout: Duration, mut condition: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = Instant::now() + timeout;
    while !condition().await {
        assert!(
            Instant::now() < deadline,
            "condition not met within {timeout:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A port that was free a moment ago (for child processes, which cannot be
/// handed a listener).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

/// The value of a metric with exactly these labels (0 when absent) in a
/// Prometheus text exposition.
pub fn metric_value(exposition: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    exposition
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.rsplit_once(' '))
        .filter(|(series, _)| {
            let (metric, rest) = series.split_once('{').unwrap_or((series, ""));
            metric == name
                && labels
                    .iter()
                    .all(|(k, v)| rest.contains(&format!("{k}=\"{v}\"")))
        })
        .filter_map(|(_, value)| value.parse::<f64>().ok())
        .sum()
}

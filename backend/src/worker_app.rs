//! Building and running the worker process: the job runner plus a small
//! HTTP server for `/metrics` and `/health` on `WORKER_METRICS_PORT`.

use std::net::SocketAddr;

use anyhow::Context;
use axum::Router;
use axum::routing::get;
use sqlx::PgPool;
use tokio::net::TcpListener;

use crate::config::Config;
use crate::db;
use crate::email::Mailer;
use crate::jobs::{JobQueue, JobServices, Registry, Worker};
use crate::redis_store::RedisStore;

pub struct WorkerApp {
    listener: TcpListener,
    worker: Worker,
    /// The jobs' pool, for its gauges on `/metrics`.
    db: PgPool,
}

impl WorkerApp {
    pub async fn build(config: Config) -> anyhow::Result<WorkerApp> {
        crate::metrics::handle();
        if config.email.smtp.is_none() && !config.environment.is_development() {
            tracing::warn!("SMTP_HOST is not set: emails are logged, not sent");
        }
        let address = SocketAddr::new(config.host, config.jobs.metrics_port);
        let pool = db::pool(&config.database);
        let services = JobServices {
            db: pool.clone(),
            mailer: Mailer::new(&config.email, config.environment)?,
            queue: JobQueue::new(RedisStore::new(&config.redis)?),
            config,
        };
        let worker = Worker::new(services, Registry::all())?;
        let listener = TcpListener::bind(address)
            .await
            .with_context(|| format!("binding the worker's metrics port {address}"))?;
        Ok(WorkerApp {
            listener,
            worker,
            db: pool,
        })
    }

    pub fn metrics_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Runs jobs until `shutdown` completes and running jobs finish.
    pub async fn run_until(self, shutdown: impl Future<Output = ()>) -> anyhow::Result<()> {
        let pool = self.db;
        let router = Router::new()
            .route(
                "/metrics",
                get(move || async move { crate::metrics::render(&pool) }),
            )
            .route("/health", get(|| async { "ok" }));
        let server = tokio::spawn(axum::serve(self.listener, router).into_future());
        let outcome = self.worker.run(shutdown).await;
        server.abort();
        outcome
    }
}

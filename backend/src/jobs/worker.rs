//! The worker: reads jobs from the stream, runs up to `WORKER_CONCURRENCY`
//! at a time, and settles each one (done, retry later, or dead).
//!
//! Alongside the main loop it keeps its deliveries alive (heartbeats), takes
//! over deliveries abandoned by dead workers, moves due retries back into
//! the stream, enqueues periodic jobs, and publishes queue metrics.

mod delivery;
mod execute;
mod upkeep;

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};

use super::{Backoff, JobQueue, JobServices, Registry, schedule};
use crate::config::JobsConfig;
use crate::redis_store::RedisStore;
use delivery::Delivery;

/// How long one blocking read waits for new jobs; also how quickly the
/// worker notices a shutdown while idle.
const BLOCK: Duration = Duration::from_millis(500);
/// The most jobs asked for in one read.
const MAX_BATCH: usize = 64;

pub struct Worker {
    inner: Arc<Inner>,
}

/// What the worker's tasks share.
struct Inner {
    services: Arc<JobServices>,
    registry: Registry,
    config: JobsConfig,
    backoff: Backoff,
    /// A connection of its own for blocking reads.
    reader: RedisStore,
    /// This process's name in the consumer group.
    consumer: String,
    /// Stream entries delivered to this worker and not yet settled.
    held: Mutex<HashSet<String>>,
    /// One permit per job that may run at once.
    slots: Arc<Semaphore>,
    /// Set on shutdown: take no more jobs.
    stopping: AtomicBool,
}

impl Worker {
    pub fn new(services: JobServices, registry: Registry) -> anyhow::Result<Worker> {
        let config = services.config.jobs.clone();
        let reader = RedisStore::with_response_timeout(
            &services.config.redis,
            BLOCK + Duration::from_secs(2),
        )?;
        let consumer = format!(
            "{}-{}-{}",
            hostname(),
            std::process::id(),
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        );
        Ok(Worker {
            inner: Arc::new(Inner {
                backoff: Backoff {
                    base: config.retry_base_delay,
                    max: config.retry_max_delay,
                },
                slots: Arc::new(Semaphore::new(config.concurrency)),
                config,
                services: Arc::new(services),
                registry,
                reader,
                consumer,
                held: Mutex::default(),
                stopping: AtomicBool::new(false),
            }),
        })
    }

    /// Runs jobs until `shutdown` completes, then waits (up to
    /// `WORKER_SHUTDOWN_TIMEOUT_SECONDS`) for the jobs already running.
    pub async fn run(self, shutdown: impl Future<Output = ()>) -> anyhow::Result<()> {
        let inner = self.inner;
        let (stop_tx, stop) = watch::channel(false);
        let fetching = tokio::spawn(inner.clone().fetch_loop(stop.clone()));
        let upkeep = upkeep::spawn_all(&inner);
        let schedules = schedule::spawn_all(
            &inner.services.config.jobs,
            inner.queue().clone(),
            inner.consumer.clone(),
        );
        tracing::info!(consumer = %inner.consumer, concurrency = inner.config.concurrency, "worker started");
        shutdown.await;
        tracing::info!("worker stopping: no new jobs; waiting for running ones");
        inner.stopping.store(true, Ordering::Relaxed);
        let _ = stop_tx.send(true);
        let _ = fetching.await;
        inner.drain().await;
        for task in upkeep.into_iter().chain(schedules) {
            task.abort();
        }
        tracing::info!("worker stopped");
        Ok(())
    }
}

impl Inner {
    fn queue(&self) -> &JobQueue {
        &self.services.queue
    }

    /// Reads new jobs whenever a slot is free, until told to stop.
    async fn fetch_loop(self: Arc<Self>, mut stop: watch::Receiver<bool>) {
        self.ensure_group(&mut stop).await;
        while !*stop.borrow() {
            let first = tokio::select! {
                permit = self.free_slot() => permit,
                _ = stop.changed() => break,
            };
            let wanted = (1 + self.slots.available_permits()).min(MAX_BATCH);
            let Some(deliveries) = delivery::read_new(&self, wanted).await else {
                // Redis is unreachable, or lost its data (a restart without
                // persistence drops the consumer group): wait, then make sure
                // the group exists before reading again.
                tokio::time::sleep(Duration::from_secs(1)).await;
                if let Err(err) = delivery::create_group(&self).await {
                    tracing::debug!(error = %err, "consumer group not (re)created yet");
                }
                continue;
            };
            let mut first = Some(first);
            for delivery in deliveries {
                let permit = match first.take() {
                    Some(permit) => permit,
                    None => self.free_slot().await,
                };
                self.spawn_on(permit, delivery);
            }
        }
    }

    /// Creates the consumer group, retrying while Redis is unreachable.
    async fn ensure_group(&self, stop: &mut watch::Receiver<bool>) {
        while !*stop.borrow() {
            match delivery::create_group(self).await {
                Ok(()) => return,
                Err(err) => {
                    tracing::warn!(error = %err, "cannot create the consumer group yet; retrying")
                }
            }
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                _ = stop.changed() => {}
            }
        }
    }

    /// Waits until one more job may run.
    async fn free_slot(&self) -> OwnedSemaphorePermit {
        let slots = self.slots.clone();
        slots
            .acquire_owned()
            .await
            .expect("the semaphore is never closed")
    }

    /// Runs a delivery in a task of its own, holding `slot` until it ends.
    fn spawn_on(self: &Arc<Self>, slot: OwnedSemaphorePermit, delivery: Delivery) {
        let inner = self.clone();
        tokio::spawn(async move {
            inner.execute(delivery).await;
            drop(slot);
        });
    }

    /// Waits for every running job to finish, up to the shutdown timeout.
    async fn drain(&self) {
        let all = self.config.concurrency as u32;
        let finished =
            tokio::time::timeout(self.config.shutdown_timeout, self.slots.acquire_many(all));
        if finished.await.is_err() {
            let left = self.held.lock().expect("not poisoned").len();
            tracing::warn!(
                left,
                "shutdown timeout reached; unfinished jobs will run again on another worker"
            );
        }
    }
}

fn hostname() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "worker".to_owned())
}

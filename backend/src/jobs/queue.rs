//! The producer side of the queue (used by the API, the worker and the CLI):
//! enqueueing, and the operator's view of queue depth and dead jobs.

use std::sync::Arc;

use metrics::counter;
use uuid::Uuid;

use super::envelope::{Envelope, now_us};
use super::keys::{GROUP, Keys};
use super::{Job, scripts};
use crate::error::AppError;
use crate::metrics::{JOB_ENQUEUE_FAILURES_TOTAL, JOBS_ENQUEUED_TOTAL};
use crate::redis_store::RedisStore;

#[derive(Clone)]
pub struct JobQueue {
    redis: RedisStore,
    keys: Arc<Keys>,
}

#[derive(Debug, thiserror::Error)]
pub enum EnqueueError {
    #[error("the job queue (Redis) is unavailable")]
    Unavailable,
    #[error("the job's arguments cannot be serialised: {0}")]
    Encode(#[from] serde_json::Error),
}

impl From<EnqueueError> for AppError {
    fn from(err: EnqueueError) -> AppError {
        match err {
            EnqueueError::Unavailable => {
                AppError::service_unavailable("The job queue is unavailable; try again shortly")
            }
            EnqueueError::Encode(err) => AppError::internal(err),
        }
    }
}

/// How many jobs are where, for metrics and `app jobs stats`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct QueueStats {
    /// Waiting for a worker.
    pub ready: u64,
    /// Delivered to a worker and not yet settled.
    pub running: u64,
    /// Waiting for their retry time.
    pub scheduled: u64,
    /// Parked after failing every run.
    pub dead: u64,
}

impl JobQueue {
    pub fn new(redis: RedisStore) -> JobQueue {
        let keys = Arc::new(Keys::new(&redis.key("")));
        JobQueue { redis, keys }
    }

    pub fn keys(&self) -> &Keys {
        &self.keys
    }

    pub fn redis(&self) -> &RedisStore {
        &self.redis
    }

    /// Queues `job` to run as soon as a worker is free; returns its id.
    pub async fn enqueue<J: Job>(&self, job: &J) -> Result<Uuid, EnqueueError> {
        let envelope = Envelope::new(job)?;
        let outcome = self.push(&envelope).await;
        match &outcome {
            Ok(()) => counter!(JOBS_ENQUEUED_TOTAL, "job" => J::NAME).increment(1),
            Err(_) => counter!(JOB_ENQUEUE_FAILURES_TOTAL, "job" => J::NAME).increment(1),
        }
        outcome.map(|()| envelope.id)
    }

    /// Appends a prepared envelope to the stream.
    pub async fn push(&self, envelope: &Envelope) -> Result<(), EnqueueError> {
        let mut command = redis::cmd("XADD");
        command
            .arg(&self.keys.stream)
            .arg("*")
            .arg("job")
            .arg(envelope.to_json())
            .arg("ready_us")
            .arg(now_us());
        self.redis
            .query::<String>(&command)
            .await
            .map(|_| ())
            .ok_or(EnqueueError::Unavailable)
    }

    pub async fn stats(&self) -> Option<QueueStats> {
        let keys = &self.keys;
        let (in_stream, scheduled, dead): (u64, u64, u64) = self
            .redis
            .pipeline(
                redis::pipe()
                    .cmd("XLEN")
                    .arg(&keys.stream)
                    .cmd("ZCARD")
                    .arg(&keys.scheduled)
                    .cmd("HLEN")
                    .arg(&keys.dead),
            )
            .await?;
        let running = self.running().await.unwrap_or(0);
        Some(QueueStats {
            ready: in_stream.saturating_sub(running),
            running,
            scheduled,
            dead,
        })
    }

    /// Deliveries not yet settled (none before the first worker starts).
    async fn running(&self) -> Option<u64> {
        let mut command = redis::cmd("XPENDING");
        command.arg(&self.keys.stream).arg(GROUP);
        let (count, ..): (u64, redis::Value, redis::Value, redis::Value) =
            self.redis.query(&command).await?;
        Some(count)
    }

    /// The dead jobs, oldest failure first.
    pub async fn dead_jobs(&self) -> Option<Vec<Envelope>> {
        let mut command = redis::cmd("HVALS");
        command.arg(&self.keys.dead);
        let raw: Vec<String> = self.redis.query(&command).await?;
        let mut jobs: Vec<Envelope> = raw
            .iter()
            .filter_map(|json| serde_json::from_str(json).ok())
            .collect();
        jobs.sort_by_key(|job| job.dead_at_ms);
        Some(jobs)
    }

    /// Puts dead jobs (one, or all with `None`) back in the queue with a
    /// fresh allowance of runs; returns how many.
    pub async fn requeue_dead(&self, id: Option<Uuid>) -> Option<usize> {
        let mut requeued = 0;
        for job in self.dead_jobs().await? {
            if id.is_some_and(|id| id != job.id) {
                continue;
            }
            let fresh = Envelope {
                attempt: 0,
                error: None,
                dead_at_ms: None,
                ..job
            };
            let moved: i64 = self
                .redis
                .invoke(
                    scripts::REQUEUE_DEAD
                        .key(&self.keys.dead)
                        .key(&self.keys.stream)
                        .arg(fresh.id.to_string())
                        .arg(fresh.to_json())
                        .arg(now_us()),
                )
                .await?;
            requeued += moved as usize;
        }
        Some(requeued)
    }

    /// Deletes dead jobs (one, or all with `None`); returns how many.
    pub async fn purge_dead(&self, id: Option<Uuid>) -> Option<usize> {
        let command = match id {
            Some(id) => {
                let mut command = redis::cmd("HDEL");
                command.arg(&self.keys.dead).arg(id.to_string());
                command
            }
            None => {
                let (count, _): (usize, i64) = self
                    .redis
                    .pipeline(
                        redis::pipe()
                            .atomic()
                            .cmd("HLEN")
                            .arg(&self.keys.dead)
                            .cmd("DEL")
                            .arg(&self.keys.dead),
                    )
                    .await?;
                return Some(count);
            }
        };
        self.redis.query(&command).await
    }
}

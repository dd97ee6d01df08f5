//! Background jobs (Celery's place): typed jobs, a Redis-backed queue, and
//! the worker that runs them.
//!
//! A job is a serialisable Rust value with a name. Enqueueing is one call:
//!
//! ```ignore
//! state.jobs.enqueue(&SendEmail(message)).await?;
//! ```
//!
//! Delivery is at least once: a job stays in Redis until a worker settles
//! it, so one that was running when its worker died runs again. Handlers must
//! therefore be idempotent. Failed runs are retried with exponential backoff
//! and jitter, up to the job's `MAX_ATTEMPTS`; then the job is parked in a
//! dead-letter set (`app jobs dead list|requeue|purge`).
//!
//! Built on Redis streams directly rather than on apalis: apalis-redis polls
//! for work (100 ms by default), so pickup takes up to a poll interval, and
//! apalis-cron runs a schedule once per worker, not once per schedule.

mod backoff;
mod context;
mod envelope;
pub mod handlers;
mod keys;
pub mod outbox;
mod queue;
mod registry;
mod schedule;
mod scripts;
mod worker;

use std::future::Future;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use backoff::Backoff;
pub use context::{JobContext, JobServices};
pub use envelope::Envelope;
pub use handlers::{Probe, PurgeExpiredTokens, RecoverPassword, SendEmail};
pub use keys::Keys;
pub use queue::{EnqueueError, JobQueue, QueueStats};
pub use registry::Registry;
pub use worker::Worker;

/// A kind of background job: its arguments are the value itself.
pub trait Job: Serialize + DeserializeOwned + Send + 'static {
    /// Names the job in Redis, logs and metrics; never change it while jobs
    /// of the old name may still be queued.
    const NAME: &'static str;
    /// Runs allowed (the first included) before the job is parked as dead.
    const MAX_ATTEMPTS: u32 = 5;

    /// Runs allowed for this value (by default `MAX_ATTEMPTS`).
    fn max_attempts(&self) -> u32 {
        Self::MAX_ATTEMPTS
    }

    /// Does the work. An `Err` is retried; it must be safe to run twice.
    fn run(self, ctx: JobContext) -> impl Future<Output = anyhow::Result<()>> + Send;
}

//! What a running job may use, and which run of which job it is.

use std::ops::Deref;
use std::sync::Arc;

use sqlx::PgPool;
use uuid::Uuid;

use super::JobQueue;
use crate::config::Config;
use crate::email::Mailer;

/// Shared by every job a worker runs.
pub struct JobServices {
    pub db: PgPool,
    pub mailer: Mailer,
    /// For jobs that queue follow-up jobs.
    pub queue: JobQueue,
    pub config: Config,
}

/// One run of one job: the services plus the run's identity.
#[derive(Clone)]
pub struct JobContext {
    services: Arc<JobServices>,
    pub job_id: Uuid,
    /// Failed runs before this one.
    pub attempt: u32,
    /// When the job became runnable (enqueued, or due for its retry), in
    /// microseconds since the epoch.
    pub ready_at_us: u64,
}

impl JobContext {
    pub fn new(services: Arc<JobServices>, job_id: Uuid, attempt: u32, ready_at_us: u64) -> Self {
        JobContext {
            services,
            job_id,
            attempt,
            ready_at_us,
        }
    }
}

impl Deref for JobContext {
    type Target = JobServices;

    fn deref(&self) -> &JobServices {
        &self.services
    }
}

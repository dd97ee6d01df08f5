//! The Redis keys of the queue, all under the app's `REDIS_KEY_PREFIX`.
//!
//! - `jobs:stream`: a stream of runnable jobs, read by the consumer group
//!   `workers`. A job stays in the group's pending list from delivery until a
//!   worker settles it, so a job whose worker died is never lost.
//! - `jobs:scheduled`: a sorted set of jobs waiting to run (retries after
//!   their backoff), scored by when they become runnable.
//! - `jobs:dead`: a hash of jobs that failed every run, by job id.
//! - `jobs:cron:<name>:<tick>`: claims that make each tick of a periodic
//!   job run once, however many workers there are.

pub const GROUP: &str = "workers";

#[derive(Debug, Clone)]
pub struct Keys {
    pub stream: String,
    pub scheduled: String,
    pub dead: String,
    prefix: String,
}

impl Keys {
    pub fn new(prefix: &str) -> Keys {
        Keys {
            stream: format!("{prefix}jobs:stream"),
            scheduled: format!("{prefix}jobs:scheduled"),
            dead: format!("{prefix}jobs:dead"),
            prefix: prefix.to_owned(),
        }
    }

    pub fn cron_claim(&self, job: &str, tick_unix: i64) -> String {
        format!("{}jobs:cron:{job}:{tick_unix}", self.prefix)
    }

    /// Keys of the `probe` diagnostic job.
    pub fn probe(&self, record: &str, what: &str) -> String {
        format!("{}jobs:probe:{record}:{what}", self.prefix)
    }
}

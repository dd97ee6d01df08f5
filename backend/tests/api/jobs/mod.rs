//! The job queue and worker: retries, dead letters, at-least-once delivery
//! across kills and restarts, periodic jobs and metrics. Jobs here are the
//! diagnostic `probe` job, which records its runs in Redis.

mod dead_letters;
mod delivery;
mod metrics;
mod periodic;
mod retries;

use std::collections::HashSet;

use app::jobs::Probe;
use uuid::Uuid;

use crate::support::TestApp;

/// A probe that records its runs under `record`.
pub fn probe(record: &str) -> Probe {
    Probe {
        record: Some(record.to_owned()),
        ..Probe::default()
    }
}

/// How many times the job has started.
pub fn runs(app: &TestApp, record: &str, id: Uuid) -> u64 {
    let key = app.queue().keys().probe(record, "runs");
    let runs: Option<u64> = redis::cmd("HGET")
        .arg(key)
        .arg(id.to_string())
        .query(&mut app.redis.connection())
        .unwrap();
    runs.unwrap_or(0)
}

/// The ids of the jobs that completed.
pub fn completed(app: &TestApp, record: &str) -> HashSet<Uuid> {
    let key = app.queue().keys().probe(record, "completed");
    let ids: Vec<String> = redis::cmd("SMEMBERS")
        .arg(key)
        .query(&mut app.redis.connection())
        .unwrap();
    ids.iter().map(|id| id.parse().unwrap()).collect()
}

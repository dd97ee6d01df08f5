//! What travels through Redis: a job's name and arguments plus the
//! bookkeeping the queue needs (attempts, errors, times).

use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Job;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub id: Uuid,
    pub name: String,
    pub args: serde_json::Value,
    /// Runs that have failed so far.
    pub attempt: u32,
    /// Runs allowed before the job is parked in the dead-letter set.
    pub max_attempts: u32,
    pub enqueued_at_ms: u64,
    /// The last failure, when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// When the job was parked in the dead-letter set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_at_ms: Option<u64>,
}

impl Envelope {
    pub fn new<J: Job>(job: &J) -> serde_json::Result<Envelope> {
        Ok(Envelope {
            id: Uuid::new_v4(),
            name: J::NAME.to_owned(),
            args: serde_json::to_value(job)?,
            attempt: 0,
            max_attempts: job.max_attempts().max(1),
            enqueued_at_ms: now_ms(),
            error: None,
            dead_at_ms: None,
        })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an envelope always serialises")
    }

    /// The envelope after one more failed run.
    pub fn failed(&self, error: String) -> Envelope {
        Envelope {
            attempt: self.attempt + 1,
            error: Some(error),
            ..self.clone()
        }
    }

    /// Whether a job that just failed has used up its runs.
    pub fn is_exhausted(&self) -> bool {
        self.attempt >= self.max_attempts
    }
}

pub fn now_ms() -> u64 {
    now_us() / 1000
}

/// Microseconds since the epoch: when a job became runnable is kept this
/// precisely, because pickup delays are usually well under a millisecond.
pub fn now_us() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as u64)
}

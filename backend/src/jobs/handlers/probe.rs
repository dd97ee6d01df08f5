use std::time::Duration;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::jobs::envelope::now_us;
use crate::jobs::{Job, JobContext};

/// A diagnostic job (`app jobs probe`), used to check that workers run
/// jobs and by the tests and benchmarks of the queue itself. With no
/// options it does nothing at all.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Probe {
    /// Sleep this long, as a real job's work would take time.
    #[serde(default)]
    pub sleep_ms: u64,
    /// Fail the first N runs (needs `record`, where runs are counted).
    #[serde(default)]
    pub fail_times: u32,
    /// Runs allowed before the job is dead (default: 5).
    #[serde(default)]
    pub max_attempts: Option<u32>,
    /// Record each run in Redis under this name: the number of runs per
    /// job, the ids of the jobs that completed, and each pickup delay (µs).
    #[serde(default)]
    pub record: Option<String>,
}

impl Job for Probe {
    const NAME: &'static str = "probe";

    fn max_attempts(&self) -> u32 {
        self.max_attempts.unwrap_or(Self::MAX_ATTEMPTS)
    }

    async fn run(self, ctx: JobContext) -> anyhow::Result<()> {
        let pickup_us = now_us().saturating_sub(ctx.ready_at_us);
        let runs = match &self.record {
            Some(record) => record_start(&ctx, record, pickup_us).await?,
            None => 1,
        };
        tokio::time::sleep(Duration::from_millis(self.sleep_ms)).await;
        if runs <= u64::from(self.fail_times) {
            bail!(
                "probe failing as asked (run {runs} of {} to fail)",
                self.fail_times
            );
        }
        if let Some(record) = &self.record {
            let key = ctx.queue.keys().probe(record, "completed");
            let mut command = redis::cmd("SADD");
            command.arg(key).arg(ctx.job_id.to_string());
            let _: i64 = ctx
                .queue
                .redis()
                .query(&command)
                .await
                .context("Redis unavailable")?;
        }
        Ok(())
    }
}

/// Counts this run of this job and notes its pickup delay; returns the run
/// number (1 for the first).
async fn record_start(ctx: &JobContext, record: &str, pickup_us: u64) -> anyhow::Result<u64> {
    let keys = ctx.queue.keys();
    let (runs, _): (u64, i64) = ctx
        .queue
        .redis()
        .pipeline(
            redis::pipe()
                .cmd("HINCRBY")
                .arg(keys.probe(record, "runs"))
                .arg(ctx.job_id.to_string())
                .arg(1)
                .cmd("RPUSH")
                .arg(keys.probe(record, "pickup_us"))
                .arg(pickup_us),
        )
        .await
        .context("Redis unavailable")?;
    Ok(runs)
}

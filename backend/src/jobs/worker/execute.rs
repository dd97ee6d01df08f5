//! Running one delivered job and settling it: done, retry later, or dead.

use std::sync::Arc;
use std::time::{Duration, Instant};

use metrics::{counter, gauge, histogram};

use super::Inner;
use super::delivery::Delivery;
use crate::jobs::envelope::{Envelope, now_ms, now_us};
use crate::jobs::keys::GROUP;
use crate::jobs::{JobContext, scripts};
use crate::metrics::{JOB_DURATION, JOB_PICKUP, JOB_RETRIES_TOTAL, JOBS_IN_FLIGHT, JOBS_TOTAL};

/// What became of a run.
enum Outcome {
    Succeeded,
    /// Failed; runs again at the given time (ms since the epoch).
    Retry(Envelope, u64),
    /// Failed for the last time, or can never run.
    Dead(Envelope),
}

impl Outcome {
    fn label(&self) -> &'static str {
        match self {
            Outcome::Succeeded => "succeeded",
            Outcome::Retry(..) => "retried",
            Outcome::Dead(_) => "dead",
        }
    }
}

impl Inner {
    pub(super) async fn execute(self: Arc<Self>, delivery: Delivery) {
        let job = delivery.envelope.name.clone();
        let pickup_us = now_us().saturating_sub(delivery.ready_at_us);
        histogram!(JOB_PICKUP, "job" => job.clone()).record(pickup_us as f64 / 1e6);
        gauge!(JOBS_IN_FLIGHT).increment(1);
        let started = Instant::now();
        let outcome = self.run(&delivery).await;
        let elapsed = started.elapsed();
        gauge!(JOBS_IN_FLIGHT).decrement(1);
        log(&delivery.envelope, &outcome, elapsed);
        let label = outcome.label();
        counter!(JOBS_TOTAL, "job" => job.clone(), "outcome" => label).increment(1);
        histogram!(JOB_DURATION, "job" => job.clone(), "outcome" => label)
            .record(elapsed.as_secs_f64());
        if matches!(outcome, Outcome::Retry(..)) {
            counter!(JOB_RETRIES_TOTAL, "job" => job).increment(1);
        }
        self.settle(&delivery.entry_id, &outcome).await;
        self.held
            .lock()
            .expect("not poisoned")
            .remove(&delivery.entry_id);
    }

    async fn run(&self, delivery: &Delivery) -> Outcome {
        let envelope = &delivery.envelope;
        if let Some(problem) = &delivery.malformed {
            return Outcome::Dead(dead(envelope.failed(problem.clone())));
        }
        let ctx = JobContext::new(
            self.services.clone(),
            envelope.id,
            envelope.attempt,
            delivery.ready_at_us,
        );
        let run = match self
            .registry
            .prepare(&envelope.name, envelope.args.clone(), ctx)
        {
            Ok(run) => run,
            Err(unrunnable) => return Outcome::Dead(dead(envelope.failed(unrunnable.to_string()))),
        };
        // A task of its own, so that a panicking handler is a failed run
        // rather than a dead worker.
        let error = match tokio::spawn(run).await {
            Ok(Ok(())) => return Outcome::Succeeded,
            Ok(Err(err)) => format!("{err:#}"),
            Err(join_error) => format!("the job panicked: {join_error}"),
        };
        let failed = envelope.failed(error);
        if failed.is_exhausted() {
            return Outcome::Dead(dead(failed));
        }
        let delay = self.backoff.delay(failed.attempt);
        Outcome::Retry(failed, now_ms() + delay.as_millis() as u64)
    }

    /// Records the outcome in Redis, retrying while Redis is unreachable. If
    /// it stays unreachable, the job stays pending and runs again after the
    /// visibility timeout (at least once, never lost).
    async fn settle(&self, entry_id: &str, outcome: &Outcome) {
        let keys = self.queue().keys();
        let mut script = scripts::SETTLE.key(&keys.stream);
        match outcome {
            Outcome::Succeeded => script
                .key(&keys.scheduled)
                .arg(GROUP)
                .arg(entry_id)
                .arg("done"),
            Outcome::Retry(envelope, at_ms) => script
                .key(&keys.scheduled)
                .arg(GROUP)
                .arg(entry_id)
                .arg("retry")
                .arg(envelope.to_json())
                .arg(*at_ms),
            Outcome::Dead(envelope) => script
                .key(&keys.dead)
                .arg(GROUP)
                .arg(entry_id)
                .arg("dead")
                .arg(envelope.to_json())
                .arg(envelope.id.to_string()),
        };
        let give_up = Instant::now() + self.config.visibility_timeout / 2;
        while Instant::now() < give_up {
            if self.queue().redis().invoke::<i64>(&script).await.is_some() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        tracing::error!(
            entry_id,
            "could not record a job's outcome; it will run again"
        );
    }
}

fn dead(envelope: Envelope) -> Envelope {
    Envelope {
        dead_at_ms: Some(now_ms()),
        ..envelope
    }
}

fn log(envelope: &Envelope, outcome: &Outcome, elapsed: Duration) {
    let job = envelope.name.as_str();
    let id = envelope.id;
    let ms = elapsed.as_millis() as u64;
    match outcome {
        Outcome::Succeeded => {
            tracing::debug!(job, %id, attempt = envelope.attempt + 1, ms, "job succeeded")
        }
        Outcome::Retry(failed, at_ms) => tracing::warn!(
            job, %id, attempt = failed.attempt, error = failed.error.as_deref(),
            retry_in_ms = at_ms.saturating_sub(now_ms()), "job failed; will retry"
        ),
        Outcome::Dead(failed) => tracing::error!(
            job, %id, attempts = failed.attempt, error = failed.error.as_deref(),
            "job failed for the last time; parked in the dead-letter set"
        ),
    }
}

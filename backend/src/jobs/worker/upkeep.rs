//! The worker's background duties, each a loop on its own timer.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use metrics::gauge;
use tokio::task::JoinHandle;

use super::{Inner, delivery};
use crate::jobs::envelope::{now_ms, now_us};
use crate::jobs::keys::GROUP;
use crate::jobs::{outbox, scripts};
use crate::metrics::{JOB_DEAD_LETTER_SIZE, JOB_QUEUE_DEPTH};

/// How often due retries are moved back into the stream.
const PROMOTE_EVERY: Duration = Duration::from_millis(200);
const PROMOTE_BATCH: usize = 500;
const STATS_EVERY: Duration = Duration::from_secs(5);
/// How often jobs staged in the outbox are moved to the queue (the API
/// moves its own at once; this catches what it could not).
const RELAY_EVERY: Duration = Duration::from_secs(1);

/// Starts every duty; they run until aborted, which the worker does after
/// draining (heartbeats must go on while running jobs finish).
pub fn spawn_all(inner: &Arc<Inner>) -> Vec<JoinHandle<()>> {
    let visibility = inner.config.visibility_timeout;
    vec![
        every(inner, visibility / 3, Inner::heartbeat),
        every(
            inner,
            (visibility / 2).max(Duration::from_secs(1)),
            Inner::take_over,
        ),
        every(inner, PROMOTE_EVERY, Inner::promote_due),
        every(inner, STATS_EVERY, Inner::publish_stats),
        every(inner, RELAY_EVERY, Inner::relay_outbox),
    ]
}

/// Runs `duty` at once and then every `period`.
fn every<F, Fut>(inner: &Arc<Inner>, period: Duration, duty: F) -> JoinHandle<()>
where
    F: Fn(Arc<Inner>) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let inner = inner.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(period);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            duty(inner.clone()).await;
        }
    })
}

impl Inner {
    /// Queues the jobs staged in the outbox (see `jobs::outbox`).
    async fn relay_outbox(self: Arc<Self>) {
        match outbox::relay(&self.services.db, self.queue(), None).await {
            Ok(0) => {}
            Ok(relayed) => tracing::info!(relayed, "staged jobs queued"),
            Err(err) => tracing::debug!(error = %err, "staged jobs not relayed yet"),
        }
    }

    /// Resets the idle time of every delivery this worker holds, so that no
    /// other worker takes over a job that is merely slow.
    async fn heartbeat(self: Arc<Self>) {
        let held: Vec<String> = self
            .held
            .lock()
            .expect("not poisoned")
            .iter()
            .cloned()
            .collect();
        for ids in held.chunks(500) {
            let mut command = redis::cmd("XCLAIM");
            command
                .arg(&self.queue().keys().stream)
                .arg(GROUP)
                .arg(&self.consumer)
                .arg(0)
                .arg(ids)
                .arg("JUSTID");
            let _: Option<redis::Value> = self.queue().redis().query(&command).await;
        }
    }

    /// Runs jobs whose worker stopped heart-beating (killed, frozen, cut off).
    async fn take_over(self: Arc<Self>) {
        if self.stopping.load(Ordering::Relaxed) {
            return;
        }
        let Some(abandoned) = delivery::take_over_abandoned(&self).await else {
            return;
        };
        for delivery in abandoned {
            tracing::warn!(job = %delivery.envelope.name, id = %delivery.envelope.id,
                "taking over a job whose worker stopped; running it again");
            let slot = self.free_slot().await;
            self.spawn_on(slot, delivery);
        }
    }

    async fn promote_due(self: Arc<Self>) {
        let keys = self.queue().keys();
        loop {
            let moved: Option<usize> = self
                .queue()
                .redis()
                .invoke(
                    scripts::PROMOTE_DUE
                        .key(&keys.scheduled)
                        .key(&keys.stream)
                        .arg(now_ms())
                        .arg(PROMOTE_BATCH)
                        .arg(now_us()),
                )
                .await;
            if moved != Some(PROMOTE_BATCH) {
                return;
            }
        }
    }

    async fn publish_stats(self: Arc<Self>) {
        let Some(stats) = self.queue().stats().await else {
            return;
        };
        gauge!(JOB_QUEUE_DEPTH, "state" => "ready").set(stats.ready as f64);
        gauge!(JOB_QUEUE_DEPTH, "state" => "running").set(stats.running as f64);
        gauge!(JOB_QUEUE_DEPTH, "state" => "scheduled").set(stats.scheduled as f64);
        gauge!(JOB_DEAD_LETTER_SIZE).set(stats.dead as f64);
    }
}

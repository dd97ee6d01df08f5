//! Periodic jobs. Every worker follows every schedule (in UTC), and at each
//! tick tries to claim it in Redis; the claim and the enqueue are one atomic
//! step, so each tick runs once however many workers there are. A tick
//! passes unrun only if no worker is up at that moment.

use chrono::{DateTime, Utc};
use croner::Cron;
use metrics::counter;
use tokio::task::JoinHandle;

use super::envelope::now_us;
use super::{Envelope, Job, JobQueue, PurgeExpiredTokens, scripts};
use crate::config::JobsConfig;
use crate::metrics::PERIODIC_JOB_TICKS_TOTAL;

/// A job and when it runs.
struct Periodic {
    name: &'static str,
    cron: Cron,
    envelope: fn() -> Envelope,
}

impl Periodic {
    fn of<J: Job + Default>(cron: &Cron) -> Periodic {
        Periodic {
            name: J::NAME,
            cron: cron.clone(),
            envelope: || Envelope::new(&J::default()).expect("a periodic job serialises"),
        }
    }
}

/// The periodic jobs this application defines, as configured.
fn periodic_jobs(config: &JobsConfig) -> Vec<Periodic> {
    let mut jobs = Vec::new();
    if let Some(cron) = &config.purge_tokens_schedule {
        jobs.push(Periodic::of::<PurgeExpiredTokens>(cron));
    }
    jobs
}

pub fn spawn_all(config: &JobsConfig, queue: JobQueue, worker: String) -> Vec<JoinHandle<()>> {
    periodic_jobs(config)
        .into_iter()
        .map(|periodic| tokio::spawn(follow(periodic, queue.clone(), worker.clone())))
        .collect()
}

async fn follow(periodic: Periodic, queue: JobQueue, worker: String) {
    tracing::info!(
        job = periodic.name,
        schedule = periodic.cron.as_str(),
        "periodic job scheduled"
    );
    let mut after = Utc::now();
    loop {
        let Ok(tick) = periodic.cron.find_next_occurrence(&after, false) else {
            tracing::warn!(job = periodic.name, "the schedule has no future tick");
            return;
        };
        let wait = (tick - Utc::now()).to_std().unwrap_or_default();
        tokio::time::sleep(wait).await;
        claim(&periodic, &queue, &worker, tick).await;
        after = tick;
    }
}

/// Enqueues the job for `tick` unless another worker already did.
async fn claim(periodic: &Periodic, queue: &JobQueue, worker: &str, tick: DateTime<Utc>) {
    let keys = queue.keys();
    let claim = keys.cron_claim(periodic.name, tick.timestamp());
    let envelope = (periodic.envelope)();
    let enqueued: Option<i64> = queue
        .redis()
        .invoke(
            scripts::CLAIM_TICK
                .key(&claim)
                .key(&keys.stream)
                .arg(claim_lifetime_secs(&periodic.cron, tick))
                .arg(worker)
                .arg(envelope.to_json())
                .arg(now_us()),
        )
        .await;
    let outcome = match enqueued {
        Some(1) => "enqueued",
        Some(_) => "taken_by_another_worker",
        None => {
            tracing::warn!(job = periodic.name, %tick, "Redis unavailable; this tick is skipped");
            "skipped"
        }
    };
    counter!(PERIODIC_JOB_TICKS_TOTAL, "job" => periodic.name, "outcome" => outcome).increment(1);
}

/// A claim must outlive the clock differences between workers, yet not
/// pile up for frequent schedules: twice the interval, at least a minute.
fn claim_lifetime_secs(cron: &Cron, tick: DateTime<Utc>) -> i64 {
    let next = cron.find_next_occurrence(&tick, false).unwrap_or(tick);
    ((next - tick).num_seconds() * 2).clamp(60, 86_400)
}

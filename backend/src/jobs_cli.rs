//! `app jobs ...`: the operator's view of the queue. Needs only Redis.

use anyhow::{Context, bail};

use uuid::Uuid;

use crate::cli::{DeadAction, JobsAction};
use crate::config::RedisConfig;
use crate::jobs::{JobQueue, Probe};
use crate::redis_store::RedisStore;

const UNAVAILABLE: &str = "Redis is unavailable (check REDIS_URL / REDIS_HOST)";

pub async fn run(action: JobsAction) -> anyhow::Result<()> {
    let config = RedisConfig::from_env()?;
    let queue = JobQueue::new(RedisStore::new(&config)?);
    match action {
        JobsAction::Stats => {
            let stats = queue.stats().await.context(UNAVAILABLE)?;
            println!("{}", serde_json::to_string(&stats)?);
        }
        JobsAction::Dead { action } => dead(&queue, action).await?,
        JobsAction::Probe {
            count,
            sleep_ms,
            fail_times,
            max_attempts,
            record,
        } => {
            let probe = Probe {
                sleep_ms,
                fail_times,
                max_attempts,
                record,
            };
            for _ in 0..count {
                let id = queue.enqueue(&probe).await?;
                println!("{id}");
            }
        }
    }
    Ok(())
}

async fn dead(queue: &JobQueue, action: DeadAction) -> anyhow::Result<()> {
    match action {
        DeadAction::List => {
            for job in queue.dead_jobs().await.context(UNAVAILABLE)? {
                println!("{}", serde_json::to_string(&job)?);
            }
        }
        DeadAction::Requeue(selection) => {
            let id = selection.chosen_id();
            let count = queue.requeue_dead(id).await.context(UNAVAILABLE)?;
            report("Requeued", count, id)?;
        }
        DeadAction::Purge(selection) => {
            let id = selection.chosen_id();
            let count = queue.purge_dead(id).await.context(UNAVAILABLE)?;
            report("Purged", count, id)?;
        }
    }
    Ok(())
}

/// Prints how many jobs were acted on; naming an id no dead job has is an
/// error, so scripts notice a typo.
fn report(done: &str, count: usize, id: Option<Uuid>) -> anyhow::Result<()> {
    if count == 0 && id.is_some() {
        bail!("no dead job has that id (see `app jobs dead list`)");
    }
    println!("{done} {count} job(s)");
    Ok(())
}

//! Jobs that belong to a database change (a transactional outbox).
//!
//! A job queued with [`stage`] is written to the `job_outbox` table inside
//! the change's own transaction: it exists if and only if the change
//! commits. [`relay`] then moves staged jobs to the Redis queue and deletes
//! them. The request that staged a job relays it right after its commit, so
//! the job starts at once; the worker relays every staged job every second, so a job staged while Redis was down
//! (or by a process that died before relaying) is queued when Redis returns.
//!
//! A job is deleted from the outbox only after Redis took it, so a crash in
//! between queues it twice: like every job, it must be safe to run twice.

use metrics::counter;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::{Envelope, JobQueue};
use crate::metrics::JOBS_ENQUEUED_TOTAL;

/// The most jobs one relay pass moves (the rest wait for the next pass).
const RELAY_BATCH: i64 = 500;

/// Writes the job to the outbox in the caller's transaction. Build it with
/// `Envelope::new(&job)`: its id is what [`relay_now`] takes after the commit.
pub async fn stage(tx: &mut PgConnection, job: &Envelope) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO job_outbox (id, envelope) VALUES ($1, $2)",
        job.id,
        job.to_json(),
    )
    .execute(tx)
    .await?;
    Ok(())
}

/// Moves staged jobs, oldest first, to the queue (only the job `only`, when
/// given); returns how many. Stops at the first job Redis refuses (it stays
/// staged for the next pass). Concurrent relays skip each other's rows, so
/// each job is pushed once.
pub async fn relay(db: &PgPool, queue: &JobQueue, only: Option<Uuid>) -> anyhow::Result<usize> {
    let mut tx = db.begin().await?;
    let staged = sqlx::query!(
        r#"SELECT id, envelope FROM job_outbox WHERE $2::uuid IS NULL OR id = $2
           ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED"#,
        RELAY_BATCH,
        only,
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut relayed = Vec::with_capacity(staged.len());
    for row in staged {
        let envelope = match serde_json::from_str::<Envelope>(&row.envelope) {
            Ok(envelope) => envelope,
            Err(err) => {
                // Only this module writes envelopes; an unreadable one can
                // never be queued, so it must not block the ones behind it.
                tracing::error!(job_id = %row.id, error = %err, "dropping an unreadable staged job");
                relayed.push(row.id);
                continue;
            }
        };
        if queue.push(&envelope).await.is_err() {
            tracing::debug!(job_id = %row.id, "the queue is unavailable; the job stays staged");
            break;
        }
        counter!(JOBS_ENQUEUED_TOTAL, "job" => envelope.name.clone()).increment(1);
        relayed.push(row.id);
    }
    sqlx::query!("DELETE FROM job_outbox WHERE id = ANY($1)", &relayed)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(relayed.len())
}

/// Relays the job a request staged, right after its commit. A request moves
/// only its own job (a backlog left by a Redis outage is the worker's to
/// move), and a failure is only logged, as the worker's relay retries.
pub async fn relay_now(db: &PgPool, queue: &JobQueue, job_id: Uuid) {
    if let Err(err) = relay(db, queue, Some(job_id)).await {
        tracing::warn!(%job_id, error = %err, "staged job not relayed yet; the worker will retry");
    }
}

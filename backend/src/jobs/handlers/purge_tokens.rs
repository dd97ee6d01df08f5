use serde::{Deserialize, Serialize};

use crate::db::tokens;
use crate::jobs::{Job, JobContext};

/// Deletes expired refresh and password-reset tokens (periodic; see
/// `JOB_SCHEDULE_PURGE_EXPIRED_TOKENS`). An expired token is refused
/// whether or not its row exists, so deleting it changes no answer.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct PurgeExpiredTokens {}

impl Job for PurgeExpiredTokens {
    const NAME: &'static str = "purge_expired_tokens";
    const MAX_ATTEMPTS: u32 = 3;

    async fn run(self, ctx: JobContext) -> anyhow::Result<()> {
        let deleted = tokens::purge_expired(&ctx.db).await?;
        tracing::info!(job_id = %ctx.job_id, deleted, "expired tokens purged");
        Ok(())
    }
}

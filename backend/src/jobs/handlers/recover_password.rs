use serde::{Deserialize, Serialize};

use super::SendEmail;
use crate::auth::password_reset;
use crate::db::users;
use crate::email::templates;
use crate::jobs::{Job, JobContext};

/// Emails a password-reset link to the owner of `email`, if there is an
/// active one. The API queues this for every recovery request, known email
/// or not, so its answer and timing reveal nothing; the lookup happens here.
#[derive(Debug, Serialize, Deserialize)]
pub struct RecoverPassword {
    pub email: String,
}

impl Job for RecoverPassword {
    const NAME: &'static str = "recover_password";

    async fn run(self, ctx: JobContext) -> anyhow::Result<()> {
        let Some(user) = users::find_by_email(&ctx.db, &self.email).await? else {
            tracing::info!(job_id = %ctx.job_id, "password recovery for an unknown email; nothing sent");
            return Ok(());
        };
        if !user.is_active {
            tracing::info!(job_id = %ctx.job_id, user_id = %user.id, "password recovery for an inactive user; nothing sent");
            return Ok(());
        }
        let ttl = ctx.config.email.reset_token_ttl;
        let token = password_reset::issue(&ctx.db, user.id, ttl).await?;
        let message = templates::reset_password(&ctx.config, &user.email, &token);
        ctx.queue.enqueue(&SendEmail(message)).await?;
        Ok(())
    }
}

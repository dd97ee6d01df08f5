use serde::{Deserialize, Serialize};

use crate::email::EmailMessage;
use crate::jobs::{Job, JobContext};

/// Sends one rendered email over SMTP, from the worker:
/// `jobs.enqueue(&SendEmail(message)).await` queues it.
#[derive(Debug, Serialize, Deserialize)]
pub struct SendEmail(pub EmailMessage);

impl Job for SendEmail {
    const NAME: &'static str = "send_email";
    /// With the default backoff the last retry comes about half an hour
    /// after the first failure: long enough to ride out an SMTP restart.
    const MAX_ATTEMPTS: u32 = 10;

    async fn run(self, ctx: JobContext) -> anyhow::Result<()> {
        ctx.mailer.send(&self.0).await
    }
}

//! Which handler runs a job of a given name.

use std::collections::HashMap;
use std::pin::Pin;

use super::handlers::{Probe, PurgeExpiredTokens, RecoverPassword, SendEmail};
use super::{Job, JobContext};

type Run = Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>>;
type Handler = Box<dyn Fn(serde_json::Value, JobContext) -> serde_json::Result<Run> + Send + Sync>;

/// Why a job could not even start.
#[derive(Debug, thiserror::Error)]
pub enum Unrunnable {
    #[error("no handler for job `{0}` (is this worker older than the API that queued it?)")]
    UnknownJob(String),
    #[error("the arguments of `{name}` do not match its type: {source}")]
    BadArguments {
        name: String,
        source: serde_json::Error,
    },
}

#[derive(Default)]
pub struct Registry {
    handlers: HashMap<&'static str, Handler>,
}

impl Registry {
    /// Every job this application defines.
    pub fn all() -> Registry {
        Registry::default()
            .register::<SendEmail>()
            .register::<RecoverPassword>()
            .register::<PurgeExpiredTokens>()
            .register::<Probe>()
    }

    pub fn register<J: Job>(mut self) -> Registry {
        let handler: Handler = Box::new(|args, ctx| {
            let job: J = serde_json::from_value(args)?;
            Ok(Box::pin(job.run(ctx)))
        });
        self.handlers.insert(J::NAME, handler);
        self
    }

    /// The run of a job, or why it cannot run at all (retrying won't help).
    pub fn prepare(
        &self,
        name: &str,
        args: serde_json::Value,
        ctx: JobContext,
    ) -> Result<Run, Unrunnable> {
        let handler = self
            .handlers
            .get(name)
            .ok_or_else(|| Unrunnable::UnknownJob(name.to_owned()))?;
        handler(args, ctx).map_err(|source| Unrunnable::BadArguments {
            name: name.to_owned(),
            source,
        })
    }
}

//! `WORKER_*` and `JOB_*`: how the worker runs jobs.

use std::str::FromStr;
use std::time::Duration;

use croner::Cron;

use super::env::{ConfigError, Env};

#[derive(Debug, Clone)]
pub struct JobsConfig {
    /// Jobs one worker process runs at the same time.
    pub concurrency: usize,
    /// Port of the worker's `/metrics`.
    pub metrics_port: u16,
    /// A job whose worker stopped reporting for this long (killed, frozen,
    /// cut off) is handed to another worker.
    pub visibility_timeout: Duration,
    /// On SIGTERM, how long in-flight jobs may take to finish.
    pub shutdown_timeout: Duration,
    /// The first retry waits about this long; each later one twice as long.
    pub retry_base_delay: Duration,
    /// No retry waits longer than this.
    pub retry_max_delay: Duration,
    /// When expired refresh and reset tokens are deleted; `None` never.
    pub purge_tokens_schedule: Option<Cron>,
}

impl JobsConfig {
    pub(super) fn read(env: &Env) -> Result<JobsConfig, ConfigError> {
        Ok(JobsConfig {
            concurrency: env.positive_or("WORKER_CONCURRENCY", 16)?,
            metrics_port: env.parse_or("WORKER_METRICS_PORT", 9100)?,
            visibility_timeout: Duration::from_secs(
                env.positive_or("JOB_VISIBILITY_TIMEOUT_SECONDS", 30)?,
            ),
            shutdown_timeout: Duration::from_secs(
                env.positive_or("WORKER_SHUTDOWN_TIMEOUT_SECONDS", 25)?,
            ),
            retry_base_delay: Duration::from_millis(
                env.positive_or("JOB_RETRY_BASE_DELAY_MS", 2000)?,
            ),
            retry_max_delay: Duration::from_secs(
                env.positive_or("JOB_RETRY_MAX_DELAY_SECONDS", 3600)?,
            ),
            purge_tokens_schedule: schedule(
                env,
                "JOB_SCHEDULE_PURGE_EXPIRED_TOKENS",
                "0 17 * * * *",
            )?,
        })
    }
}

/// The documented defaults.
impl Default for JobsConfig {
    fn default() -> JobsConfig {
        JobsConfig::read(&Env::from_pairs([])).expect("the defaults are valid")
    }
}

/// A cron pattern (five fields, or six with seconds first), or `off`.
fn schedule(env: &Env, variable: &'static str, default: &str) -> Result<Option<Cron>, ConfigError> {
    let raw = env.string_or(variable, default);
    if raw.eq_ignore_ascii_case("off") {
        return Ok(None);
    }
    Cron::from_str(&raw).map(Some).map_err(|err| {
        ConfigError::invalid(
            variable,
            format!("must be a cron pattern such as `0 17 * * * *`, or `off` ({err})"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> Result<JobsConfig, ConfigError> {
        JobsConfig::read(&Env::from_pairs(
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())),
        ))
    }

    #[test]
    fn the_defaults_apply_when_unset() {
        let config = read(&[]).unwrap();
        assert_eq!(config.concurrency, 16);
        assert_eq!(config.metrics_port, 9100);
        assert!(config.purge_tokens_schedule.is_some());
    }

    #[test]
    fn a_schedule_can_be_turned_off_or_use_seconds() {
        let off = read(&[("JOB_SCHEDULE_PURGE_EXPIRED_TOKENS", "off")]).unwrap();
        assert!(off.purge_tokens_schedule.is_none());
        let every_second = read(&[("JOB_SCHEDULE_PURGE_EXPIRED_TOKENS", "* * * * * *")]);
        assert!(every_second.unwrap().purge_tokens_schedule.is_some());
    }

    #[test]
    fn bad_values_name_their_variable() {
        for (variable, value) in [
            ("JOB_SCHEDULE_PURGE_EXPIRED_TOKENS", "every hour"),
            ("WORKER_CONCURRENCY", "0"),
            ("JOB_VISIBILITY_TIMEOUT_SECONDS", "-5"),
            ("WORKER_METRICS_PORT", "99999"),
        ] {
            let err = read(&[(variable, value)]).unwrap_err();
            assert_eq!(err.variable, variable, "{value}");
        }
    }
}

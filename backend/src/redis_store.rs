//! The shared Redis connection: user cache, rate limits and the job queue.
//!
//! Redis is an accelerator for requests, never a dependency they fail on:
//! every call answers `None` when Redis is unreachable, and after a failure
//! calls are skipped for a second (a circuit breaker) so that a dead Redis
//! costs requests nothing. Failures show in the logs (once per outage),
//! in `redis_errors_total`, and in `/health/ready`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use metrics::counter;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use secrecy::ExposeSecret;

use crate::config::RedisConfig;
use crate::metrics::REDIS_ERRORS_TOTAL;

const TIMEOUT: Duration = Duration::from_millis(250);
const PAUSE_AFTER_FAILURE_MS: u64 = 1000;

#[derive(Clone)]
pub struct RedisStore {
    manager: ConnectionManager,
    prefix: Arc<str>,
    breaker: Arc<Breaker>,
}

#[derive(Default)]
struct Breaker {
    /// Milliseconds since the epoch before which calls are skipped.
    open_until_ms: AtomicU64,
    /// Whether the current outage has been logged.
    logged: AtomicBool,
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

impl RedisStore {
    /// Connects lazily: the API starts (not ready) while Redis is down.
    pub fn new(config: &RedisConfig) -> anyhow::Result<RedisStore> {
        RedisStore::with_response_timeout(config, TIMEOUT)
    }

    /// A connection of its own whose replies may take up to `timeout` (for
    /// the worker's blocking reads, which must not hold up other commands).
    pub fn with_response_timeout(
        config: &RedisConfig,
        timeout: Duration,
    ) -> anyhow::Result<RedisStore> {
        let client = redis::Client::open(config.url.expose_secret())?;
        let manager_config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(TIMEOUT))
            .set_response_timeout(Some(timeout))
            .set_number_of_retries(1);
        Ok(RedisStore {
            manager: ConnectionManager::new_lazy_with_config(client, manager_config)?,
            prefix: Arc::from(config.key_prefix.as_str()),
            breaker: Arc::default(),
        })
    }

    /// The full key for `name`, under the configured prefix.
    pub fn key(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// Runs `command`, or answers `None` when Redis is unavailable.
    pub async fn query<T: redis::FromRedisValue>(&self, command: &redis::Cmd) -> Option<T> {
        let mut connection = self.manager.clone();
        self.guarded(command.query_async(&mut connection)).await
    }

    /// Runs the commands of `pipeline` (atomically if it says so).
    pub async fn pipeline<T: redis::FromRedisValue>(
        &self,
        pipeline: &redis::Pipeline,
    ) -> Option<T> {
        let mut connection = self.manager.clone();
        self.guarded(pipeline.query_async(&mut connection)).await
    }

    /// Runs `command` and returns Redis's own error, for callers that act on
    /// its code; unreachable-Redis errors still count in metrics.
    pub async fn query_result<T: redis::FromRedisValue>(
        &self,
        command: &redis::Cmd,
    ) -> redis::RedisResult<T> {
        let mut connection = self.manager.clone();
        let result = command.query_async(&mut connection).await;
        if result
            .as_ref()
            .is_err_and(|err| err.is_io_error() || err.is_timeout())
        {
            counter!(REDIS_ERRORS_TOTAL).increment(1);
        }
        result
    }

    /// Runs a Lua script.
    pub async fn invoke<T: redis::FromRedisValue>(
        &self,
        invocation: &redis::ScriptInvocation<'_>,
    ) -> Option<T> {
        let mut connection = self.manager.clone();
        self.guarded(invocation.invoke_async(&mut connection)).await
    }

    async fn guarded<T>(&self, call: impl Future<Output = redis::RedisResult<T>>) -> Option<T> {
        if now_ms() < self.breaker.open_until_ms.load(Ordering::Relaxed) {
            return None;
        }
        match call.await {
            Ok(value) => {
                if self.breaker.logged.swap(false, Ordering::Relaxed) {
                    tracing::info!("Redis is reachable again");
                }
                Some(value)
            }
            Err(err) if is_command_error(&err) => {
                tracing::debug!(error = %err, "Redis refused a command");
                None
            }
            Err(err) => {
                self.trip(&err);
                None
            }
        }
    }

    /// Whether Redis answers a PING now (readiness; ignores the breaker).
    pub async fn ping(&self) -> bool {
        let mut connection = self.manager.clone();
        let command = redis::cmd("PING");
        let ping = command.query_async::<String>(&mut connection);
        matches!(tokio::time::timeout(TIMEOUT * 4, ping).await, Ok(Ok(_)))
    }

    fn trip(&self, err: &redis::RedisError) {
        counter!(REDIS_ERRORS_TOTAL).increment(1);
        self.breaker
            .open_until_ms
            .store(now_ms() + PAUSE_AFTER_FAILURE_MS, Ordering::Relaxed);
        if !self.breaker.logged.swap(true, Ordering::Relaxed) {
            tracing::warn!(error = %err, "Redis unavailable; the cache and jobs wait until it is back, rate limits count in this process");
        }
    }
}

/// An error about the command itself (a missing consumer group, a key of
/// another type), not about reaching Redis: it must not trip the breaker.
fn is_command_error(err: &redis::RedisError) -> bool {
    matches!(err.code(), Some("NOGROUP" | "BUSYGROUP" | "WRONGTYPE"))
}

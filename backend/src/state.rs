use std::ops::Deref;
use std::sync::Arc;

use sqlx::PgPool;

use crate::auth::{AccessTokens, PasswordHasher, UserCache};
use crate::config::Config;
use crate::db::health::DbHealth;
use crate::jobs::JobQueue;
use crate::rate_limit::RateLimiter;
use crate::redis_store::RedisStore;

/// What every handler may use. Extractors and middleware clone it on every
/// request, so it is one `Arc`: a clone is one reference-count increment.
#[derive(Clone)]
pub struct AppState(Arc<Services>);

pub struct Services {
    pub db: PgPool,
    /// Whether PostgreSQL is reachable (see `db::health`).
    pub db_health: DbHealth,
    pub config: Config,
    pub passwords: PasswordHasher,
    pub access_tokens: AccessTokens,
    pub redis: RedisStore,
    /// Rate limits: counted in Redis, or in this process while it is down.
    pub limiter: RateLimiter,
    pub user_cache: UserCache,
    pub jobs: JobQueue,
}

impl AppState {
    pub fn new(config: Config, db: PgPool) -> anyhow::Result<AppState> {
        let redis = RedisStore::new(&config.redis)?;
        Ok(AppState(Arc::new(Services {
            db,
            db_health: DbHealth::new(config.database.connect_options.clone()),
            user_cache: UserCache::new(
                redis.clone(),
                config.redis.user_cache_ttl,
                config.auth.access_token_ttl.to_std().unwrap_or_default(),
            ),
            jobs: JobQueue::new(redis.clone()),
            limiter: RateLimiter::new(redis.clone()),
            redis,
            access_tokens: AccessTokens::new(&config.auth),
            passwords: PasswordHasher::new()?,
            config,
        })))
    }
}

impl Deref for AppState {
    type Target = Services;

    fn deref(&self) -> &Services {
        &self.0
    }
}

use std::sync::Arc;

use sqlx::PgPool;

use crate::auth::{AccessTokens, PasswordHasher, UserCache};
use crate::config::Config;
use crate::redis_store::RedisStore;

/// What every handler may use; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    pub config: Arc<Config>,
    pub passwords: PasswordHasher,
    pub access_tokens: Arc<AccessTokens>,
    pub redis: RedisStore,
    pub user_cache: UserCache,
}

impl AppState {
    pub fn new(config: Config, db: PgPool) -> anyhow::Result<AppState> {
        let redis = RedisStore::new(&config.redis)?;
        Ok(AppState {
            db,
            user_cache: UserCache::new(redis.clone(), config.redis.user_cache_ttl),
            redis,
            access_tokens: Arc::new(AccessTokens::new(&config.auth)),
            passwords: PasswordHasher::new()?,
            config: Arc::new(config),
        })
    }
}

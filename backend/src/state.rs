use std::sync::Arc;

use sqlx::PgPool;

use crate::auth::{AccessTokens, PasswordHasher};
use crate::config::Config;

/// What every handler may use; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    pub config: Arc<Config>,
    pub passwords: PasswordHasher,
    pub access_tokens: Arc<AccessTokens>,
}

impl AppState {
    pub fn new(config: Config, db: PgPool) -> anyhow::Result<AppState> {
        Ok(AppState {
            db,
            access_tokens: Arc::new(AccessTokens::new(&config.auth)),
            passwords: PasswordHasher::new()?,
            config: Arc::new(config),
        })
    }
}

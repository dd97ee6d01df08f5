//! Every SQL statement of the application, grouped by table. Queries are
//! checked against the schema at compile time (`sqlx::query!`).

pub mod fail_fast;
pub mod health;
pub mod items;
pub mod pool_wait;
pub mod tokens;
pub mod users;

use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use crate::config::DatabaseConfig;

/// The embedded, reversible migrations of `backend/migrations`.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A pool that connects lazily, so the API starts (and reports itself not
/// ready) while PostgreSQL is still coming up.
///
/// Connections are not pinged before each use (sqlx's default): that doubled
/// the round trips of every query. A connection that died meanwhile fails
/// one query (a 500 for that request) and is discarded; idle connections
/// are recycled well before firewalls and PostgreSQL drop them. Every
/// acquire is reported to `pool_wait`, which records the wait.
pub fn pool(config: &DatabaseConfig) -> PgPool {
    PgPoolOptions::new()
        .max_connections(config.max_connections)
        .acquire_timeout(config.acquire_timeout)
        .test_before_acquire(false)
        .acquire_time_level(pool_wait::ACQUIRE_EVENT_LEVEL)
        .idle_timeout(Duration::from_secs(5 * 60))
        .max_lifetime(Duration::from_secs(30 * 60))
        .connect_lazy_with(config.connect_options.clone())
}

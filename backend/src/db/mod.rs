//! Every SQL statement of the application, grouped by table. Queries are
//! checked against the schema at compile time (`sqlx::query!`).

pub mod items;
pub mod tokens;
pub mod users;

use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use crate::config::DatabaseConfig;

/// The embedded, reversible migrations of `backend/migrations`.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A pool that connects lazily, so the API starts (and reports itself not
/// ready) while PostgreSQL is still coming up.
pub fn pool(config: &DatabaseConfig) -> PgPool {
    PgPoolOptions::new()
        .max_connections(config.max_connections)
        .acquire_timeout(config.acquire_timeout)
        .connect_lazy_with(config.connect_options.clone())
}

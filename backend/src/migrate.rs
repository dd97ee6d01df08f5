//! `app migrate up | down [N] | status`: the embedded, reversible migrations.

use anyhow::{Context, bail};
use sqlx::migrate::Migrate;
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection};

use crate::config::DatabaseConfig;
use crate::db::MIGRATOR;

const MIGRATIONS_TABLE: &str = "_sqlx_migrations";

/// Creates the database when it is missing, then applies every pending
/// migration.
pub async fn up(config: &DatabaseConfig) -> anyhow::Result<()> {
    create_database_if_missing(&config.connect_options).await?;
    let mut conn = connect(&config.connect_options).await?;
    MIGRATOR
        .run(&mut conn)
        .await
        .context("applying migrations")?;
    let applied = applied_versions(&mut conn).await?;
    println!(
        "Database is at migration {}",
        applied.last().copied().unwrap_or(0)
    );
    Ok(())
}

/// Reverts the last `steps` applied migrations.
pub async fn down(config: &DatabaseConfig, steps: usize) -> anyhow::Result<()> {
    let mut conn = connect(&config.connect_options).await?;
    let applied = applied_versions(&mut conn).await?;
    if steps > applied.len() {
        bail!(
            "cannot revert {steps} migrations: only {} are applied",
            applied.len()
        );
    }
    let target = applied
        .len()
        .checked_sub(steps + 1)
        .map_or(0, |i| applied[i]);
    MIGRATOR
        .undo(&mut conn, target)
        .await
        .context("reverting migrations")?;
    println!("Reverted {steps} migration(s); database is at migration {target}");
    Ok(())
}

/// Prints every known migration and whether it is applied.
pub async fn status(config: &DatabaseConfig) -> anyhow::Result<()> {
    let mut conn = connect(&config.connect_options).await?;
    let applied = applied_versions(&mut conn).await?;
    for migration in MIGRATOR
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
    {
        let state = if applied.contains(&migration.version) {
            "applied"
        } else {
            "pending"
        };
        println!(
            "{:04} {:<8} {}",
            migration.version, state, migration.description
        );
    }
    Ok(())
}

async fn connect(options: &PgConnectOptions) -> anyhow::Result<PgConnection> {
    PgConnection::connect_with(options).await.with_context(|| {
        format!(
            "connecting to database {:?}",
            options.get_database().unwrap_or("")
        )
    })
}

async fn applied_versions(conn: &mut PgConnection) -> anyhow::Result<Vec<i64>> {
    conn.ensure_migrations_table(MIGRATIONS_TABLE).await?;
    let mut versions: Vec<i64> = conn
        .list_applied_migrations(MIGRATIONS_TABLE)
        .await?
        .into_iter()
        .map(|m| m.version)
        .collect();
    versions.sort_unstable();
    Ok(versions)
}

async fn create_database_if_missing(options: &PgConnectOptions) -> anyhow::Result<()> {
    let name = options.get_database().unwrap_or("postgres").to_owned();
    let mut admin = connect(&options.clone().database("postgres")).await?;
    let exists: bool = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS "exists!""#,
        name
    )
    .fetch_one(&mut admin)
    .await?;
    if !exists {
        let statement = format!("CREATE DATABASE \"{}\"", name.replace('"', "\"\""));
        sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
            .execute(&mut admin)
            .await
            .with_context(|| format!("creating database {name}"))?;
        println!("Created database {name}");
    }
    Ok(())
}

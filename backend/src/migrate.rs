//! `app migrate up | down [N] | status | wait`: the embedded, reversible
//! migrations.

use std::time::{Duration, Instant};

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

/// Returns once every migration this binary embeds is applied; checks
/// every two seconds until `timeout`. A database that cannot be reached yet
/// is waited for too (it may be starting).
pub async fn wait(config: &DatabaseConfig, timeout: Duration) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut announced = false;
    loop {
        let outcome = match connect(&config.connect_options).await {
            Ok(mut conn) => applied_versions(&mut conn).await.map(|v| pending(&v)),
            Err(err) => Err(err),
        };
        match outcome {
            Ok(pending) if pending.is_empty() => {
                println!("Every migration is applied");
                return Ok(());
            }
            Ok(pending) if started.elapsed() >= timeout => bail!(
                "migrations {pending:?} still pending after {}s: run `app migrate up` (the migration Job)",
                timeout.as_secs()
            ),
            Err(err) if started.elapsed() >= timeout => {
                return Err(err.context(format!("still failing after {}s", timeout.as_secs())));
            }
            Ok(pending) if !announced => {
                println!("Waiting for migrations {pending:?} to be applied");
                announced = true;
            }
            _ => {}
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

/// The versions of the embedded migrations missing from `applied`.
fn pending(applied: &[i64]) -> Vec<i64> {
    MIGRATOR
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .map(|m| m.version)
        .filter(|version| !applied.contains(version))
        .collect()
}

async fn connect(options: &PgConnectOptions) -> anyhow::Result<PgConnection> {
    PgConnection::connect_with(options).await.with_context(|| {
        format!(
            "could not connect to PostgreSQL at {}:{} as {:?}",
            options.get_host(),
            options.get_port(),
            options.get_username()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_lists_the_embedded_migrations_not_applied() {
        let all: Vec<i64> = pending(&[]);
        assert!(all.len() >= 3, "{all:?}");
        assert_eq!(pending(&all), Vec::<i64>::new());
        assert_eq!(pending(&all[..all.len() - 1]), vec![*all.last().unwrap()]);
    }
}

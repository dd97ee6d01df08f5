//! The migrations are reversible: `app migrate up`, `down`, `up` again, on
//! a real database, through the real binary.

use std::process::{Command, Output};

use app::db::MIGRATOR;

use crate::support::TestDatabase;

/// The project's own migrations, and their tables once all are applied.
const OWN_MIGRATIONS: usize = 4;
const OWN_TABLES: [&str; 4] = ["auth_tokens", "items", "job_outbox", "users"];

/// The tables of the resources made with `make scaffold`: each came with a
/// migration `NNNN_create_<table>`, after the project's own.
fn generated_tables() -> Vec<String> {
    MIGRATOR
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .skip(OWN_MIGRATIONS)
        .map(|m| {
            let table = m.description.strip_prefix("create ");
            table
                .expect("a generated migration creates a table")
                .replace(' ', "_")
        })
        .collect()
}

/// Every table, once every migration is applied.
fn all_tables() -> Vec<String> {
    let mut all: Vec<String> = OWN_TABLES.map(String::from).into();
    all.extend(generated_tables());
    all.sort();
    all
}

/// The newest migration's version.
fn last_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap()
}

fn app_command(database_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_app"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("ENVIRONMENT", "development")
        .output()
        .expect("the app binary runs")
}

fn run_ok(database_url: &str, args: &[&str]) -> String {
    let output = app_command(database_url, args);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "app {args:?} failed: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

async fn tables(db: &TestDatabase) -> Vec<String> {
    let mut conn = db.connect().await;
    sqlx::query_scalar(
        "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_sqlx_migrations' ORDER BY 1",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap()
}

#[tokio::test]
async fn migrations_apply_revert_and_apply_again() {
    let db = TestDatabase::create_empty().await;
    let url = db.url();

    run_ok(&url, &["migrate", "up"]);
    assert_eq!(tables(&db).await, all_tables());
    let status = run_ok(&url, &["migrate", "status"]);
    assert!(!status.contains("pending"), "{status}");

    // The generated resources' migrations, newest, come off first.
    let generated = generated_tables().len();
    if generated > 0 {
        run_ok(&url, &["migrate", "down", &generated.to_string()]);
        assert_eq!(tables(&db).await, OWN_TABLES);
    }

    run_ok(&url, &["migrate", "down"]);
    assert_eq!(tables(&db).await, ["auth_tokens", "items", "users"]);
    assert!(run_ok(&url, &["migrate", "status"]).contains("0004 pending"));

    run_ok(&url, &["migrate", "down"]);
    assert_eq!(tables(&db).await, ["auth_tokens", "items", "users"]);
    assert!(run_ok(&url, &["migrate", "status"]).contains("0003 pending"));

    run_ok(&url, &["migrate", "down", "1"]);
    assert_eq!(tables(&db).await, ["items", "users"]);
    assert!(run_ok(&url, &["migrate", "status"]).contains("0002 pending"));

    run_ok(&url, &["migrate", "down", "1"]);
    assert!(tables(&db).await.is_empty());

    run_ok(&url, &["migrate", "up"]);
    assert_eq!(tables(&db).await, all_tables());
}

#[tokio::test]
async fn migrate_up_creates_a_missing_database() {
    let db = TestDatabase::create_empty().await;
    let mut conn = db.connect().await;
    let missing = format!("{}_new", db.name);
    let url = format!("{}_new", db.url());
    run_ok(&url, &["migrate", "up"]);
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(&missing)
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert!(exists);
    let drop = format!("DROP DATABASE {missing} WITH (FORCE)");
    sqlx::raw_sql(sqlx::AssertSqlSafe(drop))
        .execute(&mut conn)
        .await
        .unwrap();
}

#[tokio::test]
async fn reverting_more_migrations_than_applied_is_a_clear_error() {
    let db = TestDatabase::create_empty().await;
    let url = db.url();
    run_ok(&url, &["migrate", "up"]);
    let applied = OWN_MIGRATIONS + generated_tables().len();
    let too_many = (applied + 1).to_string();
    let output = app_command(&url, &["migrate", "down", &too_many]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("only {applied} are applied")),
        "{stderr}"
    );
    assert_eq!(tables(&db).await, all_tables());
}

#[tokio::test]
async fn an_unreachable_database_is_a_clear_error() {
    let output = app_command(
        "postgres://postgres@127.0.0.1:1/nowhere",
        &["migrate", "status"],
    );
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(r#"could not connect to PostgreSQL at 127.0.0.1:1 as "postgres""#),
        "{stderr}"
    );
    assert_eq!(stderr.matches("Connection refused").count(), 1, "{stderr}");
}

#[tokio::test]
async fn migrate_wait_returns_once_every_migration_is_applied_and_times_out_otherwise() {
    let db = TestDatabase::create_empty().await;
    let url = db.url();
    run_ok(&url, &["migrate", "up"]);
    let ready = run_ok(&url, &["migrate", "wait", "--timeout-seconds", "5"]);
    assert!(ready.contains("Every migration is applied"), "{ready}");

    run_ok(&url, &["migrate", "down"]);
    let output = app_command(&url, &["migrate", "wait", "--timeout-seconds", "1"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last = last_version();
    assert!(
        stderr.contains(&format!("migrations [{last}] still pending after 1s")),
        "{stderr}"
    );
    // Waiting changed nothing.
    let status = run_ok(&url, &["migrate", "status"]);
    assert!(status.contains(&format!("{last:04} pending")), "{status}");
}

#[tokio::test]
async fn migrate_wait_with_a_zero_timeout_is_a_usage_error() {
    let output = app_command(
        "postgres://postgres@127.0.0.1:1/nowhere",
        &["migrate", "wait", "--timeout-seconds", "0"],
    );
    assert_eq!(output.status.code(), Some(2));
}

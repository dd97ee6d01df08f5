//! The harness's own clean-up: databases left by killed test runs are
//! dropped by the next run, and those of live runs never are.

use sqlx::{AssertSqlSafe, Connection, PgConnection};
use uuid::Uuid;

use crate::support::{Owner, TestDatabase, mark_alive, sweep};

async fn create(conn: &mut PgConnection, name: &str) {
    let sql = format!("CREATE DATABASE {name}");
    sqlx::raw_sql(AssertSqlSafe(sql))
        .execute(conn)
        .await
        .unwrap();
}

async fn exists(conn: &mut PgConnection, name: &str) -> bool {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
        .bind(name)
        .fetch_one(conn)
        .await
        .unwrap()
}

/// A run id no process holds: random, like a real run's.
fn some_run() -> i32 {
    (rand::random::<u32>() >> 1) as i32
}

#[tokio::test]
async fn a_sweep_drops_what_killed_runs_left_and_keeps_what_live_runs_use() {
    // This run's own database (the sweep at its start has run).
    let ours = TestDatabase::create().await;
    let admin = TestDatabase::admin_options();
    let mut conn = PgConnection::connect_with(&admin).await.unwrap();

    // A run that was killed: its databases, and a template nobody uses.
    let dead = format!("test_{:08x}_{}", some_run(), Uuid::new_v4().simple());
    let dead_clone = format!("{dead}_new");
    let stale_template = format!("test_template_{:016x}", rand::random::<u64>());
    // A run alive in another process: its lock is held (here, by a
    // connection of this test) before its database exists.
    let other_run = some_run();
    let mut other_process = PgConnection::connect_with(&admin).await.unwrap();
    mark_alive(&mut other_process, Owner::Run(other_run)).await;
    let alive = format!("test_{other_run:08x}_{}", Uuid::new_v4().simple());
    // Not named by any run: left alone whatever it is.
    let foreign = format!("test_{}", Uuid::new_v4().simple());
    for name in [&dead, &dead_clone, &stale_template, &alive, &foreign] {
        create(&mut conn, name).await;
    }

    sweep(&admin).await;

    for gone in [&dead, &dead_clone, &stale_template] {
        assert!(!exists(&mut conn, gone).await, "{gone} was left");
    }
    for kept in [&ours.name, &alive, &foreign] {
        assert!(exists(&mut conn, kept).await, "{kept} was dropped");
    }

    // Once the other process is gone, its database goes with the next sweep.
    other_process.close().await.unwrap();
    sweep(&admin).await;
    assert!(!exists(&mut conn, &alive).await, "{alive} was left");
    let sql = format!("DROP DATABASE {foreign}");
    sqlx::raw_sql(AssertSqlSafe(sql))
        .execute(&mut conn)
        .await
        .unwrap();
}

#[test]
fn owners_are_read_from_the_names_runs_give() {
    assert_eq!(
        Owner::of("test_0000002a_0123456789abcdef0123456789abcdef"),
        Some(Owner::Run(42))
    );
    assert_eq!(Owner::of("test_7fffffff_x_new"), Some(Owner::Run(i32::MAX)));
    assert_eq!(
        Owner::of("test_template_00000001ffffffff"),
        Some(Owner::Template(i32::MAX))
    );
    for other in [
        "test_0123456789abcdef0123456789abcdef",
        "test_backup_0123456789ab",
        "test_template_123",
        "test_ABCDEF01_x",
        "test_80000000_x",
        "e2e_0000002a_x",
        "postgres",
    ] {
        assert_eq!(Owner::of(other), None, "{other}");
    }
}

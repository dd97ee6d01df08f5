//! One database per test, cloned from a template that holds the migrated
//! schema. The template is built once per migration set, under an advisory
//! lock, so parallel test processes share it safely.

use std::str::FromStr;

use app::db::MIGRATOR;
use sqlx::postgres::PgConnectOptions;
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use uuid::Uuid;

/// Any fixed number: the key of the advisory lock guarding the template.
const TEMPLATE_LOCK: i64 = 7_203_114_455;

pub struct TestDatabase {
    pub name: String,
    admin: PgConnectOptions,
}

/// The server to test against: `TEST_DATABASE_URL`, by default the local
/// PostgreSQL as user postgres. Only databases named `test_*` are touched.
fn admin_options() -> PgConnectOptions {
    let url = std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    PgConnectOptions::from_str(&url).expect("TEST_DATABASE_URL is a postgres URL")
}

fn template_name() -> String {
    let mut hasher = std::hash::DefaultHasher::new();
    for migration in MIGRATOR.iter() {
        std::hash::Hash::hash(&migration.checksum, &mut hasher);
    }
    format!("test_template_{:016x}", std::hash::Hasher::finish(&hasher))
}

async fn execute(conn: &mut PgConnection, sql: String) {
    sqlx::raw_sql(AssertSqlSafe(sql.clone()))
        .execute(conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn ensure_template(admin: &PgConnectOptions) -> String {
    let name = template_name();
    let mut conn = PgConnection::connect_with(admin)
        .await
        .expect("PostgreSQL is reachable for tests");
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(TEMPLATE_LOCK)
        .execute(&mut conn)
        .await
        .unwrap();
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(&name)
            .fetch_one(&mut conn)
            .await
            .unwrap();
    if !exists {
        execute(&mut conn, format!("CREATE DATABASE {name}")).await;
        let mut template = PgConnection::connect_with(&admin.clone().database(&name))
            .await
            .unwrap();
        MIGRATOR
            .run(&mut template)
            .await
            .expect("migrations apply to the template");
        template.close().await.unwrap();
    }
    sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(TEMPLATE_LOCK)
        .execute(&mut conn)
        .await
        .unwrap();
    name
}

impl TestDatabase {
    /// The server's admin connection options (host, port, user).
    pub fn admin_options() -> PgConnectOptions {
        admin_options()
    }

    /// A new database with the current schema.
    pub async fn create() -> TestDatabase {
        let admin = admin_options();
        let template = ensure_template(&admin).await;
        let name = format!("test_{}", Uuid::new_v4().simple());
        let mut conn = PgConnection::connect_with(&admin).await.unwrap();
        execute(
            &mut conn,
            format!("CREATE DATABASE {name} TEMPLATE {template}"),
        )
        .await;
        TestDatabase { name, admin }
    }

    /// A new database with no schema at all (for migration tests).
    pub async fn create_empty() -> TestDatabase {
        let admin = admin_options();
        let name = format!("test_{}", Uuid::new_v4().simple());
        let mut conn = PgConnection::connect_with(&admin).await.unwrap();
        execute(&mut conn, format!("CREATE DATABASE {name}")).await;
        TestDatabase { name, admin }
    }

    pub fn connect_options(&self) -> PgConnectOptions {
        self.admin.clone().database(&self.name)
    }

    pub async fn connect(&self) -> PgConnection {
        PgConnection::connect_with(&self.connect_options())
            .await
            .unwrap()
    }

    /// A `postgres://` URL for the database (for running the binary).
    pub fn url(&self) -> String {
        let base = std::env::var("TEST_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let (server, _) = base.rsplit_once('/').expect("the URL names a database");
        format!("{server}/{}", self.name)
    }
}

impl Drop for TestDatabase {
    /// Drops the database on a helper thread: `Drop` cannot await.
    fn drop(&mut self) {
        let (admin, name) = (self.admin.clone(), self.name.clone());
        let dropper = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                if let Ok(mut conn) = PgConnection::connect_with(&admin).await {
                    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    let _ = sqlx::raw_sql(AssertSqlSafe(sql)).execute(&mut conn).await;
                }
            });
        });
        let _ = dropper.join();
    }
}

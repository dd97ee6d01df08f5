//! One database per test, cloned from a template that holds the migrated
//! schema. The template is built once per migration set, under an advisory
//! lock, so parallel test processes share it safely.
//!
//! A test process that is killed cannot drop its databases, so each process
//! sweeps up after the dead ones before it creates its first database. Each
//! process is a *run* with a random id, and its databases are named
//! `test_<run>_...`. For as long as the process lives, a connection of its
//! own holds a shared advisory lock on the run's id and one on its
//! template's key; however the process ends, PostgreSQL then closes that
//! connection and the locks go. A `test_<run>_...` database or a template
//! whose lock nobody holds belongs to no live process (on this machine or
//! any other using the server) and is dropped; anything else is left alone.

use std::collections::HashSet;
use std::str::FromStr;
use std::sync::OnceLock;

use app::db::MIGRATOR;
use sqlx::postgres::PgConnectOptions;
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use uuid::Uuid;

/// Any fixed number: the key of the advisory lock guarding the templates
/// (building one, and sweeping them).
const TEMPLATE_LOCK: i64 = 7_203_114_455;

/// The first keys of the two-key advisory locks that mark a live run and a
/// template in use (the second key is the run's id, the template's key).
/// The Python test suites mark their runs with the same lock
/// (tests/support/scratch_databases.py).
const RUN_LOCKS: i32 = 720_311;
const TEMPLATE_LOCKS: i32 = 720_312;

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

/// Whose a database is, read from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    /// `test_<run>_...` (eight hex digits): made by the run with this id.
    Run(i32),
    /// `test_template_<hash>` (sixteen hex digits): the template whose
    /// lock has this key.
    Template(i32),
}

impl Owner {
    /// `None` for a name of neither form (another tool's database, or one
    /// of a harness that did not mark its runs): never swept.
    pub fn of(name: &str) -> Option<Owner> {
        let rest = name.strip_prefix("test_")?;
        if let Some(hash) = rest.strip_prefix("template_") {
            return hex(hash, 16).map(|hash| Owner::Template(template_key(hash)));
        }
        let (run, _) = rest.split_once('_')?;
        let run = i32::try_from(hex(run, 8)?).ok()?;
        Some(Owner::Run(run))
    }

    /// The two keys of the advisory lock held while the owner lives.
    fn lock(self) -> (i32, i32) {
        match self {
            Owner::Run(id) => (RUN_LOCKS, id),
            Owner::Template(key) => (TEMPLATE_LOCKS, key),
        }
    }
}

/// `digits` lowercase hex digits, exactly.
fn hex(text: &str, digits: usize) -> Option<u64> {
    let lowercase_hex = text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    (text.len() == digits && lowercase_hex)
        .then(|| u64::from_str_radix(text, 16).ok())
        .flatten()
}

/// Lock keys are non-negative `int4`s (they read back as `oid`s).
fn template_key(hash: u64) -> i32 {
    (hash & 0x7fff_ffff) as i32
}

/// This process's run id, its lock taken (and leftovers swept) on first use.
fn run_id() -> i32 {
    static RUN: OnceLock<i32> = OnceLock::new();
    *RUN.get_or_init(|| {
        let run = (rand::random::<u32>() >> 1) as i32;
        let template = Owner::of(&template_name()).expect("the template's name has an owner");
        hold_for_life(&[Owner::Run(run), template]);
        // On a thread of its own, like `hold_for_life`: this may run inside
        // any test's runtime, and must not depend on it.
        std::thread::spawn(|| block_on(sweep(&admin_options())))
            .join()
            .expect("the sweep of leftover databases ran");
        run
    })
}

/// Takes the owners' locks on a connection that a thread of its own keeps
/// open until the process exits; returns once they are held.
fn hold_for_life(owners: &[Owner]) {
    let owners = owners.to_vec();
    let (held, locked) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        block_on(async move {
            let mut conn = PgConnection::connect_with(&admin_options())
                .await
                .expect("PostgreSQL is reachable for tests");
            // An idle session must never be ended by the server while the
            // process lives: its databases would be swept from under it.
            let _ = sqlx::raw_sql("SET idle_session_timeout = 0")
                .execute(&mut conn)
                .await;
            for owner in owners {
                mark_alive(&mut conn, owner).await;
            }
            held.send(()).expect("the run waits for its locks");
            std::future::pending::<()>().await;
        });
    });
    locked.recv().expect("the run's locks are held");
}

/// Marks the owner as alive for as long as `conn` stays open (see the
/// module's documentation). Shared: any number of holders may mark it.
pub async fn mark_alive(conn: &mut PgConnection, owner: Owner) {
    let (class, key) = owner.lock();
    sqlx::query("SELECT pg_advisory_lock_shared($1, $2)")
        .bind(class)
        .bind(key)
        .execute(conn)
        .await
        .expect("a shared advisory lock");
}

fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

/// Drops every database of a run that no longer runs, and every template
/// no live run uses; returns their names.
pub async fn sweep(admin: &PgConnectOptions) -> Vec<String> {
    let mut conn = PgConnection::connect_with(admin)
        .await
        .expect("PostgreSQL is reachable for tests");
    // Under the template lock, so no run builds a template being dropped.
    lock(&mut conn, TEMPLATE_LOCK).await;
    // The databases first, the locks second: a run takes its lock before
    // it creates a database, so each database listed here whose run is
    // alive has its lock listed below.
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'test\\_%'")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    // The locks of every session, whatever database it is connected to.
    let held: HashSet<(i64, i64)> = sqlx::query_as(
        "SELECT classid::int8, objid::int8 FROM pg_locks \
         WHERE locktype = 'advisory' AND objsubid = 2 AND classid::int8 IN ($1, $2)",
    )
    .bind(i64::from(RUN_LOCKS))
    .bind(i64::from(TEMPLATE_LOCKS))
    .fetch_all(&mut conn)
    .await
    .unwrap()
    .into_iter()
    .collect();
    let mut dropped = Vec::new();
    for name in names {
        let Some(owner) = Owner::of(&name) else {
            continue;
        };
        let (class, key) = owner.lock();
        if !held.contains(&(i64::from(class), i64::from(key))) {
            execute(
                &mut conn,
                format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            )
            .await;
            dropped.push(name);
        }
    }
    unlock(&mut conn, TEMPLATE_LOCK).await;
    dropped
}

async fn lock(conn: &mut PgConnection, key: i64) {
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(key)
        .execute(conn)
        .await
        .unwrap();
}

async fn unlock(conn: &mut PgConnection, key: i64) {
    sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(key)
        .execute(conn)
        .await
        .unwrap();
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
    lock(&mut conn, TEMPLATE_LOCK).await;
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
    unlock(&mut conn, TEMPLATE_LOCK).await;
    name
}

/// A new database's name, marked as this run's.
fn new_name() -> String {
    format!("test_{:08x}_{}", run_id(), Uuid::new_v4().simple())
}

impl TestDatabase {
    /// The server's admin connection options (host, port, user).
    pub fn admin_options() -> PgConnectOptions {
        admin_options()
    }

    /// A new database with the current schema.
    pub async fn create() -> TestDatabase {
        let admin = admin_options();
        let name = new_name();
        let template = ensure_template(&admin).await;
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
        let name = new_name();
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
            block_on(async move {
                if let Ok(mut conn) = PgConnection::connect_with(&admin).await {
                    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    let _ = sqlx::raw_sql(AssertSqlSafe(sql)).execute(&mut conn).await;
                }
            });
        });
        let _ = dropper.join();
    }
}

/// Every table of the public schema but sqlx's record of migrations, by
/// name: what the migrations made, whatever they are.
pub async fn public_tables(conn: &mut PgConnection) -> Vec<String> {
    tables_and_keys(conn)
        .await
        .into_iter()
        .map(|table| table.name)
        .collect()
}

/// Every row of every public table, as JSON text: `{"table": [rows…]}`,
/// tables by name and rows by primary key (by their text where a table has
/// none). Equal before and after a request means it changed nothing.
pub async fn every_row(conn: &mut PgConnection) -> String {
    let mut state = serde_json::Map::new();
    for table in tables_and_keys(conn).await {
        let order = match table.key.is_empty() {
            true => "t::text".to_owned(),
            false => table.key,
        };
        let sql = format!(
            "SELECT coalesce(json_agg(t ORDER BY {order}), '[]')::text FROM public.{} t",
            table.quoted
        );
        let rows: String = sqlx::query_scalar(AssertSqlSafe(sql))
            .fetch_one(&mut *conn)
            .await
            .unwrap_or_else(|e| panic!("the rows of {}: {e}", table.name));
        let rows = serde_json::from_str(&rows).expect("json_agg makes JSON");
        state.insert(table.name, rows);
    }
    serde_json::Value::Object(state).to_string()
}

struct Table {
    name: String,
    /// The name, quoted for SQL.
    quoted: String,
    /// The primary key's columns, quoted and comma-separated ("" if none).
    key: String,
}

async fn tables_and_keys(conn: &mut PgConnection) -> Vec<Table> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.relname::text, quote_ident(c.relname),
                coalesce((SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.position)
                          FROM pg_index i
                          CROSS JOIN unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
                          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                          WHERE i.indrelid = c.oid AND i.indisprimary), '')
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
           AND c.relname <> '_sqlx_migrations'
         ORDER BY 1",
    )
    .fetch_all(conn)
    .await
    .expect("the catalogue answers");
    rows.into_iter()
        .map(|(name, quoted, key)| Table { name, quoted, key })
        .collect()
}

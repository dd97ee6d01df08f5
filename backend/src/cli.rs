//! The command line: one binary for the API, migrations and admin tasks.

use clap::{Parser, Subcommand};
use sqlx::error::DatabaseError;

#[derive(Parser)]
#[command(
    name = "app",
    version,
    about = "API server, migrations and admin commands"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the HTTP API (port API_PORT, default 8000).
    Serve,
    /// Apply, revert or list database migrations.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Create the superuser named by FIRST_SUPERUSER / FIRST_SUPERUSER_PASSWORD
    /// unless that account already exists.
    CreateSuperuser,
    /// Set an account's password and end all its sessions. The password is
    /// read from standard input (one line), or asked for twice on a
    /// terminal; it must be 8 to 128 characters.
    SetPassword(PasswordOf),
    /// Run background jobs (metrics on WORKER_METRICS_PORT, default 9100).
    Worker,
    /// Inspect the job queue and manage dead jobs.
    Jobs {
        #[command(subcommand)]
        action: JobsAction,
    },
    /// Exit 0 when a local endpoint answers 200 (by default the API's
    /// /health/ready; for the worker: --port 9100 --path /health), else 1.
    Healthcheck {
        /// The port to ask (the API's by default).
        #[arg(long, env = "API_PORT", default_value_t = 8000)]
        port: u16,
        /// The path to ask.
        #[arg(long, default_value = "/health/ready")]
        path: String,
    },
}

#[derive(Subcommand)]
pub enum MigrateAction {
    /// Create the database if missing and apply every pending migration.
    Up,
    /// Revert the last N applied migrations.
    Down {
        #[arg(default_value_t = 1)]
        steps: usize,
    },
    /// List migrations and whether each is applied.
    Status,
    /// Wait until every migration this binary knows is applied (by
    /// `migrate up`, e.g. the deploy's migration Job); exit 1 after the
    /// timeout. Run before the API starts, so a new version never serves an
    /// old schema.
    Wait {
        /// Give up after this many seconds.
        #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..))]
        timeout_seconds: u64,
    },
}

#[derive(Subcommand)]
pub enum JobsAction {
    /// How many jobs are ready, running, scheduled for a retry, and dead.
    Stats,
    /// Jobs that failed every run, or cannot run.
    Dead {
        #[command(subcommand)]
        action: DeadAction,
    },
    /// Queue diagnostic `probe` jobs (they do nothing unless told to).
    Probe {
        #[arg(long, default_value_t = 1)]
        count: u32,
        /// Sleep this long in each job.
        #[arg(long, default_value_t = 0)]
        sleep_ms: u64,
        /// Fail each job's first N runs (needs --record).
        #[arg(long, default_value_t = 0, requires = "record")]
        fail_times: u32,
        /// Runs allowed before a job is dead.
        #[arg(long)]
        max_attempts: Option<u32>,
        /// Record runs, completions and pickup delays in Redis under this name.
        #[arg(long)]
        record: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum DeadAction {
    /// One JSON line per dead job: id, name, arguments, runs, last error.
    List,
    /// Queue dead jobs again with a fresh allowance of runs.
    Requeue(Selection),
    /// Delete dead jobs for good.
    Purge(Selection),
}

/// Whose password `set-password` sets: an account by email, or the first
/// superuser's, to the configured one.
#[derive(clap::Args)]
#[group(required = true, multiple = false)]
pub struct PasswordOf {
    /// The account's email.
    pub email: Option<String>,
    /// Set FIRST_SUPERUSER's password to FIRST_SUPERUSER_PASSWORD (from the
    /// environment or .env), e.g. after .env was recreated.
    #[arg(long)]
    pub from_env: bool,
}

/// One job by id, or all of them.
#[derive(clap::Args)]
#[group(required = true, multiple = false)]
pub struct Selection {
    /// The job's id (from `app jobs dead list`).
    pub id: Option<uuid::Uuid>,
    /// Every dead job.
    #[arg(long)]
    pub all: bool,
}

impl Selection {
    /// The job's id, or `None` for every dead job.
    pub fn chosen_id(&self) -> Option<uuid::Uuid> {
        self.id.filter(|_| !self.all)
    }
}

/// The error a command failed with, as one line: the error and its causes
/// joined by `: ` (as `{:#}` joins them), each said once. sqlx's errors repeat
/// their cause in their own text, and PostgreSQL's add the line of the server's
/// C source that raised them ("at line 768"): PostgreSQL's message says it
/// alone.
pub fn error_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = describe(cause);
        if line.ends_with(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

fn describe(cause: &(dyn std::error::Error + 'static)) -> String {
    if let Some(sqlx::Error::Database(database)) = cause.downcast_ref::<sqlx::Error>() {
        return database.message().to_owned();
    }
    // sqlx::Error::Database's cause: the same error again.
    if let Some(database) = cause.downcast_ref::<Box<dyn DatabaseError>>() {
        return database.message().to_owned();
    }
    cause.to_string()
}

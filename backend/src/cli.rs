//! The command line: one binary for the API, migrations and admin tasks.

use clap::{Parser, Subcommand};

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
    /// Exit 0 when the local API answers /health/ready with 200, else 1.
    Healthcheck {
        /// The API's port.
        #[arg(long, env = "API_PORT", default_value_t = 8000)]
        port: u16,
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
}

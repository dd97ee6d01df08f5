use std::process::ExitCode;
use std::time::Duration;

use std::io::IsTerminal;

use anyhow::{Context, anyhow};
use app::cli::{Cli, Command, MigrateAction, PasswordOf, error_line};
use app::config::{Config, DatabaseConfig, load_dotenv};
use app::domain::{Email, Password};
use app::startup::{Application, shutdown_signal};
use app::state::AppState;
use app::worker_app::WorkerApp;
use app::{accounts, db, healthcheck, jobs_cli, migrate, superuser, telemetry};
use clap::Parser;
use secrecy::ExposeSecret;

fn main() -> ExitCode {
    return_large_blocks_to_the_os();
    let cli = Cli::parse();
    load_dotenv();
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime starts");
    match runtime.block_on(run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {}", error_line(&err));
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve => serve().await,
        Command::Migrate { action } => {
            let config = DatabaseConfig::from_env()?;
            match action {
                MigrateAction::Up => migrate::up(&config).await,
                MigrateAction::Down { steps } => migrate::down(&config, steps).await,
                MigrateAction::Status => migrate::status(&config).await,
                MigrateAction::Wait { timeout_seconds } => {
                    migrate::wait(&config, Duration::from_secs(timeout_seconds)).await
                }
            }
        }
        Command::CreateSuperuser => create_superuser().await,
        Command::SetPassword(of) => set_password(of).await,
        Command::Worker => worker().await,
        Command::Jobs { action } => jobs_cli::run(action).await,
        Command::Healthcheck { port, path } => healthcheck::check(port, &path),
    }
}

async fn serve() -> anyhow::Result<()> {
    let config = load_config()?;
    let app = Application::build(config).await?;
    tracing::info!(address = %app.local_addr(), environment = app.state().config.environment.as_str(), "API listening");
    app.run_until(shutdown_signal()).await?;
    tracing::info!("API stopped");
    Ok(())
}

async fn worker() -> anyhow::Result<()> {
    let config = load_config()?;
    let app = WorkerApp::build(config).await?;
    tracing::info!(metrics = %app.metrics_addr(), "worker metrics listening");
    app.run_until(shutdown_signal()).await
}

async fn create_superuser() -> anyhow::Result<()> {
    let config = load_config()?;
    let first = config
        .first_superuser
        .clone()
        .context("FIRST_SUPERUSER and FIRST_SUPERUSER_PASSWORD must be set")?;
    let pool = db::pool(&config.database);
    let passwords = app::auth::PasswordHasher::new()?;
    let outcome = superuser::ensure(&pool, &passwords, &first)
        .await
        .with_context(|| format!("creating superuser {}", first.email))?;
    match outcome {
        superuser::Outcome::Created => println!("Created superuser {}", first.email),
        // A password that differs has been warned about by `ensure`.
        superuser::Outcome::AlreadyExists | superuser::Outcome::PasswordDiffers => {
            println!("Superuser {} already exists; left unchanged", first.email)
        }
    }
    Ok(())
}

/// The account's password becomes the one read from stdin, or with `--from-env`
/// FIRST_SUPERUSER's becomes FIRST_SUPERUSER_PASSWORD. Bad input changes
/// nothing: the account and the password are checked first.
async fn set_password(of: PasswordOf) -> anyhow::Result<()> {
    let config = load_config()?;
    let (email, password) = match of.email {
        Some(email) => (email, read_new_password()?),
        None => {
            let first = config.first_superuser.clone().context(
                "--from-env needs FIRST_SUPERUSER and FIRST_SUPERUSER_PASSWORD (in .env or the environment)",
            )?;
            (first.email, first.password.expose_secret().to_owned())
        }
    };
    let email = Email::parse(email).map_err(|e| anyhow!("the email {e}"))?;
    let password =
        Password::parse(password).map_err(|e| anyhow!("the password {e}; nothing changed"))?;
    let pool = db::pool(&config.database);
    let state = AppState::new(config, pool)?;
    accounts::set_password(&state, &email, &password)
        .await?
        .with_context(|| format!("no account has the email {email}; nothing changed"))?;
    println!("Password set for {email}; its sessions have ended");
    if state.user_cache.missed_invalidation() {
        eprintln!(
            "WARNING: Redis was unreachable: API processes that cached the account may accept \
             its earlier access tokens until the cache entry expires (USER_CACHE_TTL_SECONDS)"
        );
    }
    Ok(())
}

/// On a terminal: asked for twice, not echoed. Otherwise: the first line of
/// stdin (`printf '%s\n' "$password" | app set-password EMAIL`).
fn read_new_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let password = rpassword::prompt_password("New password: ")?;
        let again = rpassword::prompt_password("Repeat it: ")?;
        anyhow::ensure!(password == again, "the passwords differ; nothing changed");
        return Ok(password);
    }
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("reading the new password from stdin")?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}

/// Reads the configuration and starts logging; warnings about weak
/// development secrets are logged once logging works.
fn load_config() -> anyhow::Result<Config> {
    let (config, warnings) = Config::from_env()?;
    telemetry::init(config.environment, &config.log_level);
    for warning in warnings {
        tracing::warn!("{warning}");
    }
    Ok(config)
}

/// Argon2 allocates 19 MiB per password hash. glibc serves blocks that large
/// with mmap and unmaps them when freed, but after the first such free it
/// raises its mmap threshold and keeps later ones in its heap for good (RSS
/// grew by 19 MiB per concurrent login and never shrank). Pinning the
/// threshold keeps returning them to the OS.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn return_large_blocks_to_the_os() {
    // SAFETY: mallopt only changes a tuning parameter of glibc's allocator;
    // it is called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1024 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_large_blocks_to_the_os() {}

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

/// mimalloc instead of glibc's malloc: a request allocates and frees dozens
/// of small blocks (headers, the JSON body, SQLx's rows), and glibc's
/// malloc/free were about a quarter of the API's CPU under load (`make
/// profile`); with mimalloc's thread-local free lists `make bench` measured
/// 1.4x the requests per second on `/users/me`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's defaults for a long-running server that should stay small:
/// freed memory goes back to the OS at once (Argon2's 19 MiB blocks, one per
/// login, stayed otherwise: 4 concurrent logins left 135 MiB), and its arenas
/// are committed as they are used, not up front (10 MiB more at idle).
/// MIMALLOC_PURGE_DELAY and MIMALLOC_ARENA_EAGER_COMMIT still override them.
/// Set in an ELF constructor: mimalloc reads them when the first allocation
/// reserves its first arena, which may happen before `main`.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static CONFIGURE_ALLOCATOR: extern "C" fn() = configure_allocator;

#[cfg(target_os = "linux")]
extern "C" fn configure_allocator() {
    // Their numbers in mimalloc.h's `mi_option_e` (libmimalloc-sys names
    // only some of them); mimalloc appends new options, never renumbers.
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: plain setters of mimalloc's options, run once before any
    // other code of this program.
    unsafe {
        libmimalloc_sys::mi_option_set_default(PURGE_DELAY, 0);
        libmimalloc_sys::mi_option_set_default(ARENA_EAGER_COMMIT, 0);
    }
}

fn main() -> ExitCode {
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

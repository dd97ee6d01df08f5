//! Typed configuration, read once from the environment at start-up.
//!
//! Variable names are those of the FastAPI template (`ENVIRONMENT`, `DB_*`,
//! `SECRET_KEY`, ...). Every error names the variable at fault, and secrets are
//! wrapped in [`SecretString`] so that `Debug` output never shows them.

mod email;
mod env;
mod http;
mod jobs;
mod proxies;
mod rate_limits;
mod secrets;

use std::net::IpAddr;
use std::time::Duration;

use jsonwebtoken::Algorithm;
use secrecy::SecretString;
use sqlx::postgres::PgConnectOptions;

pub use email::{EmailConfig, SmtpConfig};
pub use env::ConfigError;
use env::Env;
pub use http::HttpConfig;
pub use jobs::JobsConfig;
pub use proxies::{Cidr, TrustedProxies};
pub use rate_limits::RateLimitConfig;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Staging,
    Production,
}

impl Environment {
    pub fn is_development(self) -> bool {
        self == Environment::Development
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Development => "development",
            Environment::Staging => "staging",
            Environment::Production => "production",
        }
    }
}

/// Where and how to reach PostgreSQL; all that `migrate` needs.
#[derive(Debug, Clone)]
pub struct DatabaseConfig {
    pub connect_options: PgConnectOptions,
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

/// Where and how to reach Redis (cache, rate limits, job queue).
#[derive(Debug, Clone)]
pub struct RedisConfig {
    /// `redis://[:password@]host:port/db`; holds the password, so secret.
    pub url: SecretString,
    /// Prefixed to every key, so several apps (or tests) can share a server.
    pub key_prefix: String,
    /// How long a cached user record may be served.
    pub user_cache_ttl: Duration,
}

#[derive(Debug, Clone)]
pub struct AuthConfig {
    pub secret_key: SecretString,
    pub algorithm: Algorithm,
    pub access_token_ttl: chrono::Duration,
    pub refresh_token_ttl: chrono::Duration,
}

#[derive(Debug, Clone)]
pub struct FirstSuperuser {
    pub email: String,
    pub password: SecretString,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub environment: Environment,
    /// Shown in emails (`PROJECT_NAME`).
    pub project_name: String,
    pub log_level: String,
    pub host: IpAddr,
    pub port: u16,
    pub database: DatabaseConfig,
    pub redis: RedisConfig,
    pub auth: AuthConfig,
    pub first_superuser: Option<FirstSuperuser>,
    pub cors_origins: Vec<String>,
    pub frontend_host: String,
    pub request_timeout: Duration,
    /// On SIGTERM, how long the API keeps serving, not ready, before it
    /// stops accepting connections (see `shutdown`).
    pub shutdown_drain: Duration,
    pub max_body_bytes: usize,
    /// Connection timeouts and the connection cap (see `server`).
    pub http: HttpConfig,
    pub rate_limits: RateLimitConfig,
    /// Peers whose `X-Forwarded-For` names the client (see `client_ip`).
    pub trusted_proxies: TrustedProxies,
    pub email: EmailConfig,
    pub jobs: JobsConfig,
    /// Serve Swagger UI at `/docs` and the OpenAPI document at
    /// `/openapi.json` (`API_DOCS`, on by default).
    pub api_docs: bool,
}

/// Loads `.env` from the working directory unless the process is already
/// told it runs in staging or production, where only the real environment
/// counts. Variables already set are never overridden.
pub fn load_dotenv() {
    let deployed = std::env::var("ENVIRONMENT")
        .map(|value| !value.eq_ignore_ascii_case("development"))
        .unwrap_or(false);
    if !deployed {
        let _ = dotenvy::dotenv();
    }
}

impl Config {
    /// Reads and checks the whole configuration. In production a missing,
    /// short or placeholder secret is an error; elsewhere it is a warning
    /// (returned so the caller can log it once logging is set up).
    pub fn from_env() -> Result<(Config, Vec<String>), ConfigError> {
        let env = Env::from_process();
        let environment = environment(&env)?;
        let mut warnings = Vec::new();
        let secret_key = secrets::secret_key(&env, environment, &mut warnings)?;
        let first_superuser = secrets::first_superuser(&env, environment, &mut warnings)?;
        let frontend_host = env.string_or("FRONTEND_HOST", "http://localhost:3000");
        let project_name = env.string_or("PROJECT_NAME", "Full Stack Rust");
        let config = Config {
            environment,
            email: EmailConfig::read(&env, &project_name)?,
            jobs: JobsConfig::read(&env)?,
            project_name,
            log_level: log_level(&env)?,
            host: env.parse_or("API_HOST", IpAddr::from([0, 0, 0, 0]))?,
            port: env.parse_or("API_PORT", 8000)?,
            database: DatabaseConfig::read(&env)?,
            redis: RedisConfig::read(&env)?,
            auth: AuthConfig {
                secret_key,
                algorithm: algorithm(&env)?,
                access_token_ttl: chrono::Duration::minutes(
                    env.positive_or("ACCESS_TOKEN_EXPIRE_MINUTES", 30)?,
                ),
                refresh_token_ttl: chrono::Duration::days(
                    env.positive_or("REFRESH_TOKEN_EXPIRE_DAYS", 14)?,
                ),
            },
            first_superuser,
            cors_origins: cors_origins(&env, &frontend_host),
            frontend_host,
            request_timeout: Duration::from_secs(env.positive_or("REQUEST_TIMEOUT_SECONDS", 30)?),
            shutdown_drain: shutdown_drain(&env, environment)?,
            max_body_bytes: env.positive_or("MAX_BODY_BYTES", 64 * 1024)?,
            http: HttpConfig::read(&env)?,
            rate_limits: RateLimitConfig::read(&env)?,
            trusted_proxies: env.parse_or("TRUSTED_PROXIES", TrustedProxies::default())?,
            api_docs: env.flag_or("API_DOCS", true)?,
        };
        Ok((config, warnings))
    }
}

impl DatabaseConfig {
    pub fn from_env() -> Result<DatabaseConfig, ConfigError> {
        DatabaseConfig::read(&Env::from_process())
    }

    fn read(env: &Env) -> Result<DatabaseConfig, ConfigError> {
        let connect_options = match env.get("DATABASE_URL") {
            Some(url) => url.parse().map_err(|_| {
                ConfigError::invalid("DATABASE_URL", "is not a valid postgres:// URL")
            })?,
            None => PgConnectOptions::new_without_pgpass()
                .host(&env.string_or("DB_HOST", "127.0.0.1"))
                .port(env.parse_or("DB_PORT", 5432)?)
                .username(&env.string_or("DB_USER", "postgres"))
                .password(&env.string_or("DB_PASSWORD", ""))
                .database(&env.string_or("DB_NAME", "app")),
        };
        Ok(DatabaseConfig {
            connect_options,
            max_connections: env.positive_or("DB_POOL_MAX_CONNECTIONS", 10)?,
            acquire_timeout: Duration::from_secs(
                env.positive_or("DB_POOL_ACQUIRE_TIMEOUT_SECONDS", 5)?,
            ),
        })
    }
}

impl RedisConfig {
    pub fn from_env() -> Result<RedisConfig, ConfigError> {
        RedisConfig::read(&Env::from_process())
    }

    fn read(env: &Env) -> Result<RedisConfig, ConfigError> {
        let url = match env.get("REDIS_URL") {
            Some(url) => url,
            None => {
                let password = env
                    .get("REDIS_PASSWORD")
                    .map(|p| format!(":{}@", encode_userinfo(&p)));
                format!(
                    "redis://{}{}:{}/{}",
                    password.unwrap_or_default(),
                    env.string_or("REDIS_HOST", "127.0.0.1"),
                    env.parse_or::<u16>("REDIS_PORT", 6379)?,
                    env.parse_or::<u8>("REDIS_DB", 0)?,
                )
            }
        };
        if redis::Client::open(url.as_str()).is_err() {
            return Err(ConfigError::invalid(
                "REDIS_URL",
                "is not a valid redis:// URL",
            ));
        }
        Ok(RedisConfig {
            url: SecretString::from(url),
            key_prefix: env.string_or("REDIS_KEY_PREFIX", "app:"),
            user_cache_ttl: Duration::from_secs(env.positive_or("USER_CACHE_TTL_SECONDS", 300)?),
        })
    }
}

/// Percent-encodes a password for the user-info part of a URL.
fn encode_userinfo(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn environment(env: &Env) -> Result<Environment, ConfigError> {
    match env
        .string_or("ENVIRONMENT", "development")
        .to_ascii_lowercase()
        .as_str()
    {
        "development" => Ok(Environment::Development),
        "staging" => Ok(Environment::Staging),
        "production" => Ok(Environment::Production),
        _ => Err(ConfigError::invalid(
            "ENVIRONMENT",
            "must be development, staging or production",
        )),
    }
}

/// `SHUTDOWN_DRAIN_SECONDS`. By default long enough, behind a load balancer
/// (staging, production), for it to stop sending to a stopping instance;
/// none in development, where Ctrl-C should stop at once.
fn shutdown_drain(env: &Env, environment: Environment) -> Result<Duration, ConfigError> {
    let default = if environment.is_development() { 0 } else { 5 };
    Ok(Duration::from_secs(
        env.parse_or("SHUTDOWN_DRAIN_SECONDS", default)?,
    ))
}

/// Maps Python-style level names (`WARNING`, as the FastAPI template's `.env`
/// has them) onto tracing's.
fn log_level(env: &Env) -> Result<String, ConfigError> {
    let level = match env
        .string_or("LOG_LEVEL", "INFO")
        .to_ascii_uppercase()
        .as_str()
    {
        "DEBUG" => "debug",
        "INFO" => "info",
        "WARNING" | "WARN" => "warn",
        "ERROR" => "error",
        _ => {
            return Err(ConfigError::invalid(
                "LOG_LEVEL",
                "must be DEBUG, INFO, WARNING or ERROR",
            ));
        }
    };
    Ok(level.to_owned())
}

fn algorithm(env: &Env) -> Result<Algorithm, ConfigError> {
    match env.string_or("ALGORITHM", "HS256").as_str() {
        "HS256" => Ok(Algorithm::HS256),
        "HS384" => Ok(Algorithm::HS384),
        "HS512" => Ok(Algorithm::HS512),
        _ => Err(ConfigError::invalid(
            "ALGORITHM",
            "must be HS256, HS384 or HS512 (SECRET_KEY is a shared secret)",
        )),
    }
}

/// `BACKEND_CORS_ORIGINS` is a comma-separated list (or a JSON
/// list, as the FastAPI template's `.env` has it); the SPA's own origin (`FRONTEND_HOST`) is always allowed.
fn cors_origins(env: &Env, frontend_host: &str) -> Vec<String> {
    let raw = env.string_or("BACKEND_CORS_ORIGINS", "");
    let mut origins: Vec<String> = raw
        .trim_matches(|c| c == '[' || c == ']')
        .split(',')
        .map(|origin| {
            origin
                .trim()
                .trim_matches('"')
                .trim_end_matches('/')
                .to_owned()
        })
        .filter(|origin| !origin.is_empty())
        .collect();
    let frontend = frontend_host.trim_end_matches('/').to_owned();
    if !origins.contains(&frontend) {
        origins.push(frontend);
    }
    origins
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Env {
        Env::from_pairs(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())))
    }

    #[test]
    fn the_redis_url_carries_an_encoded_password() {
        let config = RedisConfig::read(&env(&[
            ("REDIS_PASSWORD", "p@ss:w/rd"),
            ("REDIS_HOST", "redis"),
        ]))
        .unwrap();
        assert_eq!(
            config.url.expose_secret(),
            "redis://:p%40ss%3Aw%2Frd@redis:6379/0"
        );
        assert!(
            !format!("{config:?}").contains("p@ss"),
            "Debug never shows the password"
        );
    }

    #[test]
    fn redis_url_overrides_the_parts_and_must_be_valid() {
        let config = RedisConfig::read(&env(&[
            ("REDIS_URL", "redis://cache:6380/2"),
            ("REDIS_HOST", "x"),
        ]))
        .unwrap();
        assert_eq!(config.url.expose_secret(), "redis://cache:6380/2");
        let err = RedisConfig::read(&env(&[("REDIS_URL", "http://nope")])).unwrap_err();
        assert_eq!(err.variable, "REDIS_URL");
    }

    #[test]
    fn the_shutdown_drain_defaults_by_environment_and_may_be_zero() {
        let drain = |pairs: &[(&str, &str)], environment| shutdown_drain(&env(pairs), environment);
        assert_eq!(
            drain(&[], Environment::Production).unwrap(),
            Duration::from_secs(5)
        );
        assert_eq!(
            drain(&[], Environment::Staging).unwrap(),
            Duration::from_secs(5)
        );
        assert_eq!(
            drain(&[], Environment::Development).unwrap(),
            Duration::ZERO
        );
        let zero = [("SHUTDOWN_DRAIN_SECONDS", "0")];
        assert_eq!(
            drain(&zero, Environment::Production).unwrap(),
            Duration::ZERO
        );
        let bad = [("SHUTDOWN_DRAIN_SECONDS", "-1")];
        let err = drain(&bad, Environment::Production).unwrap_err();
        assert_eq!(err.variable, "SHUTDOWN_DRAIN_SECONDS");
    }
}

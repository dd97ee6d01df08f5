//! Black-box test harness: every test gets the real server on a free port,
//! backed by its own database cloned from a migrated template, and a client
//! with one helper per endpoint.

mod accounts;
mod assertions;
mod client;
mod database;
pub mod documented;
mod emails;
mod items;
pub mod paths;
mod proxy;
mod redis;
mod smtp;
mod worker;

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::Duration;

use app::config::{
    AuthConfig, Config, DatabaseConfig, EmailConfig, Environment, FirstSuperuser, HttpConfig,
    JobsConfig, RateLimitConfig, RedisConfig, TrustedProxies,
};
use app::startup::Application;
use secrecy::SecretString;
use uuid::Uuid;

pub use accounts::{TestUser, tokens};
pub use assertions::{assert_error_envelope, assert_password_is, assert_unauthorized};
pub use client::{Json, TestResponse};
pub use database::{Owner, TestDatabase, every_row, mark_alive, public_tables, sweep};
pub use emails::{
    MAIL_WAIT, Mailroom, RESET_LINK, REVERT_LINK, link_token, path_segment, reset_token, to_header,
    token_in_html,
};
pub use proxy::TcpProxy;
pub use redis::TestRedis;
pub use smtp::{ReceivedEmail, TestSmtp};
pub use worker::{TestWorker, WorkerProcess, metric_value, wait_until};

pub const SUPERUSER_EMAIL: &str = "admin@example.com";
pub const SUPERUSER_PASSWORD: &str = "superuser-password-123";
pub const SECRET_KEY: &str = "test-secret-key-0123456789abcdef0123456789abcdef";

pub struct TestApp {
    pub address: String,
    pub http: reqwest::Client,
    /// Shared with the apps spawned beside this one.
    pub db: Arc<TestDatabase>,
    pub redis: Arc<TestRedis>,
    pub config: Config,
    /// The app's own pool (to hold its connections in tests).
    pub pool: sqlx::PgPool,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl TestApp {
    /// The app in development (the private API is mounted).
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(|_| {}).await
    }

    /// The app with a tweaked configuration.
    pub async fn spawn_with(tweak: impl FnOnce(&mut Config)) -> TestApp {
        let db = TestDatabase::create().await;
        let redis = TestRedis::new();
        let mut config = test_config(db.connect_options());
        config.redis.key_prefix = redis.prefix.clone();
        tweak(&mut config);
        TestApp::launch(Arc::new(db), Arc::new(redis), config).await
    }

    /// A second API process beside this one: the same database and Redis
    /// keys, its own port (and whatever `tweak` changes).
    pub async fn spawn_beside(&self, tweak: impl FnOnce(&mut Config)) -> TestApp {
        let mut config = self.config.clone();
        tweak(&mut config);
        TestApp::launch(self.db.clone(), self.redis.clone(), config).await
    }

    async fn launch(db: Arc<TestDatabase>, redis: Arc<TestRedis>, config: Config) -> TestApp {
        let app = Application::build(config.clone())
            .await
            .expect("the app builds");
        let address = format!("http://{}", app.local_addr());
        let pool = app.state().db.clone();
        let (tx, rx) = tokio::sync::oneshot::channel();
        tokio::spawn(app.run_until(async {
            let _ = rx.await;
        }));
        TestApp {
            address,
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .unwrap(),
            db,
            redis,
            config,
            pool,
            shutdown: Some(tx),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// Stops accepting connections; in-flight requests finish.
    pub fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub fn test_config(database: sqlx::postgres::PgConnectOptions) -> Config {
    Config {
        environment: Environment::Development,
        project_name: "Full Stack Rust".into(),
        log_level: "warn".into(),
        host: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        database: DatabaseConfig {
            connect_options: database,
            max_connections: 5,
            acquire_timeout: Duration::from_secs(5),
        },
        redis: RedisConfig {
            url: SecretString::from(redis::url()),
            key_prefix: "test:".into(),
            user_cache_ttl: Duration::from_secs(300),
        },
        auth: AuthConfig {
            secret_key: SecretString::from(SECRET_KEY),
            algorithm: jsonwebtoken::Algorithm::HS256,
            access_token_ttl: chrono::Duration::minutes(30),
            refresh_token_ttl: chrono::Duration::days(14),
        },
        first_superuser: Some(FirstSuperuser {
            email: SUPERUSER_EMAIL.into(),
            password: SecretString::from(SUPERUSER_PASSWORD),
        }),
        cors_origins: vec!["http://localhost:3000".into()],
        frontend_host: "http://localhost:3000".into(),
        request_timeout: Duration::from_secs(30),
        shutdown_drain: Duration::ZERO,
        max_body_bytes: 64 * 1024,
        http: HttpConfig::default(),
        // High enough that no test but those of rate limits ever meets one.
        rate_limits: RateLimitConfig::uniform(1000, Duration::from_secs(60)),
        trusted_proxies: TrustedProxies::default(),
        email: EmailConfig::default(),
        jobs: JobsConfig::default(),
        api_docs: true,
    }
}

/// A fresh, unique email address.
pub fn unique_email() -> String {
    format!("user-{}@example.com", Uuid::new_v4().simple())
}

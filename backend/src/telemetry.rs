//! Logging: JSON lines in staging and production, readable text in
//! development. The level comes from `LOG_LEVEL` unless `RUST_LOG` is set.

use tracing_subscriber::EnvFilter;

use crate::config::Environment;

pub fn init(environment: Environment, level: &str) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(format!("{level},sqlx=warn,tower_http=warn")));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .with_writer(std::io::stdout);
    let result = if environment.is_development() {
        builder.try_init()
    } else {
        builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .try_init()
    };
    // Already initialised (several apps in one test process): keep the first.
    drop(result);
}

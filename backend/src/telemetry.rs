//! Logging: JSON lines in staging and production, readable text in
//! development. The level comes from `LOG_LEVEL` unless `RUST_LOG` is set.
//! A second layer, with its own filter, turns sqlx's pool events into the
//! pool wait-time histogram (see `db::pool_wait`).

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, Registry, fmt};

use crate::config::Environment;
use crate::db::pool_wait;

pub fn init(environment: Environment, level: &str) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(format!("{level},sqlx=warn,tower_http=warn")));
    let output = fmt::layer()
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .with_writer(std::io::stdout);
    let output: Box<dyn Layer<Registry> + Send + Sync> = if environment.is_development() {
        output.boxed()
    } else {
        output
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .boxed()
    };
    let result = tracing_subscriber::registry()
        .with(output.with_filter(filter))
        .with(pool_wait::layer())
        .try_init();
    // Already initialised (several apps in one test process): keep the first.
    drop(result);
}

//! The pool's wait time, from sqlx itself: with `acquire_time_level` set,
//! sqlx reports every connection it hands out as a tracing event carrying
//! `acquired_after_secs`. This layer turns those events into the
//! `db_pool_acquire_wait_seconds` histogram, so every query's wait is
//! measured without wrapping each call site.

use metrics::histogram;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::Layer;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::Context;
use tracing_subscriber::registry::LookupSpan;

use crate::metrics::DB_POOL_ACQUIRE_WAIT;

/// sqlx's target for acquire events.
const TARGET: &str = "sqlx::pool::acquire";
/// The level sqlx is told to report acquires at (see `db::pool`). Trace, so
/// the log output (filtered separately, `sqlx=warn` by default) stays quiet.
pub const ACQUIRE_EVENT_LEVEL: log::LevelFilter = log::LevelFilter::Trace;

/// The layer, filtered to sqlx's acquire events only.
pub fn layer<S>() -> impl Layer<S>
where
    S: Subscriber + for<'span> LookupSpan<'span>,
{
    PoolWait.with_filter(Targets::new().with_target(TARGET, Level::TRACE))
}

struct PoolWait;

impl<S: Subscriber> Layer<S> for PoolWait {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let mut wait = AcquiredAfter(None);
        event.record(&mut wait);
        if let Some(seconds) = wait.0 {
            histogram!(DB_POOL_ACQUIRE_WAIT).record(seconds);
        }
    }
}

struct AcquiredAfter(Option<f64>);

impl Visit for AcquiredAfter {
    fn record_f64(&mut self, field: &Field, value: f64) {
        if field.name() == "acquired_after_secs" {
            self.0 = Some(value);
        }
    }

    fn record_debug(&mut self, _field: &Field, _value: &dyn std::fmt::Debug) {}
}

#[cfg(test)]
mod tests {
    use tracing_subscriber::layer::SubscriberExt;

    use super::*;

    fn acquire_count(metrics: &str) -> u64 {
        metrics
            .lines()
            .find_map(|line| line.strip_prefix("db_pool_acquire_wait_seconds_count "))
            .map_or(0, |value| value.parse().expect("a count"))
    }

    #[test]
    fn sqlx_acquire_events_are_recorded_as_the_wait_histogram() {
        let handle = crate::metrics::handle();
        let before = acquire_count(&handle.render());
        let subscriber = tracing_subscriber::registry().with(layer());
        tracing::subscriber::with_default(subscriber, || {
            tracing::trace!(target: "sqlx::pool::acquire", acquired_after_secs = 0.002, "acquired connection");
            // Other targets and fields are not pool waits.
            tracing::trace!(target: "sqlx::query", acquired_after_secs = 9.0, "unrelated");
        });
        assert_eq!(acquire_count(&handle.render()), before + 1);
    }
}

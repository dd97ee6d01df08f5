//! Whether PostgreSQL is reachable, so an outage fails fast and says why.
//!
//! sqlx's pool retries a refused connection with backoff until the acquire
//! timeout and then reports only `PoolTimedOut`: with PostgreSQL down, every
//! request would hang for the whole timeout and the log would not say why.
//! We cannot shorten that timeout for outages only (it is one pool option,
//! and a pool exhausted by load must still queue for it), so the API decides
//! for itself, with one probe: a fresh connection opened beside the pool.
//!
//! - A request slower than [`SUSPECT_AFTER`] while the pool has no idle
//!   connection, a failed readiness check, or a request that met a pool
//!   timeout or a broken connection asks for a probe. A busy pool passes the
//!   probe (PostgreSQL accepts it), so its requests keep waiting.
//! - A failed probe marks the database down with its error. While down,
//!   requests that need the database answer 503 at once, with that error as
//!   their logged cause, and requests already waiting are answered too.
//! - While down, at most one probe per [`PROBE_INTERVAL`] runs; the first
//!   that connects marks the database up again, so the API recovers alone.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};
use tokio::sync::watch;

/// How long a probe may take to connect (PostgreSQL answers in milliseconds).
const PROBE_TIMEOUT: Duration = Duration::from_millis(500);
/// The least time between two probes.
pub const PROBE_INTERVAL: Duration = Duration::from_millis(500);
/// A request waiting this long on a pool with no idle connection is a hint.
pub const SUSPECT_AFTER: Duration = Duration::from_millis(500);

/// Why the database is considered down, and since when.
#[derive(Clone, Debug)]
pub struct Outage {
    pub since: Instant,
    /// The probe's connect error, e.g. "connection refused".
    pub cause: Arc<str>,
}

/// Put in a response's extensions by an error that hints at an outage (a
/// pool timeout, a broken connection): the middleware then asks for a probe.
#[derive(Clone, Copy, Debug)]
pub struct Suspect;

/// Cheap to clone: one shared state per pool.
#[derive(Clone)]
pub struct DbHealth(Arc<Inner>);

struct Inner {
    options: PgConnectOptions,
    outage: watch::Sender<Option<Outage>>,
    /// When the last probe started; `None` before the first.
    last_probe: Mutex<Option<Instant>>,
}

impl DbHealth {
    pub fn new(options: PgConnectOptions) -> DbHealth {
        DbHealth(Arc::new(Inner {
            options,
            outage: watch::Sender::new(None),
            last_probe: Mutex::new(None),
        }))
    }

    /// The current outage, if any. While down this also starts a probe when
    /// one is due, so traffic (or readiness checks) drive the recovery.
    pub fn outage(&self) -> Option<Outage> {
        let outage = self.0.outage.borrow().clone();
        if outage.is_some() {
            self.probe_soon();
        }
        outage
    }

    /// Resolves when the database is marked down.
    pub async fn went_down(&self) -> Outage {
        let mut rx = self.0.outage.subscribe();
        loop {
            if let Some(outage) = rx.borrow_and_update().clone() {
                return outage;
            }
            if rx.changed().await.is_err() {
                // The sender lives in `self`, so this cannot happen.
                std::future::pending::<()>().await;
            }
        }
    }

    /// Starts a probe in the background, unless one ran within the interval.
    pub fn probe_soon(&self) {
        if self.claim_probe() {
            let health = self.clone();
            tokio::spawn(async move { health.probe().await });
        }
    }

    /// Takes the probe slot if the last probe is older than the interval.
    fn claim_probe(&self) -> bool {
        let mut last = self.0.last_probe.lock().expect("not poisoned");
        let now = Instant::now();
        if last.is_some_and(|at| now.duration_since(at) < PROBE_INTERVAL) {
            return false;
        }
        *last = Some(now);
        true
    }

    /// Opens (and closes) one connection and records the outcome.
    async fn probe(&self) {
        let connect = self.0.options.connect();
        let result = match tokio::time::timeout(PROBE_TIMEOUT, connect).await {
            Ok(Ok(conn)) => {
                let _ = conn.close().await;
                Ok(())
            }
            Ok(Err(error)) => Err(error.to_string()),
            Err(_) => Err(format!("no connection within {PROBE_TIMEOUT:?}")),
        };
        self.0.outage.send_if_modified(|outage| match result {
            Ok(()) if outage.is_none() => false,
            Ok(()) => {
                tracing::warn!("database reachable again");
                *outage = None;
                true
            }
            Err(cause) => {
                let first = outage.is_none();
                if first {
                    tracing::error!(error = %cause, "database unreachable");
                }
                let since = outage.as_ref().map_or_else(Instant::now, |o| o.since);
                *outage = Some(Outage {
                    since,
                    cause: cause.into(),
                });
                first
            }
        });
    }
}

//! The middleware that makes a database outage fail fast (see `health`).

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sqlx::PgPool;

use super::health::{DbHealth, Outage, PROBE_INTERVAL, SUSPECT_AFTER, Suspect};
use crate::error::AppError;
use crate::state::AppState;

/// While the database is down, API requests answer 503 at once; a request
/// in flight when it goes down is answered then, instead of waiting out the
/// pool's acquire timeout. Health, metrics and docs never need it.
pub async fn fail_fast(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !needs_database(req.uri().path()) {
        return next.run(req).await;
    }
    let health = &state.db_health;
    if let Some(outage) = health.outage() {
        return AppError::database_unavailable(&outage).into_response();
    }
    let response = tokio::select! {
        response = next.run(req) => response,
        outage = outage_during(health, &state.db) => {
            return AppError::database_unavailable(&outage).into_response();
        }
    };
    if response.extensions().get::<Suspect>().is_some() {
        health.probe_soon();
    }
    response
}

/// The API, except `/utils/health-check` (liveness: `true`, no database).
fn needs_database(path: &str) -> bool {
    path.starts_with("/api/") && !path.starts_with("/api/v1/utils/health-check")
}

/// Resolves when the database is marked down. A slow request on a pool with
/// no idle connection may be waiting for a connection that cannot open, so
/// it asks for a probe (rate-limited, shared by all requests).
async fn outage_during(health: &DbHealth, pool: &PgPool) -> Outage {
    let watchdog = async {
        tokio::time::sleep(SUSPECT_AFTER).await;
        loop {
            if pool.num_idle() == 0 {
                health.probe_soon();
            }
            tokio::time::sleep(PROBE_INTERVAL).await;
        }
    };
    tokio::select! {
        outage = health.went_down() => outage,
        () = watchdog => unreachable!("the watchdog never ends"),
    }
}

#[cfg(test)]
mod tests {
    use super::needs_database;

    #[test]
    fn only_the_api_needs_the_database() {
        assert!(needs_database("/api/v1/items"));
        assert!(!needs_database("/api/v1/utils/health-check"));
        assert!(!needs_database("/health/ready"));
        assert!(!needs_database("/metrics"));
    }
}

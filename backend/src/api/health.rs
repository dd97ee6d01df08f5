//! `/health` (liveness: the process answers) and `/health/ready`
//! (readiness: its dependencies answer).

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

/// Short, so readiness answers within a second even when a dependency hangs.
const CHECK_TIMEOUT: Duration = Duration::from_millis(500);

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok` or `unavailable`.
    status: &'static str,
}

#[derive(Serialize, ToSchema)]
pub struct Readiness {
    /// `ok`, or `unavailable` when any dependency fails.
    status: &'static str,
    /// Each dependency and whether it answered (`ok` / `unavailable`).
    checks: Checks,
}

#[derive(Serialize, ToSchema)]
pub struct Checks {
    database: &'static str,
    redis: &'static str,
}

#[utoipa::path(get, path = "/health", tag = "health", responses((status = 200, body = Health)))]
pub async fn live() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// Ready when PostgreSQL and Redis both answer. (Without Redis requests
/// still work, but slower and with rate limits counted per process: not a
/// healthy state.)
#[utoipa::path(
    get, path = "/health/ready", tag = "health",
    responses((status = 200, body = Readiness), (status = 503, description = "A dependency is down", body = Readiness)),
)]
pub async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Readiness>) {
    let (database, redis) = tokio::join!(database_answers(&state), redis_answers(&state));
    let word = |ok: bool| if ok { "ok" } else { "unavailable" };
    let healthy = database && redis;
    if !healthy {
        tracing::warn!(
            database = word(database),
            redis = word(redis),
            "readiness check failed"
        );
    }
    let status = if healthy {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = Readiness {
        status: word(healthy),
        checks: Checks {
            database: word(database),
            redis: word(redis),
        },
    };
    (status, Json(body))
}

/// Unavailable at once while an outage is known (see `db::health`);
/// otherwise one query, and a failed one asks for a probe, so readiness
/// checks also detect an outage (and, while down, drive the recovery).
async fn database_answers(state: &AppState) -> bool {
    if state.db_health.outage().is_some() {
        return false;
    }
    let ping = sqlx::query!("SELECT 1 AS one").fetch_one(&state.db);
    let answered = matches!(tokio::time::timeout(CHECK_TIMEOUT, ping).await, Ok(Ok(_)));
    if !answered {
        state.db_health.probe_soon();
    }
    answered
}

/// Redis's own ping allows longer; readiness must answer within a second.
async fn redis_answers(state: &AppState) -> bool {
    tokio::time::timeout(CHECK_TIMEOUT, state.redis.ping())
        .await
        .unwrap_or(false)
}

use axum::Json;

/// Liveness check of the seed API: always `true`.
#[utoipa::path(get, path = "/utils/health-check", tag = "utils", responses((status = 200, body = bool)))]
pub async fn health_check() -> Json<bool> {
    Json(true)
}

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::state::AppState;

/// Answers 503 when a request takes longer than `REQUEST_TIMEOUT_SECONDS`.
pub async fn timeout(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(state.config.request_timeout, next.run(req)).await {
        Ok(response) => response,
        Err(_) => AppError::service_unavailable("The request took too long and was cancelled")
            .into_response(),
    }
}

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::changes_nothing;
use crate::error::AppError;
use crate::state::AppState;

/// Answers 503 when a request takes longer than `REQUEST_TIMEOUT_SECONDS`.
/// A reading request is cancelled; one that changes state goes on to
/// completion (see `run_to_completion`), so the answer says it may apply.
pub async fn timeout(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let reads_only = changes_nothing(req.method());
    match tokio::time::timeout(state.config.request_timeout, next.run(req)).await {
        Ok(response) => response,
        Err(_) if reads_only => {
            AppError::service_unavailable("The request took too long and was cancelled")
                .into_response()
        }
        Err(_) => AppError::service_unavailable(
            "The request took too long to answer; its change may still be applied",
        )
        .into_response(),
    }
}

//! Requests that change state run to completion, whatever the client does.
//!
//! The server drops a request's future when its client disconnects, and
//! the timeout drops it when it takes too long. Dropped between two awaits,
//! a handler leaves half its effects: a user created and its cache entry
//! not refreshed, a change committed and its job not relayed. So every
//! request that may change state runs in a task of its own, which nothing
//! but its own end stops; the client waits for that task, or goes away.
//! Safe methods (GET, HEAD, OPTIONS) change nothing and are simply dropped.

use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tracing::Instrument;

use crate::error::AppError;

pub async fn run_to_completion(req: Request, next: Next) -> Response {
    if changes_nothing(req.method()) {
        return next.run(req).await;
    }
    let work = next.run(req).instrument(tracing::Span::current());
    match tokio::spawn(work).await {
        Ok(response) => response,
        // The handler panicked; its task is gone, and so is its transaction.
        Err(err) => AppError::internal(err).into_response(),
    }
}

pub fn changes_nothing(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

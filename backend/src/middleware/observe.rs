//! One log line and the HTTP metrics for every request, labelled by the
//! route template (`/api/v1/items/{id}`), never the raw path.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use metrics::{counter, gauge, histogram};
use tracing::Instrument;

use super::RequestId;
use crate::metrics::{HTTP_REQUEST_DURATION, HTTP_REQUESTS_IN_FLIGHT, HTTP_REQUESTS_TOTAL};

pub async fn observe(req: Request, next: Next) -> Response {
    let method = req.method().to_string();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let request_id = req
        .extensions()
        .get::<RequestId>()
        .map(|id| id.0.clone())
        .unwrap_or_default();
    let span = tracing::info_span!(
        "request",
        method = %method,
        route = %route,
        request_id = %request_id,
        user_id = tracing::field::Empty,
    );

    let _in_flight = InFlight::start();
    let started = Instant::now();
    let response = next.run(req).instrument(span.clone()).await;
    let elapsed = started.elapsed();

    let status = response.status().as_u16();
    let labels = [
        ("method", method),
        ("path", route),
        ("status", status.to_string()),
    ];
    counter!(HTTP_REQUESTS_TOTAL, &labels).increment(1);
    histogram!(HTTP_REQUEST_DURATION, &labels).record(elapsed.as_secs_f64());
    span.in_scope(|| {
        tracing::info!(
            status,
            latency_ms = elapsed.as_secs_f64() * 1000.0,
            "request finished"
        );
    });
    response
}

/// Counts the request in flight until dropped, even if the client goes away.
struct InFlight;

impl InFlight {
    fn start() -> InFlight {
        gauge!(HTTP_REQUESTS_IN_FLIGHT).increment(1.0);
        InFlight
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        gauge!(HTTP_REQUESTS_IN_FLIGHT).decrement(1.0);
    }
}

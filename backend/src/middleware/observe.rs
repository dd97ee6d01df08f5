//! One log line and the HTTP metrics for every request, labelled by the
//! route template (`/api/v1/items/{id}`), never the raw path.

use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use metrics::{Counter, Gauge, Histogram, counter, gauge, histogram};
use tracing::Instrument;

use super::RequestId;
use crate::metrics::{HTTP_REQUEST_DURATION, HTTP_REQUESTS_IN_FLIGHT, HTTP_REQUESTS_TOTAL};

pub async fn observe(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    // A MatchedPath shares its text: cloning it copies no string.
    let matched = req.extensions().get::<MatchedPath>().cloned();
    let route = matched.as_ref().map_or("unmatched", MatchedPath::as_str);
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
    let (requests, duration) = request_metrics(&method, route, status);
    requests.increment(1);
    duration.record(elapsed.as_secs_f64());
    span.in_scope(|| {
        tracing::info!(
            status,
            latency_ms = elapsed.as_secs_f64() * 1000.0,
            "request finished"
        );
    });
    response
}

/// The request counter and the duration histogram of one method, route and
/// status.
type RequestMetrics = (Counter, Histogram);
/// By route template, for one method and status.
type RouteMetrics = HashMap<Box<str>, RequestMetrics>;

/// Each combination's metrics, registered once: building a key of three
/// labels and finding it in the registry on every request showed in the
/// API's profile under load. Routes are templates, so the map stays small.
static REQUEST_METRICS: LazyLock<RwLock<HashMap<(Method, u16), RouteMetrics>>> =
    LazyLock::new(|| {
        // Handles made before the recorder exists would count nothing.
        crate::metrics::handle();
        RwLock::default()
    });

fn request_metrics(method: &Method, route: &str, status: u16) -> RequestMetrics {
    let key = (method.clone(), status);
    if let Some(found) = REQUEST_METRICS
        .read()
        .expect("no panic while holding the lock")
        .get(&key)
        .and_then(|routes| routes.get(route))
    {
        return found.clone();
    }
    let labels = [
        ("method", method.to_string()),
        ("path", route.to_owned()),
        ("status", status.to_string()),
    ];
    let made = (
        counter!(HTTP_REQUESTS_TOTAL, &labels),
        histogram!(HTTP_REQUEST_DURATION, &labels),
    );
    REQUEST_METRICS
        .write()
        .expect("no panic while holding the lock")
        .entry(key)
        .or_default()
        .entry(route.into())
        .or_insert(made)
        .clone()
}

/// Counts the request in flight until dropped, even if the client goes away.
struct InFlight;

static IN_FLIGHT: LazyLock<Gauge> = LazyLock::new(|| {
    crate::metrics::handle();
    gauge!(HTTP_REQUESTS_IN_FLIGHT)
});

impl InFlight {
    fn start() -> InFlight {
        IN_FLIGHT.increment(1.0);
        InFlight
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        IN_FLIGHT.decrement(1.0);
    }
}

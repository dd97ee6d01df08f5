//! Graceful shutdown behind a load balancer: no client request fails while
//! an instance stops.
//!
//! Closing a kept-alive connection races with the proxy sending a request on
//! it (nginx may pick an idle upstream connection before it has noticed our
//! FIN), and nginx does not retry a POST that it may have sent: the client
//! gets a 502. Stopping at once also leaves the proxy no time to take the
//! instance out of rotation. So on SIGTERM the API:
//!
//! 1. drains for `SHUTDOWN_DRAIN_SECONDS`: it keeps accepting and serving,
//!    `/health/ready` answers 503 (orchestrators stop routing to it), and
//!    every HTTP/1 response carries `Connection: close`, so the proxy closes
//!    each connection itself after its answer; by the end of the drain
//!    under traffic it holds none to this instance;
//! 2. stops accepting: it takes the connections already queued, then closes
//!    the listening socket. From then on connecting is refused, which nginx
//!    retries on another instance for every method: nothing was sent;
//! 3. waits (up to a second) for clients to close the connections still
//!    open, once their requests are answered (those taken from the queue
//!    included); then it closes the idle ones and lets requests in flight
//!    finish.
//!
//! With a drain of 0 (the default in development) it stops accepting at
//! once.

mod listener;
mod tracked;

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, Version, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub use listener::{DrainingListener, ListenerControl};
pub use tracked::Tracked;

/// After the listener is closed, how long clients get to close the
/// connections they still hold (see step 3 above).
const CLOSE_GRACE: Duration = Duration::from_secs(1);

/// Whether the server is draining (shared with the middleware).
#[derive(Clone, Default)]
pub struct Drain(Arc<AtomicBool>);

impl Drain {
    pub fn is_draining(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    fn begin(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// While draining: readiness fails, and each HTTP/1 connection closes after
/// its response (HTTP/2 clients get a GOAWAY when the server stops).
pub async fn close_connections_when_draining(
    State(drain): State<Drain>,
    request: Request,
    next: Next,
) -> Response {
    let http1 = request.version() <= Version::HTTP_11;
    let mut response = if drain.is_draining() && request.uri().path() == "/health/ready" {
        not_ready()
    } else {
        next.run(request).await
    };
    // Checked after the handler: a request already in flight when the drain
    // began closes its connection too.
    if drain.is_draining() && http1 {
        let close = HeaderValue::from_static("close");
        response.headers_mut().insert(header::CONNECTION, close);
    }
    response
}

fn not_ready() -> Response {
    let body = r#"{"status":"unavailable","detail":"shutting down"}"#;
    let json = [(header::CONTENT_TYPE, "application/json")];
    (StatusCode::SERVICE_UNAVAILABLE, json, body).into_response()
}

/// Waits for `shutdown`, then drains and stops accepting (steps 1 to 3);
/// returns when the server may close the remaining connections.
pub async fn drain_then_stop(
    shutdown: impl Future<Output = ()>,
    drain: Drain,
    period: Duration,
    listener: ListenerControl,
) {
    shutdown.await;
    drain.begin();
    tracing::info!(
        drain_seconds = period.as_secs_f64(),
        "draining: readiness answers 503 and connections close after their response"
    );
    if !period.is_zero() {
        tokio::time::sleep(period).await;
    }
    listener.stop_accepting().await;
    let _ = tokio::time::timeout(CLOSE_GRACE, listener.all_closed()).await;
    tracing::info!(
        open_connections = listener.open(),
        "stopped accepting; closing idle connections, finishing requests in flight"
    );
}

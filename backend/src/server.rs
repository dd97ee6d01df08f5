//! Serving HTTP/1.1 on the [`DrainingListener`], with what `axum::serve`
//! lacks: a deadline for each request head, one for idle kept-alive
//! connections, and (in the listener) a cap on open connections. Without
//! them a client that connects and sends nothing, or a head one byte at a
//! time, holds a connection, and a file descriptor, for as long as it likes.
//!
//! Each connection's deadline follows what it is doing ([`activity`]):
//!
//! - waiting for a request head, from the connection's start or the head's
//!   first byte: `HTTP_HEADER_READ_TIMEOUT_SECONDS`;
//! - answering requests: none here (`REQUEST_TIMEOUT_SECONDS` bounds the
//!   handlers, reading the body included);
//! - kept alive with nothing to do, from the end of the last answer:
//!   `HTTP_IDLE_TIMEOUT_SECONDS`, longer than the proxy's upstream keepalive
//!   so that the proxy closes idle connections first (see `shutdown`).
//!
//! When it passes, the connection is closed without an answer. hyper's own
//! `header_read_timeout` is not used: it also runs while a kept-alive
//! connection idles, so it would close idle connections as early as slow
//! heads.
//!
//! On shutdown the loop stops accepting, every connection finishes the
//! request it is answering and closes (idle ones at once), and `serve`
//! returns when all are closed: the same steps as `axum::serve`'s graceful
//! shutdown, which the drain in `shutdown` relies on.

mod activity;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::pin;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::response::Response;
use axum::serve::Listener;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use metrics::counter;
use tokio::sync::watch;
use tower::{Service, ServiceExt};

use crate::config::HttpConfig;
use crate::metrics::HTTP_CONNECTIONS_CLOSED_TOTAL;
use crate::shutdown::{DrainingListener, Tracked};
use activity::{Activity, Watched};

/// Serves `app` on `listener` until `signal` completes, then lets the
/// requests in flight finish and returns once every connection is closed.
pub async fn serve<S>(
    mut listener: DrainingListener,
    app: S,
    http: &HttpConfig,
    signal: impl Future<Output = ()> + Send + 'static,
) where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send,
{
    // Dropped when `signal` completes: every connection then shuts down.
    let (signal_tx, signal_rx) = watch::channel(());
    tokio::spawn(async move {
        signal.await;
        drop(signal_rx);
    });
    // Each connection holds a receiver: all are closed once none is left.
    let (close_tx, close_rx) = watch::channel(());
    loop {
        let (stream, peer) = tokio::select! {
            accepted = Listener::accept(&mut listener) => accepted,
            () = signal_tx.closed() => break,
        };
        let connection = Connection {
            stream,
            peer,
            app: app.clone(),
            http: http.clone(),
            shutdown: signal_tx.clone(),
            open: close_rx.clone(),
        };
        tokio::spawn(connection.serve());
    }
    drop(close_rx);
    drop(listener);
    close_tx.closed().await;
}

struct Connection<S> {
    stream: Tracked,
    peer: SocketAddr,
    app: S,
    http: HttpConfig,
    /// Closed when the server shuts down.
    shutdown: watch::Sender<()>,
    /// Dropped when the connection is closed.
    open: watch::Receiver<()>,
}

impl<S> Connection<S>
where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send,
{
    async fn serve(self) {
        let Connection {
            stream,
            peer,
            app,
            http,
            shutdown,
            open,
        } = self;
        let activity = Activity::new(http.header_read_timeout, http.idle_timeout);
        let io = TokioIo::new(Watched::new(stream, activity.clone()));
        let requests = activity.clone();
        let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            let mut request = request.map(Body::new);
            // What `into_make_service_with_connect_info` would add: the peer
            // (`rate_limit::ClientIp` reads it).
            request.extensions_mut().insert(ConnectInfo(peer));
            let answering = requests.begin_request();
            let app = app.clone();
            async move {
                let response = app.oneshot(request).await?;
                // The request counts as answered once its body is sent.
                Ok::<_, Infallible>(response.map(|body| answering.attach(body)))
            }
        });
        let mut builder = http1::Builder::new();
        builder.header_read_timeout(None);
        let mut connection = pin!(builder.serve_connection(io, service));
        let mut expired = pin!(activity.expired());
        let mut shutting_down = pin!(shutdown.closed());
        let mut told_to_close = false;
        loop {
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(error) = result {
                        tracing::debug!(%error, %peer, "connection ended with an error");
                    }
                    break;
                }
                () = &mut shutting_down, if !told_to_close => {
                    told_to_close = true;
                    connection.as_mut().graceful_shutdown();
                }
                reason = &mut expired => {
                    tracing::debug!(%peer, reason, "closing a connection");
                    counter!(HTTP_CONNECTIONS_CLOSED_TOTAL, "reason" => reason).increment(1);
                    break;
                }
            }
        }
        drop(open);
    }
}

/// Raises the soft limit on open files to what `max_connections` plus
/// `reserve` (the pools, the listener, ...) need, within the hard limit, and
/// warns when that is not enough: past the limit `accept` fails before the
/// connection cap is reached.
#[cfg(unix)]
pub fn ensure_file_limit(max_connections: usize, reserve: usize) {
    let wanted = (max_connections + reserve) as libc::rlim_t;
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes the struct it is given.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        return;
    }
    if limit.rlim_cur >= wanted {
        return;
    }
    let raised = libc::rlimit {
        rlim_cur: wanted.min(limit.rlim_max),
        rlim_max: limit.rlim_max,
    };
    // SAFETY: setrlimit only reads the struct; the soft limit is raised
    // within the hard one, which is allowed and changes nothing else.
    if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
        limit.rlim_cur = raised.rlim_cur;
    }
    if limit.rlim_cur < wanted {
        tracing::warn!(
            open_files_limit = limit.rlim_cur,
            max_connections,
            "the open-file limit is below MAX_CONNECTIONS plus the pools: connections will fail \
             before the cap applies; raise the limit (ulimit -n, the container's nofile) or lower \
             MAX_CONNECTIONS"
        );
    }
}

#[cfg(not(unix))]
pub fn ensure_file_limit(_max_connections: usize, _reserve: usize) {}

//! Building and running the API server.

use std::future::Future;
use std::net::SocketAddr;

use anyhow::Context;
use axum::middleware::from_fn_with_state;
use tokio::net::TcpListener;
use tower::Layer;
use tower::util::MapRequestLayer;

use crate::config::Config;
use crate::middleware::strip_trailing_slash;
use crate::shutdown::{self, Drain, DrainingListener};
use crate::state::AppState;
use crate::{db, routes, server, superuser};

pub struct Application {
    listener: TcpListener,
    state: AppState,
}

impl Application {
    /// Binds the port and prepares the state; creates the first superuser
    /// when one is configured.
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        crate::metrics::handle();
        let address = SocketAddr::new(config.host, config.port);
        let pool = db::pool(&config.database);
        let state = AppState::new(config, pool)?;
        if let Some(first) = &state.config.first_superuser {
            let outcome = superuser::ensure(&state.db, &state.passwords, first)
                .await
                .context("creating the first superuser")?;
            tracing::info!(?outcome, email = %first.email, "first superuser checked");
        }
        // The pools and a margin for the rest (listener, logs, Redis, ...).
        let reserve = state.config.database.max_connections as usize + 64;
        server::ensure_file_limit(state.config.http.max_connections, reserve);
        let listener = TcpListener::bind(address)
            .await
            .with_context(|| format!("binding {address}"))?;
        Ok(Application { listener, state })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, then drains, stops accepting and
    /// lets in-flight requests finish (see `shutdown`).
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let drain = Drain::default();
        let period = self.state.config.shutdown_drain;
        let resolver = self.state.config.trusted_proxies.keep_resolved().await;
        let http = self.state.config.http.clone();
        let router = routes::router(self.state).layer(from_fn_with_state(
            drain.clone(),
            shutdown::close_connections_when_draining,
        ));
        let app = MapRequestLayer::new(strip_trailing_slash).layer(router);
        let (listener, control) = DrainingListener::new(self.listener, http.max_connections)?;
        let stop = shutdown::drain_then_stop(shutdown, drain, period, control);
        server::serve(listener, app, &http, stop).await;
        if let Some(resolver) = resolver {
            resolver.abort();
        }
        Ok(())
    }
}

/// Completes on SIGTERM (container stop) or SIGINT (Ctrl-C).
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested; finishing in-flight work");
}

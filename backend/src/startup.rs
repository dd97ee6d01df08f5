//! Building and running the API server.

use std::future::Future;
use std::net::SocketAddr;

use anyhow::Context;
use axum::ServiceExt;
use axum::extract::Request;
use tokio::net::TcpListener;
use tower::Layer;
use tower::util::MapRequestLayer;

use crate::config::Config;
use crate::middleware::strip_trailing_slash;
use crate::state::AppState;
use crate::{db, routes, superuser};

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

    /// Serves until `shutdown` completes, then lets in-flight requests finish.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let app = MapRequestLayer::new(strip_trailing_slash).layer(routes::router(self.state));
        let service = ServiceExt::<Request>::into_make_service_with_connect_info::<SocketAddr>(app);
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown)
            .await
            .context("serving HTTP")
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

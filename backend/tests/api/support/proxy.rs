//! A TCP proxy in front of a shared server (PostgreSQL, Redis), for
//! outages: `stop` closes the listener and drops every connection
//! (connections are then refused, as with a stopped server); `resume`
//! listens on the same port again. The shared servers themselves cannot be
//! stopped.

use std::net::SocketAddr;

use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

pub struct TcpProxy {
    pub port: u16,
    upstream: SocketAddr,
    serving: Option<JoinHandle<()>>,
}

impl TcpProxy {
    /// A proxy to the test PostgreSQL server.
    pub async fn to_postgres() -> TcpProxy {
        let options = crate::support::TestDatabase::admin_options();
        let upstream = tokio::net::lookup_host((options.get_host(), options.get_port()))
            .await
            .expect("the test database host resolves")
            .next()
            .expect("an address");
        TcpProxy::start(upstream).await
    }

    /// A proxy to the test Redis server; `redis_url` reaches Redis through it.
    pub async fn to_redis() -> TcpProxy {
        // `redis://[:password@]host[:port][/db]`
        let url = super::redis::url();
        let authority = url
            .trim_start_matches("redis://")
            .split('/')
            .next()
            .unwrap();
        let address = authority.rsplit('@').next().unwrap();
        let (host, port) = address.rsplit_once(':').unwrap_or((address, "6379"));
        let port: u16 = port.parse().expect("a Redis port");
        let upstream = tokio::net::lookup_host((host, port))
            .await
            .expect("the test Redis host resolves")
            .next()
            .expect("an address");
        TcpProxy::start(upstream).await
    }

    async fn start(upstream: SocketAddr) -> TcpProxy {
        let mut proxy = TcpProxy {
            port: 0,
            upstream,
            serving: None,
        };
        proxy.resume().await;
        proxy
    }

    /// The Redis URL through this proxy (database 0).
    pub fn redis_url(&self) -> String {
        format!("redis://127.0.0.1:{}/0", self.port)
    }

    pub fn stop(&mut self) {
        if let Some(serving) = self.serving.take() {
            serving.abort();
        }
    }

    pub async fn resume(&mut self) {
        let socket = TcpSocket::new_v4().unwrap();
        socket.set_reuseaddr(true).unwrap();
        socket
            .bind(SocketAddr::from(([127, 0, 0, 1], self.port)))
            .unwrap();
        let listener = socket.listen(128).unwrap();
        self.port = listener.local_addr().unwrap().port();
        self.serving = Some(tokio::spawn(serve(listener, self.upstream)));
    }
}

impl Drop for TcpProxy {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Aborting this task drops the listener and, with the `JoinSet`, every
/// forwarding task and its sockets.
async fn serve(listener: TcpListener, upstream: SocketAddr) {
    let mut connections = JoinSet::new();
    while let Ok((mut inbound, _)) = listener.accept().await {
        connections.spawn(async move {
            if let Ok(mut outbound) = TcpStream::connect(upstream).await {
                let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
            }
        });
    }
}

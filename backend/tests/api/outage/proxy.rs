//! A TCP proxy in front of the test PostgreSQL: `stop` closes the listener
//! and drops every connection (connections are then refused, as with a
//! stopped server); `resume` listens on the same port again.

use std::net::SocketAddr;

use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

pub struct PgProxy {
    pub port: u16,
    upstream: SocketAddr,
    serving: Option<JoinHandle<()>>,
}

impl PgProxy {
    pub async fn start() -> PgProxy {
        let options = crate::support::TestDatabase::admin_options();
        let upstream = tokio::net::lookup_host((options.get_host(), options.get_port()))
            .await
            .expect("the test database host resolves")
            .next()
            .expect("an address");
        let mut proxy = PgProxy {
            port: 0,
            upstream,
            serving: None,
        };
        proxy.resume().await;
        proxy
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

impl Drop for PgProxy {
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

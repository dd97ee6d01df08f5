//! A listener that can stop accepting without resetting connections that
//! already finished their handshake, counts the connections it accepted
//! that are still open, and closes new ones while `MAX_CONNECTIONS` are.

use std::io;
use std::net::SocketAddr;

use axum::serve::Listener;
use metrics::counter;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use super::Tracked;
use crate::metrics::HTTP_CONNECTIONS_CLOSED_TOTAL;

pub struct DrainingListener {
    socket: Socket,
    local_addr: SocketAddr,
    stop: watch::Receiver<bool>,
    closed: watch::Sender<bool>,
    open: watch::Sender<usize>,
    max_open: usize,
}

enum Socket {
    Accepting(TcpListener),
    /// Stopping: taking the connections the kernel has queued, with plain
    /// non-blocking `accept` calls. (Tokio's accept would answer "nothing
    /// queued" until its reactor has seen the socket's readiness, and a
    /// connection queued meanwhile would be reset by the close.)
    Emptying(std::net::TcpListener),
    /// Connecting is refused.
    Closed,
}

/// The serving side's handle on a [`DrainingListener`].
pub struct ListenerControl {
    stop: watch::Sender<bool>,
    closed: watch::Receiver<bool>,
    open: watch::Sender<usize>,
}

impl DrainingListener {
    /// Accepts on `listener`; while `max_open` accepted connections are
    /// open, a new one is closed as soon as it is accepted (the client sees
    /// its connection closed or reset, and may retry, or go elsewhere).
    /// Closing beats leaving it in the kernel's queue, where it would wait
    /// unanswered, count against the queue and still cost the client its
    /// timeout.
    pub fn new(
        listener: TcpListener,
        max_open: usize,
    ) -> io::Result<(DrainingListener, ListenerControl)> {
        let (stop_tx, stop_rx) = watch::channel(false);
        let (closed_tx, closed_rx) = watch::channel(false);
        let open = watch::Sender::new(0);
        let draining = DrainingListener {
            local_addr: listener.local_addr()?,
            socket: Socket::Accepting(listener),
            stop: stop_rx,
            closed: closed_tx,
            open: open.clone(),
            max_open,
        };
        let control = ListenerControl {
            stop: stop_tx,
            closed: closed_rx,
            open,
        };
        Ok((draining, control))
    }

    /// Stops accepting: empties the queue, then closes.
    fn stop(&mut self) {
        if let Socket::Accepting(listener) = std::mem::replace(&mut self.socket, Socket::Closed) {
            match listener.into_std() {
                Ok(listener) => self.socket = Socket::Emptying(listener),
                Err(error) => {
                    tracing::warn!(%error, "cannot empty the accept queue; closing it");
                    self.close();
                }
            }
        }
    }

    fn close(&mut self) {
        self.socket = Socket::Closed;
        self.closed.send_replace(true);
    }

    /// The next connection in the kernel's queue, or `None` once it is empty.
    fn take_queued(listener: &std::net::TcpListener) -> Option<(TcpStream, SocketAddr)> {
        loop {
            let (stream, peer) = match listener.accept() {
                Ok(accepted) => accepted,
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => return None,
                // That client gave up (ECONNABORTED and the like), or a
                // signal interrupted the call: next one.
                Err(error) if is_connection_error(&error) => continue,
                Err(error) => {
                    tracing::warn!(%error, "accepting a queued connection failed");
                    return None;
                }
            };
            let adopted = stream
                .set_nonblocking(true)
                .and_then(|()| TcpStream::from_std(stream));
            match adopted {
                Ok(stream) => return Some((stream, peer)),
                Err(error) => tracing::warn!(%error, "a queued connection is lost"),
            }
        }
    }
}

fn is_connection_error(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::Interrupted
    )
}

impl Listener for DrainingListener {
    type Io = Tracked;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Tracked, SocketAddr) {
        loop {
            let accepted = match &mut self.socket {
                Socket::Accepting(listener) if !*self.stop.borrow() => tokio::select! {
                    connection = Listener::accept(listener) => Some(connection),
                    Ok(()) = self.stop.changed() => None,
                },
                Socket::Accepting(_) => {
                    self.stop();
                    None
                }
                // Every connection already queued is taken and served; only
                // one completing its handshake between the last `accept`
                // and the close, microseconds apart, can still be reset.
                Socket::Emptying(listener) => match Self::take_queued(listener) {
                    Some(connection) => Some(connection),
                    None => {
                        self.close();
                        None
                    }
                },
                // Closed: axum's loop waits here until its shutdown signal.
                Socket::Closed => std::future::pending().await,
            };
            let Some((stream, peer)) = accepted else {
                continue;
            };
            if *self.open.borrow() >= self.max_open {
                counter!(HTTP_CONNECTIONS_CLOSED_TOTAL, "reason" => "over_capacity").increment(1);
                tracing::debug!(%peer, max = self.max_open, "connection closed: too many open");
                drop(stream);
                continue;
            }
            return (Tracked::new(stream, self.open.clone()), peer);
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        Ok(self.local_addr)
    }
}

impl ListenerControl {
    /// Stops accepting (after taking the connections already queued) and
    /// returns once the listening socket is closed.
    pub async fn stop_accepting(&self) {
        self.stop.send_replace(true);
        let mut closed = self.closed.clone();
        // An error means the listener is gone (the server stopped): closed too.
        let _ = closed.wait_for(|closed| *closed).await;
    }

    /// How many accepted connections are open.
    pub fn open(&self) -> usize {
        *self.open.borrow()
    }

    /// Returns once every accepted connection is closed.
    pub async fn all_closed(&self) {
        let mut open = self.open.subscribe();
        let _ = open.wait_for(|open| *open == 0).await;
    }
}

//! What one connection is doing, and so when it has waited too long.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use axum::body::{Body, Bytes};
use hyper::body::{Body as HttpBody, Frame, SizeHint};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::watch;
use tokio::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for a request head since `since`: the connection's start, or
    /// the first byte after an idle spell.
    Head { since: Instant },
    /// Answering this many requests.
    Answering { requests: usize },
    /// Kept alive, nothing to do since `since`.
    Idle { since: Instant },
}

/// The phase of one connection, shared by its reads, its requests and its
/// watchdog ([`Activity::expired`]).
#[derive(Clone)]
pub struct Activity(Arc<Shared>);

struct Shared {
    phase: watch::Sender<Phase>,
    header_read_timeout: Duration,
    idle_timeout: Duration,
}

impl Activity {
    /// A connection that has just been accepted: waiting for a head.
    pub fn new(header_read_timeout: Duration, idle_timeout: Duration) -> Activity {
        let phase = Phase::Head {
            since: Instant::now(),
        };
        Activity(Arc::new(Shared {
            phase: watch::Sender::new(phase),
            header_read_timeout,
            idle_timeout,
        }))
    }

    /// Bytes arrived: after an idle spell, the next head has begun.
    fn bytes_read(&self) {
        if matches!(*self.0.phase.borrow(), Phase::Idle { .. }) {
            self.0.phase.send_if_modified(|phase| match phase {
                Phase::Idle { .. } => {
                    *phase = Phase::Head {
                        since: Instant::now(),
                    };
                    true
                }
                _ => false,
            });
        }
    }

    /// A whole request head arrived; the request is answered until the
    /// returned guard (or the body it is attached to) is dropped.
    pub fn begin_request(&self) -> Answering {
        self.0.phase.send_modify(|phase| {
            *phase = match *phase {
                Phase::Answering { requests } => Phase::Answering {
                    requests: requests + 1,
                },
                Phase::Head { .. } | Phase::Idle { .. } => Phase::Answering { requests: 1 },
            }
        });
        Answering(self.clone())
    }

    fn end_request(&self) {
        self.0.phase.send_modify(|phase| {
            *phase = match *phase {
                Phase::Answering { requests } if requests > 1 => Phase::Answering {
                    requests: requests - 1,
                },
                _ => Phase::Idle {
                    since: Instant::now(),
                },
            }
        });
    }

    /// Completes when the connection has waited past its deadline, with
    /// the reason (the `reason` label of `http_connections_closed_total`).
    pub async fn expired(&self) -> &'static str {
        let mut phases = self.0.phase.subscribe();
        loop {
            let phase = *phases.borrow_and_update();
            let deadline = match phase {
                Phase::Head { since } => {
                    Some((since + self.0.header_read_timeout, "header_timeout"))
                }
                Phase::Idle { since } => Some((since + self.0.idle_timeout, "idle_timeout")),
                Phase::Answering { .. } => None,
            };
            let Some((deadline, reason)) = deadline else {
                // The sender lives in `self`: `changed` cannot fail.
                let _ = phases.changed().await;
                continue;
            };
            tokio::select! {
                () = tokio::time::sleep_until(deadline) => {
                    // Unless the phase changed at the same moment.
                    if *phases.borrow() == phase {
                        return reason;
                    }
                }
                _ = phases.changed() => {}
            }
        }
    }
}

/// A request being answered; dropping it ends the request.
pub struct Answering(Activity);

impl Answering {
    /// Ends the request when `body` has been sent (or given up on).
    pub fn attach(self, body: Body) -> Body {
        Body::new(AnsweredBody {
            body,
            _answering: self,
        })
    }
}

impl Drop for Answering {
    fn drop(&mut self) {
        self.0.end_request();
    }
}

/// A response body that keeps its request "answering" until hyper has
/// sent it and dropped it.
struct AnsweredBody {
    body: Body,
    _answering: Answering,
}

impl HttpBody for AnsweredBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// A connection's stream that tells its [`Activity`] when bytes arrive.
pub struct Watched<T> {
    io: T,
    activity: Activity,
}

impl<T> Watched<T> {
    pub fn new(io: T, activity: Activity) -> Watched<T> {
        Watched { io, activity }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Watched<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        ready!(Pin::new(&mut self.io).poll_read(cx, buf))?;
        if buf.filled().len() > before {
            self.activity.bytes_read();
        }
        Poll::Ready(Ok(()))
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Watched<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: Duration = Duration::from_millis(200);
    const IDLE: Duration = Duration::from_millis(600);
    const TICK: Duration = Duration::from_millis(50);

    /// The reason, if `expired` completes within `wait`.
    async fn expires_within(activity: &Activity, wait: Duration) -> Option<&'static str> {
        tokio::time::timeout(wait, activity.expired()).await.ok()
    }

    #[tokio::test]
    async fn a_new_connection_has_the_header_deadline() {
        let activity = Activity::new(HEAD, IDLE);
        assert_eq!(expires_within(&activity, HEAD - TICK).await, None);
        assert_eq!(
            expires_within(&activity, TICK * 2).await,
            Some("header_timeout")
        );
    }

    #[tokio::test]
    async fn a_request_being_answered_has_no_deadline_and_then_the_idle_one_runs() {
        let activity = Activity::new(HEAD, IDLE);
        let answering = activity.begin_request();
        assert_eq!(expires_within(&activity, IDLE + TICK).await, None);
        drop(answering);
        assert_eq!(expires_within(&activity, IDLE - TICK).await, None);
        assert_eq!(
            expires_within(&activity, TICK * 2).await,
            Some("idle_timeout")
        );
    }

    #[tokio::test]
    async fn a_byte_after_an_idle_spell_starts_the_header_deadline() {
        let activity = Activity::new(HEAD, IDLE);
        drop(activity.begin_request());
        tokio::time::sleep(HEAD + TICK).await;
        activity.bytes_read();
        // Further bytes do not push the deadline back.
        tokio::time::sleep(TICK).await;
        activity.bytes_read();
        assert_eq!(
            expires_within(&activity, HEAD).await,
            Some("header_timeout")
        );
    }
}

//! The SMTP connection settings, and plain-words descriptions of what went
//! wrong when a message could not be sent.

use std::time::Duration;

use anyhow::Context;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::{AsyncSmtpTransportBuilder, Error};
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::SmtpConfig;

/// Long enough for a slow relay, short enough that a dead one fails the job
/// (which is then retried) instead of holding a worker.
const TIMEOUT: Duration = Duration::from_secs(10);

pub(super) type SmtpTransport = AsyncSmtpTransport<Tokio1Executor>;

/// Builds the pooled transport; no connection is made until the first send.
pub(super) fn smtp_transport(config: &SmtpConfig) -> anyhow::Result<SmtpTransport> {
    let mut builder = encryption(config)?.port(config.port).timeout(Some(TIMEOUT));
    if let Some(user) = &config.user {
        let password = config.password.as_ref().map(|p| p.expose_secret());
        builder = builder.credentials(Credentials::new(
            user.clone(),
            password.unwrap_or_default().to_owned(),
        ));
    }
    Ok(builder.build())
}

/// Implicit TLS wins over STARTTLS; with neither the connection is plain,
/// which only suits a mail catcher on a private network.
fn encryption(config: &SmtpConfig) -> anyhow::Result<AsyncSmtpTransportBuilder> {
    let host = config.host.as_str();
    let builder = if config.ssl {
        SmtpTransport::relay(host)
    } else if config.starttls {
        SmtpTransport::starttls_relay(host)
    } else {
        return Ok(SmtpTransport::builder_dangerous(host));
    };
    builder.with_context(|| format!("cannot set up TLS for SMTP server {host}"))
}

/// Turns a lettre error into one that says what failed, naming the server.
pub(super) fn describe(error: Error, server: &str) -> anyhow::Error {
    if error.is_transient() || error.is_permanent() {
        // The server's own words are the whole story; no cause to chain.
        return anyhow::anyhow!("SMTP server {server} rejected the message: {error}");
    }
    let what = if error.is_timeout() {
        format!(
            "SMTP server {server} did not answer within {} s",
            TIMEOUT.as_secs()
        )
    } else if refused(&error) {
        format!("SMTP server {server} refused the connection")
    } else if error.is_tls() {
        format!("TLS with SMTP server {server} failed")
    } else {
        format!("sending through SMTP server {server} failed")
    };
    anyhow::Error::new(error).context(what)
}

fn refused(error: &Error) -> bool {
    let mut cause = std::error::Error::source(error);
    while let Some(current) = cause {
        if let Some(io) = current.downcast_ref::<std::io::Error>() {
            return io.kind() == std::io::ErrorKind::ConnectionRefused;
        }
        cause = current.source();
    }
    false
}

//! Sends [`EmailMessage`]s over SMTP, or only logs them when no server is
//! configured.

use anyhow::Context;
use lettre::AsyncTransport;
use lettre::message::Mailbox;

use super::EmailMessage;
use super::transport::{SmtpTransport, describe, smtp_transport};
use crate::config::{EmailConfig, Environment};

/// Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Mailer {
    from: Mailbox,
    delivery: Delivery,
}

#[derive(Clone)]
enum Delivery {
    Smtp {
        transport: SmtpTransport,
        /// `host:port`, for error messages.
        server: String,
    },
    /// No `SMTP_HOST`: development without a mail catcher. `whole`: the
    /// text and its links are logged too (in development only).
    LogOnly { whole: bool },
}

impl Mailer {
    /// Builds the SMTP transport from config (no connection yet). With
    /// `smtp: None` the mailer only logs each message and succeeds: in
    /// development the whole message, elsewhere its recipient and subject.
    ///
    /// Call it inside a Tokio runtime: the connection pool starts a task
    /// that closes idle connections.
    pub fn new(config: &EmailConfig, environment: Environment) -> anyhow::Result<Mailer> {
        let from = Mailbox::new(
            Some(config.from_name.clone()),
            config.from_email.parse().with_context(|| {
                format!("the sender {:?} is not a valid address", config.from_email)
            })?,
        );
        let delivery = match &config.smtp {
            Some(smtp) => Delivery::Smtp {
                transport: smtp_transport(smtp)?,
                server: format!("{}:{}", smtp.host, smtp.port),
            },
            None => Delivery::LogOnly {
                whole: environment.is_development(),
            },
        };
        Ok(Mailer { from, delivery })
    }

    /// Sends one message. Any failure, a transient 4xx as much as a
    /// permanent 5xx, is an error: the job queue decides about retries.
    pub async fn send(&self, message: &EmailMessage) -> anyhow::Result<()> {
        // Assembled even when only logging, so a bad address fails in
        // development as it would in production.
        let mime = message.to_mime(&self.from)?;
        match &self.delivery {
            Delivery::Smtp { transport, server } => {
                transport
                    .send(mime)
                    .await
                    .map_err(|e| describe(e, server))?;
            }
            Delivery::LogOnly { whole } => log(message, *whole),
        }
        Ok(())
    }
}

fn log(message: &EmailMessage, whole: bool) {
    if whole {
        // In development the terminal is the mailbox: the plain-text body,
        // with its links (sign-up, password reset), as a block one can read.
        tracing::info!(
            "SMTP is not configured: email logged, not sent\n\
             ---------- email ----------\n\
             To: {}\nSubject: {}\n\n{}\n\
             ---------- end of email ----------",
            message.to,
            message.subject,
            message.text.trim_end()
        );
    } else {
        // Never the body outside development: its links (a password reset,
        // undoing an email change) are secrets that logs must not hold.
        tracing::info!(
            to = %message.to,
            subject = %message.subject,
            "SMTP is not configured: email logged, not sent"
        );
    }
}

#[cfg(test)]
mod tests {
    use secrecy::SecretString;

    use super::*;
    use crate::config::SmtpConfig;

    fn smtp(starttls: bool, ssl: bool) -> EmailConfig {
        EmailConfig {
            smtp: Some(SmtpConfig {
                host: "mail.example.com".into(),
                port: 587,
                user: Some("user".into()),
                password: Some(SecretString::from("secret")),
                starttls,
                ssl,
            }),
            ..EmailConfig::default()
        }
    }

    #[tokio::test]
    async fn every_encryption_mode_builds_without_connecting() {
        for (starttls, ssl) in [(false, false), (true, false), (false, true), (true, true)] {
            assert!(
                Mailer::new(&smtp(starttls, ssl), Environment::Production).is_ok(),
                "{starttls} {ssl}"
            );
        }
    }

    #[tokio::test]
    async fn a_bad_recipient_fails_even_when_only_logging() {
        let mailer = Mailer::new(&EmailConfig::default(), Environment::Development).unwrap();
        let message = EmailMessage {
            to: "nobody".into(),
            subject: "Hi".into(),
            html: "<p>Hi</p>".into(),
            text: "Hi".into(),
        };
        assert!(mailer.send(&message).await.is_err());
    }
}

//! One email, rendered and ready to send.

use anyhow::Context;
use lettre::Message;
use lettre::message::{Mailbox, MultiPart};
use serde::{Deserialize, Serialize};

/// A rendered email. Serializable because it travels through the job queue
/// as is, from the API that renders it to the worker that sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailMessage {
    pub to: String,
    pub subject: String,
    pub html: String,
    pub text: String,
}

impl EmailMessage {
    /// The MIME message: multipart/alternative with the plain text first,
    /// since clients show the last alternative they can display.
    pub(super) fn to_mime(&self, from: &Mailbox) -> anyhow::Result<Message> {
        let to: Mailbox = self
            .to
            .parse()
            .with_context(|| format!("the recipient {:?} is not a valid address", self.to))?;
        Message::builder()
            .message_id(Some(message_id(from)))
            .from(from.clone())
            .to(to)
            .subject(self.subject.as_str())
            .multipart(MultiPart::alternative_plain_html(
                self.text.clone(),
                self.html.clone(),
            ))
            .context("the email could not be assembled")
    }
}

/// Mail servers and spam filters expect a Message-ID; one at the sender's
/// domain beats lettre's default, the host name (a container's random id).
fn message_id(from: &Mailbox) -> String {
    format!(
        "<{}@{}>",
        uuid::Uuid::new_v4().simple(),
        from.email.domain()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(to: &str) -> EmailMessage {
        EmailMessage {
            to: to.into(),
            subject: "Hello".into(),
            html: "<p>Hi</p>".into(),
            text: "Hi".into(),
        }
    }

    fn sender() -> Mailbox {
        "Team <team@example.com>".parse().unwrap()
    }

    #[test]
    fn the_text_part_comes_before_the_html_part() {
        let raw = String::from_utf8(
            message("a@example.com")
                .to_mime(&sender())
                .unwrap()
                .formatted(),
        )
        .unwrap();
        let text = raw.find("text/plain").unwrap();
        let html = raw.find("text/html").unwrap();
        assert!(raw.contains("multipart/alternative"));
        assert!(text < html, "{raw}");
    }

    #[test]
    fn the_message_id_is_at_the_sender_domain() {
        let mime = message("a@example.com").to_mime(&sender()).unwrap();
        let raw = String::from_utf8(mime.formatted()).unwrap();
        let id = raw
            .lines()
            .find(|l| l.starts_with("Message-ID: <"))
            .expect(&raw);
        assert!(id.ends_with("@example.com>"), "{id}");
    }

    #[test]
    fn a_line_break_in_the_subject_cannot_add_a_header() {
        let mut hostile = message("a@example.com");
        hostile.subject = "Hi\r\nBcc: evil@example.com".into();
        let mime = hostile.to_mime(&sender()).unwrap();
        let raw = String::from_utf8(mime.formatted()).unwrap();
        assert!(!raw.lines().any(|l| l.starts_with("Bcc:")), "{raw}");
        assert_eq!(mime.envelope().to().len(), 1);
    }

    #[test]
    fn a_bad_recipient_is_named_in_the_error() {
        let err = message("not an address").to_mime(&sender()).unwrap_err();
        assert!(err.to_string().contains("not an address"), "{err}");
    }
}

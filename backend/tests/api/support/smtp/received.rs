//! A message as the test SMTP server received it: the envelope, and the
//! parts of the raw message that tests check.

use std::path::Path;

use mail_parser::{Addr, Message, MessageParser, MimeHeaders};
use serde::Deserialize;

#[derive(Debug, Clone)]
pub struct ReceivedEmail {
    /// The envelope sender (`MAIL FROM`).
    pub mail_from: String,
    /// The envelope recipients (`RCPT TO`): who really gets the message.
    pub rcpt_tos: Vec<String>,
    pub subject: String,
    /// The `From` header, as `Name <address>`.
    pub from: String,
    /// The decoded text/plain part; empty if there is none.
    pub text: String,
    /// The decoded text/html part; empty if there is none.
    pub html: String,
    /// The message as sent, headers and encoded body.
    pub raw: String,
}

/// What `tests/smtp_server.py` writes for each message.
#[derive(Deserialize)]
struct Stored {
    mail_from: String,
    rcpt_tos: Vec<String>,
    data: String,
}

impl ReceivedEmail {
    pub(super) fn read(path: &Path) -> ReceivedEmail {
        let json = std::fs::read_to_string(path).expect("a stored message is readable");
        let stored: Stored = serde_json::from_str(&json).expect("a stored message is JSON");
        let message = MessageParser::default()
            .parse(stored.data.as_bytes())
            .unwrap_or_else(|| panic!("not an email: {}", stored.data));
        ReceivedEmail {
            subject: message.subject().unwrap_or_default().to_owned(),
            from: message
                .from()
                .and_then(|from| from.first())
                .map(mailbox)
                .unwrap_or_default(),
            text: part(&message, "plain"),
            html: part(&message, "html"),
            mail_from: stored.mail_from,
            rcpt_tos: stored.rcpt_tos,
            raw: stored.data,
        }
    }

    /// The first URL in the text part that starts with `prefix`.
    pub fn first_link(&self, prefix: &str) -> Option<String> {
        let start = self.text.find(prefix)?;
        let url = self.text[start..].split(char::is_whitespace).next()?;
        Some(url.to_owned())
    }
}

fn mailbox(addr: &Addr) -> String {
    let address = addr.address().unwrap_or_default();
    match addr.name() {
        Some(name) => format!("{name} <{address}>"),
        None => address.to_owned(),
    }
}

/// The first `text/<subtype>` part, decoded. Looked up by content type, not
/// with mail-parser's `body_text`, which would convert the HTML part into
/// text when a message lacks a plain one, hiding the lack.
fn part(message: &Message, subtype: &str) -> String {
    message
        .parts
        .iter()
        .find(|part| part.is_content_type("text", subtype))
        .and_then(|part| part.text_contents())
        .unwrap_or_default()
        .to_owned()
}

//! Email: messages rendered from templates, sent over SMTP by the worker.
//!
//! The API renders a message with one of the [`templates`] functions and
//! enqueues it; the `send_email` job hands it to [`Mailer::send`]. Rendering
//! happens in the API so a job carries the finished text and a template
//! change never alters a message already queued.

mod mailer;
mod message;
pub mod templates;
mod transport;

pub use mailer::Mailer;
pub use message::EmailMessage;

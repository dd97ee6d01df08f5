//! The email routes against a real SMTP server and the real worker:
//! password recovery from the request to the new password, the superuser's
//! preview of the recovery email, the test email and the new-account email.

mod html_content;
mod limits;
mod request;
mod reset;
mod sessions;
mod test_email;
mod welcome;

use crate::support::TestApp;

/// The answer to every well-formed recovery request.
const RECOVERY_ANSWER: &str =
    "If that email is registered, a password recovery link has been sent to it";
const INVALID_TOKEN: &str = "Invalid token";

/// The subject of the recovery email to `email`.
fn recovery_subject(app: &TestApp, email: &str) -> String {
    format!(
        "{} - Password recovery for user {email}",
        app.config.project_name
    )
}

//! The emails the API sends, each rendered from an HTML and a plain-text
//! template in `templates/email/`. HTML templates escape every value, so a
//! username like `<script>` shows as text; plain-text ones need no escaping.

mod views;

use askama::Template;

use super::EmailMessage;
use crate::config::Config;
use views::{
    EmailChangedHtml, EmailChangedText, NewAccountHtml, NewAccountText, ResetPasswordHtml,
    ResetPasswordText, TestEmailHtml, TestEmailText,
};

/// Tells a user that an account was made for them. It never carries a
/// password: the user was given or chose one elsewhere.
pub fn new_account(config: &Config, email_to: &str, username: &str) -> EmailMessage {
    new_account_for(Site::of(config), email_to, username)
}

/// The password-reset link, and how long it works.
pub fn reset_password(config: &Config, email_to: &str, token: &str) -> EmailMessage {
    reset_password_for(
        Site::of(config),
        email_to,
        token,
        config.email.reset_token_ttl,
    )
}

/// Tells the old address that the account's email changed, with the link
/// that puts it back (see `auth::email_change`).
pub fn email_changed(
    config: &Config,
    old_email: &str,
    new_email: &str,
    token: &str,
) -> EmailMessage {
    let site = Site::of(config);
    let token: String = form_urlencoded::byte_serialize(token.as_bytes()).collect();
    let link = site.link(&format!("/revert-email?token={token}"));
    let subject = format!(
        "{} - The email of your account was changed",
        site.project_name
    );
    let valid_for = hours(config.email.revert_token_ttl);
    let (project_name, link, valid_for) = (site.project_name, link.as_str(), valid_for.as_str());
    let html = EmailChangedHtml {
        project_name,
        old_email,
        new_email,
        link,
        valid_for,
    };
    let text = EmailChangedText {
        project_name,
        old_email,
        new_email,
        link,
        valid_for,
    };
    message(old_email, subject, &html, &text)
}

/// Lets an administrator check that email delivery works.
pub fn test_email(config: &Config, email_to: &str) -> EmailMessage {
    test_email_for(Site::of(config), email_to)
}

/// What the emails need from the configuration; unit tests build it
/// directly, as a whole [`Config`] only comes from the environment.
#[derive(Clone, Copy)]
struct Site<'a> {
    project_name: &'a str,
    frontend_host: &'a str,
}

impl<'a> Site<'a> {
    fn of(config: &'a Config) -> Site<'a> {
        Site {
            project_name: &config.project_name,
            frontend_host: &config.frontend_host,
        }
    }

    /// A page of the frontend; `FRONTEND_HOST` may end with a slash or not.
    fn link(&self, path_and_query: &str) -> String {
        let host = self.frontend_host.trim_end_matches('/');
        format!("{host}{path_and_query}")
    }
}

fn new_account_for(site: Site, email: &str, username: &str) -> EmailMessage {
    let link = site.link("");
    let subject = format!("{} - New account for user {username}", site.project_name);
    let (project_name, link) = (site.project_name, link.as_str());
    let html = NewAccountHtml {
        project_name,
        username,
        link,
    };
    let text = NewAccountText {
        project_name,
        username,
        link,
    };
    message(email, subject, &html, &text)
}

fn reset_password_for(site: Site, email: &str, token: &str, ttl: chrono::Duration) -> EmailMessage {
    let token: String = form_urlencoded::byte_serialize(token.as_bytes()).collect();
    let link = site.link(&format!("/reset-password?token={token}"));
    let subject = format!("{} - Password recovery for user {email}", site.project_name);
    let (project_name, link, valid_for) = (site.project_name, link.as_str(), &hours(ttl));
    let html = ResetPasswordHtml {
        project_name,
        email,
        link,
        valid_for,
    };
    let text = ResetPasswordText {
        project_name,
        email,
        link,
        valid_for,
    };
    message(email, subject, &html, &text)
}

fn test_email_for(site: Site, email: &str) -> EmailMessage {
    let project_name = site.project_name;
    let subject = format!("{project_name} - Test email");
    let html = TestEmailHtml {
        project_name,
        email,
    };
    let text = TestEmailText {
        project_name,
        email,
    };
    message(email, subject, &html, &text)
}

fn hours(ttl: chrono::Duration) -> String {
    match ttl.num_hours() {
        1 => "1 hour".to_owned(),
        n => format!("{n} hours"),
    }
}

fn message(to: &str, subject: String, html: &impl Template, text: &impl Template) -> EmailMessage {
    EmailMessage {
        to: to.to_owned(),
        subject,
        html: render(html),
        text: render(text),
    }
}

/// Templates are checked when the crate compiles and only display strings,
/// so rendering cannot fail.
fn render(template: &impl Template) -> String {
    template.render().expect("an email template renders")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: Site = Site {
        project_name: "Acme",
        frontend_host: "https://app.example.com/",
    };

    fn reset(token: &str, hours: i64) -> EmailMessage {
        reset_password_for(
            SITE,
            "ann@example.com",
            token,
            chrono::Duration::hours(hours),
        )
    }

    #[test]
    fn the_reset_link_has_no_double_slash_and_an_encoded_token() {
        let email = reset("a+b/c=", 48);
        let link = "https://app.example.com/reset-password?token=a%2Bb%2Fc%3D";
        assert!(email.text.contains(link), "{}", email.text);
        assert!(
            email.html.contains(&format!("href=\"{link}\"")),
            "{}",
            email.html
        );
    }

    #[test]
    fn the_reset_email_says_how_long_the_link_works() {
        for part in [reset("t", 48).text, reset("t", 48).html] {
            assert!(part.contains("valid for 48 hours"), "{part}");
        }
        assert!(reset("t", 1).text.contains("valid for 1 hour."));
    }

    #[test]
    fn subjects_follow_the_fastapi_template() {
        assert_eq!(
            new_account_for(SITE, "ann@example.com", "ann").subject,
            "Acme - New account for user ann"
        );
        assert_eq!(
            reset("t", 48).subject,
            "Acme - Password recovery for user ann@example.com"
        );
        assert_eq!(
            test_email_for(SITE, "ann@example.com").subject,
            "Acme - Test email"
        );
    }

    #[test]
    fn the_html_escapes_a_hostile_username_and_the_text_keeps_it() {
        let email = new_account_for(SITE, "ann@example.com", "<script>alert(1)</script>");
        assert!(!email.html.contains("<script>"), "{}", email.html);
        assert!(email.html.contains("&#60;script&#62;"), "{}", email.html);
        assert!(email.text.contains("<script>alert(1)</script>"));
    }

    #[test]
    fn the_new_account_email_links_to_the_frontend() {
        let email = new_account_for(SITE, "ann@example.com", "ann");
        assert!(
            email.text.contains("https://app.example.com"),
            "{}",
            email.text
        );
        assert!(
            !email.text.contains("https://app.example.com/"),
            "no trailing slash"
        );
        assert!(email.html.contains("href=\"https://app.example.com\""));
    }
}

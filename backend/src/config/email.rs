//! `SMTP_*` and `EMAILS_*`: how the worker sends email.

use secrecy::SecretString;

use super::env::{ConfigError, Env};

#[derive(Debug, Clone)]
pub struct EmailConfig {
    /// `None` when `SMTP_HOST` is unset: the worker then logs each email
    /// instead of sending it (handy in development; warned about elsewhere).
    pub smtp: Option<SmtpConfig>,
    pub from_email: String,
    pub from_name: String,
    /// How long a password-reset link works.
    pub reset_token_ttl: chrono::Duration,
    /// How long the link that undoes an email change works.
    pub revert_token_ttl: chrono::Duration,
    /// Send the new-account email on sign-up too (`SIGNUP_WELCOME_EMAIL`),
    /// not only to accounts a superuser makes. Off by default, as in the
    /// FastAPI full-stack template: a client that signs up and then asks for
    /// a reset link expects that link to be the only email.
    pub signup_welcome: bool,
}

#[derive(Debug, Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub user: Option<String>,
    pub password: Option<SecretString>,
    /// Upgrade the connection with STARTTLS (the usual port 587 setup).
    pub starttls: bool,
    /// TLS from the first byte (the usual port 465 setup); wins over STARTTLS.
    pub ssl: bool,
}

impl EmailConfig {
    pub(super) fn read(env: &Env, project_name: &str) -> Result<EmailConfig, ConfigError> {
        let from_email = env.string_or("EMAILS_FROM_EMAIL", "info@example.com");
        if !email_address::EmailAddress::is_valid(&from_email) {
            return Err(ConfigError::invalid(
                "EMAILS_FROM_EMAIL",
                "is not a valid email address",
            ));
        }
        Ok(EmailConfig {
            smtp: SmtpConfig::read(env)?,
            from_email,
            from_name: env.string_or("EMAILS_FROM_NAME", project_name),
            reset_token_ttl: chrono::Duration::hours(
                env.positive_or("EMAIL_RESET_TOKEN_EXPIRE_HOURS", 48)?,
            ),
            revert_token_ttl: chrono::Duration::hours(
                env.positive_or("EMAIL_REVERT_TOKEN_EXPIRE_HOURS", 168)?,
            ),
            signup_welcome: env.flag_or("SIGNUP_WELCOME_EMAIL", false)?,
        })
    }
}

/// The documented defaults: no SMTP server, so emails are only logged.
impl Default for EmailConfig {
    fn default() -> EmailConfig {
        EmailConfig::read(&Env::from_pairs([]), "Full Stack Rust").expect("the defaults are valid")
    }
}

impl SmtpConfig {
    fn read(env: &Env) -> Result<Option<SmtpConfig>, ConfigError> {
        let Some(host) = env.get("SMTP_HOST") else {
            return Ok(None);
        };
        let ssl = env.flag_or("SMTP_SSL", false)?;
        let starttls = env.flag_or("SMTP_TLS", true)?;
        let default_port = if ssl { 465 } else { 587 };
        Ok(Some(SmtpConfig {
            host,
            port: env.parse_or("SMTP_PORT", default_port)?,
            user: env.get("SMTP_USER"),
            password: env.get("SMTP_PASSWORD").map(SecretString::from),
            starttls,
            ssl,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> Result<EmailConfig, ConfigError> {
        let env = Env::from_pairs(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        EmailConfig::read(&env, "Project")
    }

    #[test]
    fn without_smtp_host_emails_are_only_logged() {
        let config = read(&[("SMTP_USER", "someone")]).unwrap();
        assert!(config.smtp.is_none());
        assert_eq!(config.from_name, "Project");
        assert_eq!(config.reset_token_ttl, chrono::Duration::hours(48));
        assert_eq!(config.revert_token_ttl, chrono::Duration::hours(168));
        assert!(!config.signup_welcome);
    }

    #[test]
    fn signup_welcome_email_is_a_flag() {
        for (value, expected) in [
            ("true", true),
            ("True", true),
            ("1", true),
            ("false", false),
        ] {
            let config = read(&[("SIGNUP_WELCOME_EMAIL", value)]).unwrap();
            assert_eq!(config.signup_welcome, expected, "{value}");
        }
        let err = read(&[("SIGNUP_WELCOME_EMAIL", "sometimes")]).unwrap_err();
        assert_eq!(err.variable, "SIGNUP_WELCOME_EMAIL");
        assert_eq!(
            err.to_string(),
            "configuration error: SIGNUP_WELCOME_EMAIL must be true or false"
        );
    }

    /// The FastAPI template's `.env` spells flags the Python way (`True`, `False`).
    #[test]
    fn the_fastapi_templates_settings_are_read() {
        let config = read(&[
            ("SMTP_HOST", "mail.example.com"),
            ("SMTP_TLS", "True"),
            ("SMTP_SSL", "False"),
            ("SMTP_USER", "user"),
            ("SMTP_PASSWORD", "secret"),
            ("EMAILS_FROM_NAME", "Team"),
        ])
        .unwrap();
        let smtp = config.smtp.unwrap();
        assert_eq!((smtp.host.as_str(), smtp.port), ("mail.example.com", 587));
        assert!(smtp.starttls && !smtp.ssl);
        assert!(!format!("{smtp:?}").contains("secret"));
        assert_eq!(config.from_name, "Team");
    }

    #[test]
    fn ssl_defaults_to_port_465() {
        let config = read(&[("SMTP_HOST", "h"), ("SMTP_SSL", "true")]).unwrap();
        assert_eq!(config.smtp.unwrap().port, 465);
    }

    #[test]
    fn bad_values_name_their_variable() {
        for (variable, value) in [
            ("SMTP_TLS", "maybe"),
            ("SMTP_SSL", "2"),
            ("SMTP_PORT", "smtp"),
            ("EMAILS_FROM_EMAIL", "not-an-email"),
            ("EMAIL_RESET_TOKEN_EXPIRE_HOURS", "0"),
            ("EMAIL_REVERT_TOKEN_EXPIRE_HOURS", "0"),
            ("SIGNUP_WELCOME_EMAIL", "maybe"),
        ] {
            let err = read(&[("SMTP_HOST", "h"), (variable, value)]).unwrap_err();
            assert_eq!(err.variable, variable, "{value}");
        }
    }
}

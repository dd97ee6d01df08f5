//! The first superuser, from `FIRST_SUPERUSER` / `FIRST_SUPERUSER_PASSWORD`.
//! Idempotent: an existing account with that email is left untouched, but
//! when the configured password is not its password (a recreated `.env`
//! holds a newly generated one) the operator is told, and how to fix it.

use anyhow::anyhow;
use secrecy::ExposeSecret;
use sqlx::PgPool;

use crate::accounts::{self, NewAccount};
use crate::auth::PasswordHasher;
use crate::config::FirstSuperuser;
use crate::db::users;
use crate::domain::{Email, Password};

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Created,
    AlreadyExists,
    /// It exists, and `FIRST_SUPERUSER_PASSWORD` is not its password.
    PasswordDiffers,
}

pub async fn ensure(
    db: &PgPool,
    passwords: &PasswordHasher,
    first: &FirstSuperuser,
) -> anyhow::Result<Outcome> {
    let email = Email::parse(first.email.clone()).map_err(|e| anyhow!("FIRST_SUPERUSER {e}"))?;
    let password = Password::parse(first.password.expose_secret().to_owned())
        .map_err(|e| anyhow!("FIRST_SUPERUSER_PASSWORD {e}"))?;
    // Checked first so that a restart does not pay for a new password
    // hash, only a check; `create` still settles a race with another
    // process starting.
    if let Some(existing) = users::find_by_email(db, email.as_str()).await? {
        if passwords
            .verify(password.expose(), &existing.hashed_password)
            .await?
        {
            return Ok(Outcome::AlreadyExists);
        }
        warn_password_differs(email.as_str());
        return Ok(Outcome::PasswordDiffers);
    }
    let account = NewAccount {
        email,
        password,
        full_name: None,
        is_active: true,
        is_superuser: true,
    };
    match accounts::create(db, passwords, account, None).await? {
        Some(_) => Ok(Outcome::Created),
        None => Ok(Outcome::AlreadyExists),
    }
}

/// Tells the operator, on stderr and in the log, that `FIRST_SUPERUSER`
/// exists with another password than `FIRST_SUPERUSER_PASSWORD`, and how to
/// make them agree. Otherwise the only clue is a failed login with the
/// password `.env` shows.
fn warn_password_differs(email: &str) {
    let warning = format!(
        "the superuser {email} already exists, and FIRST_SUPERUSER_PASSWORD is not its \
         password (.env was recreated, or the password was changed since); its password is \
         unchanged. To set it to the one in .env, run `make superuser-password` (or \
         `app set-password --from-env`)"
    );
    eprintln!("WARNING: {warning}");
    tracing::warn!("{warning}");
}

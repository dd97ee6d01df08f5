//! The first superuser, from `FIRST_SUPERUSER` / `FIRST_SUPERUSER_PASSWORD`.
//! Idempotent: an existing account with that email is left untouched.

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
}

pub async fn ensure(
    db: &PgPool,
    passwords: &PasswordHasher,
    first: &FirstSuperuser,
) -> anyhow::Result<Outcome> {
    let email = Email::parse(first.email.clone()).map_err(|e| anyhow!("FIRST_SUPERUSER {e}"))?;
    let password = Password::parse(first.password.expose_secret().to_owned())
        .map_err(|e| anyhow!("FIRST_SUPERUSER_PASSWORD {e}"))?;
    // Checked first so that a restart does not pay for a password hash;
    // `create` still settles a race with another process starting.
    if users::find_by_email(db, email.as_str()).await?.is_some() {
        return Ok(Outcome::AlreadyExists);
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

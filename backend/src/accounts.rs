//! Creating accounts: shared by sign-up, the admin API, the development-only
//! private API and the `create-superuser` command.

use sqlx::PgPool;

use crate::auth::PasswordHasher;
use crate::db::users::{self, NewUser, User};
use crate::domain::{Email, FullName, Password, Validator};
use crate::email::templates;
use crate::error::{AppError, AppResult};
use crate::jobs::{Envelope, SendEmail, outbox};
use crate::state::AppState;

pub struct NewAccount {
    pub email: Email,
    pub password: Password,
    pub full_name: Option<FullName>,
    pub is_active: bool,
    pub is_superuser: bool,
}

impl NewAccount {
    /// Parses the fields of an active, ordinary account; a 422 lists every
    /// field that was rejected.
    pub fn parse(
        email: String,
        password: String,
        full_name: Option<String>,
    ) -> AppResult<NewAccount> {
        let mut v = Validator::default();
        let email = v.check("email", Email::parse(email));
        let password = v.check("password", Password::parse(password));
        let full_name = v.check_optional("full_name", full_name, FullName::parse);
        v.finish()?;
        match (email, password, full_name) {
            (Some(email), Some(password), Some(full_name)) => Ok(NewAccount {
                email,
                password,
                full_name,
                is_active: true,
                is_superuser: false,
            }),
            _ => unreachable!("the validator reports every rejected field"),
        }
    }
}

/// Creates the account, or returns `None` when the email is taken (or held
/// for an email-change revert link, see `email_change`). `welcome`, when
/// given, is staged in the same transaction: the email is queued exactly
/// when the account exists (see `jobs::outbox`).
pub async fn create(
    db: &PgPool,
    passwords: &PasswordHasher,
    account: NewAccount,
    welcome: Option<&Envelope>,
) -> anyhow::Result<Option<User>> {
    let hashed_password = passwords.hash(account.password.expose()).await?;
    let mut tx = db.begin().await?;
    let user = users::insert(
        &mut *tx,
        NewUser {
            email: account.email.as_str(),
            hashed_password: &hashed_password,
            full_name: account.full_name.as_ref().map(|name| name.0.as_str()),
            is_active: account.is_active,
            is_superuser: account.is_superuser,
        },
    )
    .await?;
    if let (Some(_), Some(welcome)) = (&user, welcome) {
        outbox::stage(&mut tx, welcome).await?;
    }
    tx.commit().await?;
    Ok(user)
}

/// Whether an account made through the API gets the new-account email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Welcome {
    Send,
    Skip,
}

/// Creates the account for an API caller: a taken email is a 400, worded as
/// the FastAPI template's API words it. The new-account email (never containing the
/// password) is queued with the account, or later if Redis is down.
pub async fn register(state: &AppState, account: NewAccount, welcome: Welcome) -> AppResult<User> {
    let email = account.email.as_str();
    let message = match welcome {
        Welcome::Send => {
            let welcome = SendEmail(templates::new_account(&state.config, email, email));
            Some(Envelope::new(&welcome).map_err(AppError::internal)?)
        }
        Welcome::Skip => None,
    };
    let user = create(&state.db, &state.passwords, account, message.as_ref())
        .await?
        .ok_or_else(|| {
            AppError::bad_request("The user with this email already exists in the system")
        })?;
    if let Some(message) = message {
        outbox::relay_now(&state.db, &state.jobs, message.id).await;
    }
    Ok(user)
}

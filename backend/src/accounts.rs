//! Creating accounts: shared by sign-up, the admin API, the development-only
//! private API and the `create-superuser` command.

use sqlx::PgPool;

use crate::auth::PasswordHasher;
use crate::db::users::{self, NewUser, User};
use crate::domain::{Email, FullName, Password, Validator};
use crate::email::templates;
use crate::error::{AppError, AppResult};
use crate::jobs::SendEmail;
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

/// Creates the account, or returns `None` when the email is taken.
pub async fn create(
    db: &PgPool,
    passwords: &PasswordHasher,
    account: NewAccount,
) -> anyhow::Result<Option<User>> {
    let hashed_password = passwords.hash(account.password.expose()).await?;
    let user = users::insert(
        db,
        NewUser {
            email: account.email.as_str(),
            hashed_password: &hashed_password,
            full_name: account.full_name.as_ref().map(|name| name.0.as_str()),
            is_active: account.is_active,
            is_superuser: account.is_superuser,
        },
    )
    .await?;
    Ok(user)
}

/// Creates the account for an API caller: a taken email is a 400, worded as
/// the seed API words it.
pub async fn register(
    db: &PgPool,
    passwords: &PasswordHasher,
    account: NewAccount,
) -> AppResult<User> {
    create(db, passwords, account).await?.ok_or_else(|| {
        AppError::bad_request("The user with this email already exists in the system")
    })
}

/// Queues the new-account email (it never contains the password). The
/// account exists whatever happens here, so a queue outage is logged and
/// counted (`job_enqueue_failures_total`) rather than failing the request.
pub async fn send_welcome(state: &AppState, user: &User) {
    let message = templates::new_account(&state.config, &user.email, &user.email);
    if let Err(err) = state.jobs.enqueue(&SendEmail(message)).await {
        tracing::error!(user_id = %user.id, error = %err, "new-account email not queued");
    }
}

//! Creating accounts: shared by sign-up, the admin API, the development-only
//! private API and the `create-superuser` command.

use sqlx::PgPool;

use crate::auth::PasswordHasher;
use crate::db::users::{self, NewUser, User};
use crate::domain::{Email, FullName, Password};

pub struct NewAccount {
    pub email: Email,
    pub password: Password,
    pub full_name: Option<FullName>,
    pub is_active: bool,
    pub is_superuser: bool,
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

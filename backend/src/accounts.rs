//! Creating accounts: shared by sign-up, the admin API, the development-only
//! private API and the `create-superuser` command; and setting a password
//! from the command line (`set-password`).

use sqlx::PgPool;

use crate::auth::PasswordHasher;
use crate::db::tokens::{self, Purpose};
use crate::db::users::{self, NewUser, User, UserChanges};
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

/// Who makes an account through the API. It decides whether the new-account
/// email goes out, and how a taken email is worded: the FastAPI full-stack
/// template ends the superuser's wording with a period and the sign-up's
/// without, and its clients match the exact text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// `POST /users/signup`: welcomed only with `SIGNUP_WELCOME_EMAIL` on.
    SignUp,
    /// `POST /users/` by a superuser: always welcomed.
    Superuser,
    /// The development-only private API: never welcomed.
    PrivateApi,
}

impl Via {
    fn welcomes(self, state: &AppState) -> bool {
        match self {
            Via::SignUp => state.config.email.signup_welcome,
            Via::Superuser => true,
            Via::PrivateApi => false,
        }
    }

    fn email_taken(self) -> AppError {
        AppError::bad_request(match self {
            Via::Superuser => "The user with this email already exists in the system.",
            Via::SignUp | Via::PrivateApi => {
                "The user with this email already exists in the system"
            }
        })
    }
}

/// Creates the account for an API caller; a taken email is a 400. The
/// new-account email (never containing the password), when `via` sends one,
/// is queued with the account, or later if Redis is down.
pub async fn register(state: &AppState, account: NewAccount, via: Via) -> AppResult<User> {
    let email = account.email.as_str();
    let message = if via.welcomes(state) {
        let welcome = SendEmail(templates::new_account(&state.config, email, email));
        Some(Envelope::new(&welcome).map_err(AppError::internal)?)
    } else {
        None
    };
    let user = create(&state.db, &state.passwords, account, message.as_ref())
        .await?
        .ok_or_else(|| via.email_taken())?;
    if let Some(message) = message {
        outbox::relay_now(&state.db, &state.jobs, message.id).await;
    }
    Ok(user)
}

/// Sets the password of the account with this email and ends all its
/// sessions, access tokens included, as a superuser setting it through the
/// API does (`PATCH /users/{id}`); for `app set-password`. `None` when no
/// account has that email.
pub async fn set_password(
    state: &AppState,
    email: &Email,
    password: &Password,
) -> anyhow::Result<Option<User>> {
    let Some(user) = users::find_by_email(&state.db, email.as_str()).await? else {
        return Ok(None);
    };
    let changes = UserChanges {
        hashed_password: Some(state.passwords.hash(password.expose()).await?),
        // Access tokens issued before now are refused from now on.
        sessions_revoked_at: Some(chrono::Utc::now()),
        ..UserChanges::default()
    };
    let mut tx = state.db.begin().await?;
    let Some(user) = users::update(&mut *tx, user.id, changes).await? else {
        return Ok(None); // deleted meanwhile
    };
    let ended = tokens::revoke_all_for_user(&mut *tx, user.id, Purpose::Refresh, None).await?;
    tx.commit().await?;
    state.user_cache.forget(user.id).await;
    state.user_cache.end_sessions(&ended).await;
    Ok(Some(user))
}

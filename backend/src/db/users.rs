use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::domain::Page;

#[derive(Debug, Clone)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub hashed_password: String,
    pub full_name: Option<String>,
    pub is_active: bool,
    pub is_superuser: bool,
    pub created_at: DateTime<Utc>,
    pub sessions_revoked_at: Option<DateTime<Utc>>,
}

/// A user as the rest of the app sees them: everything but the password
/// hash. This is what the authenticated-user cache holds.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub full_name: Option<String>,
    pub is_active: bool,
    pub is_superuser: bool,
    pub created_at: DateTime<Utc>,
    /// Access tokens issued before this are refused (see `auth::admit`).
    #[serde(default)]
    pub sessions_revoked_at: Option<DateTime<Utc>>,
}

/// What decides whether an account's access tokens are accepted
/// (`auth::admit`).
#[derive(Debug, Clone, Copy)]
pub struct AccountState {
    pub is_active: bool,
    pub sessions_revoked_at: Option<DateTime<Utc>>,
}

impl Account {
    pub fn state(&self) -> AccountState {
        AccountState {
            is_active: self.is_active,
            sessions_revoked_at: self.sessions_revoked_at,
        }
    }
}

impl From<User> for Account {
    fn from(user: User) -> Account {
        Account {
            id: user.id,
            email: user.email,
            full_name: user.full_name,
            is_active: user.is_active,
            is_superuser: user.is_superuser,
            created_at: user.created_at,
            sessions_revoked_at: user.sessions_revoked_at,
        }
    }
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub hashed_password: &'a str,
    pub full_name: Option<&'a str>,
    pub is_active: bool,
    pub is_superuser: bool,
}

/// Fields to change; `None` leaves a field as it is.
#[derive(Default)]
pub struct UserChanges {
    pub email: Option<String>,
    pub full_name: Option<String>,
    pub hashed_password: Option<String>,
    pub is_active: Option<bool>,
    pub is_superuser: Option<bool>,
    pub sessions_revoked_at: Option<DateTime<Utc>>,
}

pub async fn find_by_id(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<User>> {
    sqlx::query_as!(User, "SELECT * FROM users WHERE id = $1", id)
        .fetch_optional(db)
        .await
}

/// The user and whether the session (refresh-token family) `session_id`
/// has ended, in one round trip.
pub async fn find_in_session(
    db: impl PgExecutor<'_>,
    id: Uuid,
    session_id: Uuid,
) -> sqlx::Result<Option<(User, bool)>> {
    let row = sqlx::query!(
        r#"SELECT u.id, u.email, u.hashed_password, u.full_name, u.is_active, u.is_superuser,
                  u.created_at, u.sessions_revoked_at,
                  EXISTS (SELECT 1 FROM auth_tokens t
                          WHERE t.family_id = $2 AND t.revoked_at IS NOT NULL) AS "session_ended!"
           FROM users u WHERE u.id = $1"#,
        id,
        session_id,
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|row| {
        let user = User {
            id: row.id,
            email: row.email,
            hashed_password: row.hashed_password,
            full_name: row.full_name,
            is_active: row.is_active,
            is_superuser: row.is_superuser,
            created_at: row.created_at,
            sessions_revoked_at: row.sessions_revoked_at,
        };
        (user, row.session_ended)
    }))
}

pub async fn find_by_email(db: impl PgExecutor<'_>, email: &str) -> sqlx::Result<Option<User>> {
    // PostgreSQL text cannot hold NUL, so no stored email matches; asking
    // would fail the query and turn bad input into a 500.
    if email.contains('\0') {
        return Ok(None);
    }
    sqlx::query_as!(
        User,
        "SELECT * FROM users WHERE lower(email) = lower($1)",
        email
    )
    .fetch_optional(db)
    .await
}

/// `email` as [`find_by_email`] compares it: PostgreSQL's `lower()`, so that
/// every spelling that reaches one account has one key (per-email rate
/// limits). Rust's lowercasing is not the same function: it turns `İ` into
/// `i` plus a combining dot and a word-final `Σ` into `ς`, where `lower()`
/// gives `i` and `σ`; and `lower()` follows the database's own locale.
pub async fn email_key(db: impl PgExecutor<'_>, email: &str) -> sqlx::Result<String> {
    // Such an email matches no account (see `find_by_email`): any fixed
    // form will do, and asking would fail.
    if email.contains('\0') {
        return Ok(email.to_owned());
    }
    sqlx::query_scalar!(r#"SELECT lower($1) AS "key!""#, email)
        .fetch_one(db)
        .await
}

/// Inserts the user, or returns `None` when the email is already taken, or
/// held by a live email-change revert link (which would put it back).
pub async fn insert(db: impl PgExecutor<'_>, user: NewUser<'_>) -> sqlx::Result<Option<User>> {
    sqlx::query_as!(
        User,
        r#"INSERT INTO users (email, hashed_password, full_name, is_active, is_superuser)
           SELECT $1, $2, $3, $4, $5
           WHERE NOT EXISTS (
               SELECT 1 FROM auth_tokens
               WHERE restores_email IS NOT NULL AND lower(restores_email) = lower($1)
                 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now())
           ON CONFLICT ((lower(email))) DO NOTHING
           RETURNING *"#,
        user.email,
        user.hashed_password,
        user.full_name,
        user.is_active,
        user.is_superuser,
    )
    .fetch_optional(db)
    .await
}

/// One page of users, newest first, and the total count. Password hashes
/// are not read: a list never needs them.
pub async fn list(db: impl PgExecutor<'_>, page: Page) -> sqlx::Result<(Vec<Account>, i64)> {
    let rows = sqlx::query!(
        r#"SELECT c.total AS "total!", u.id AS "id?", u.email AS "email?", u.full_name,
                  u.is_active AS "is_active?", u.is_superuser AS "is_superuser?",
                  u.created_at AS "created_at?", u.sessions_revoked_at
           FROM (SELECT count(*) AS total FROM users) c
           LEFT JOIN LATERAL (
               SELECT id, email, full_name, is_active, is_superuser, created_at,
                      sessions_revoked_at
               FROM users ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2
           ) u ON true"#,
        page.limit,
        page.offset,
    )
    .fetch_all(db)
    .await?;
    let total = rows.first().map_or(0, |row| row.total);
    let accounts = rows
        .into_iter()
        .filter_map(|row| {
            Some(Account {
                id: row.id?,
                email: row.email?,
                full_name: row.full_name,
                is_active: row.is_active?,
                is_superuser: row.is_superuser?,
                created_at: row.created_at?,
                sessions_revoked_at: row.sessions_revoked_at,
            })
        })
        .collect();
    Ok((accounts, total))
}

/// Applies the changes; `None` when no such user exists.
pub async fn update(
    db: impl PgExecutor<'_>,
    id: Uuid,
    changes: UserChanges,
) -> sqlx::Result<Option<User>> {
    sqlx::query_as!(
        User,
        r#"UPDATE users SET
               email = COALESCE($2, email),
               full_name = COALESCE($3, full_name),
               hashed_password = COALESCE($4, hashed_password),
               is_active = COALESCE($5, is_active),
               is_superuser = COALESCE($6, is_superuser),
               sessions_revoked_at = COALESCE($7, sessions_revoked_at)
           WHERE id = $1
           RETURNING *"#,
        id,
        changes.email,
        changes.full_name,
        changes.hashed_password,
        changes.is_active,
        changes.is_superuser,
        changes.sessions_revoked_at,
    )
    .fetch_optional(db)
    .await
}

/// The ids of the active superusers, locked until the transaction ends.
pub async fn lock_active_superusers(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        "SELECT id FROM users WHERE is_superuser AND is_active ORDER BY id FOR UPDATE"
    )
    .fetch_all(db)
    .await
}

/// Deletes the user (their items and tokens go with them); `false` when absent.
pub async fn delete(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<bool> {
    let result = sqlx::query!("DELETE FROM users WHERE id = $1", id)
        .execute(db)
        .await?;
    Ok(result.rows_affected() == 1)
}

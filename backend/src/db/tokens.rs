//! Opaque tokens (refresh and password reset), stored as hashes.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

/// What a token may be used for; a token is only ever looked up together
/// with its purpose, so one kind can never pass for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Refresh,
    PasswordReset,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Refresh => "refresh",
            Purpose::PasswordReset => "password_reset",
        }
    }
}

#[derive(Debug)]
pub struct StoredToken {
    pub id: Uuid,
    pub user_id: Uuid,
    pub family_id: Uuid,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

pub struct NewToken<'a> {
    pub user_id: Uuid,
    pub purpose: Purpose,
    pub token_hash: &'a [u8],
    pub family_id: Uuid,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(db: impl PgExecutor<'_>, token: NewToken<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT INTO auth_tokens (user_id, purpose, token_hash, family_id, expires_at)
           VALUES ($1, $2, $3, $4, $5)"#,
        token.user_id,
        token.purpose.as_str(),
        token.token_hash,
        token.family_id,
        token.expires_at,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Finds the token and locks its row until the transaction ends, so two
/// concurrent uses of one token are seen one after the other.
pub async fn find_for_update(
    db: impl PgExecutor<'_>,
    purpose: Purpose,
    token_hash: &[u8],
) -> sqlx::Result<Option<StoredToken>> {
    sqlx::query_as!(
        StoredToken,
        r#"SELECT id, user_id, family_id, expires_at, used_at, revoked_at
           FROM auth_tokens WHERE token_hash = $1 AND purpose = $2
           FOR UPDATE"#,
        token_hash,
        purpose.as_str(),
    )
    .fetch_optional(db)
    .await
}

pub async fn mark_used(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!("UPDATE auth_tokens SET used_at = now() WHERE id = $1", id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn revoke_family(db: impl PgExecutor<'_>, family_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE auth_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL",
        family_id,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Revokes every live token of one purpose for a user, except those of the
/// family `keep` (e.g. the other sessions after a password change).
pub async fn revoke_all_for_user(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    purpose: Purpose,
    keep: Option<Uuid>,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"UPDATE auth_tokens SET revoked_at = now()
           WHERE user_id = $1 AND purpose = $2 AND revoked_at IS NULL
             AND family_id IS DISTINCT FROM $3"#,
        user_id,
        purpose.as_str(),
        keep,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Deletes expired tokens in batches (short transactions, no long lock);
/// returns how many.
pub async fn purge_expired(db: &sqlx::PgPool) -> sqlx::Result<u64> {
    let mut total = 0;
    loop {
        let deleted = sqlx::query!(
            r#"DELETE FROM auth_tokens WHERE id IN (
                   SELECT id FROM auth_tokens WHERE expires_at < now() LIMIT 5000)"#
        )
        .execute(db)
        .await?
        .rows_affected();
        total += deleted;
        if deleted < 5000 {
            return Ok(total);
        }
    }
}

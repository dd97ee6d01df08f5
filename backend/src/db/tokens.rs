//! Opaque tokens (refresh, password reset, email-change revert), stored as
//! hashes.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

/// What a token may be used for; a token is only ever looked up together
/// with its purpose, so one kind can never pass for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Refresh,
    PasswordReset,
    /// Puts back the email an email change replaced (`auth::email_change`).
    EmailRevert,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Refresh => "refresh",
            Purpose::PasswordReset => "password_reset",
            Purpose::EmailRevert => "email_revert",
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
    pub created_at: DateTime<Utc>,
    /// For an email-change revert token: the address it puts back.
    pub restores_email: Option<String>,
}

pub struct NewToken<'a> {
    pub user_id: Uuid,
    pub purpose: Purpose,
    pub token_hash: &'a [u8],
    pub family_id: Uuid,
    pub expires_at: DateTime<Utc>,
    pub restores_email: Option<&'a str>,
}

pub async fn insert(db: impl PgExecutor<'_>, token: NewToken<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        r#"INSERT INTO auth_tokens (user_id, purpose, token_hash, family_id, expires_at,
                                    restores_email)
           VALUES ($1, $2, $3, $4, $5, $6)"#,
        token.user_id,
        token.purpose.as_str(),
        token.token_hash,
        token.family_id,
        token.expires_at,
        token.restores_email,
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
        r#"SELECT id, user_id, family_id, expires_at, used_at, revoked_at, created_at,
                  restores_email
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
/// family `keep` (e.g. the other sessions after a password change); returns
/// the families revoked (for refresh tokens: the sessions that ended).
pub async fn revoke_all_for_user(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    purpose: Purpose,
    keep: Option<Uuid>,
) -> sqlx::Result<Vec<Uuid>> {
    let mut families = sqlx::query_scalar!(
        r#"UPDATE auth_tokens SET revoked_at = now()
           WHERE user_id = $1 AND purpose = $2 AND revoked_at IS NULL
             AND family_id IS DISTINCT FROM $3
           RETURNING family_id"#,
        user_id,
        purpose.as_str(),
        keep,
    )
    .fetch_all(db)
    .await?;
    families.sort_unstable();
    families.dedup();
    Ok(families)
}

/// Whether a live email-change revert link of a user other than `except`
/// would put this address back: until it expires, no one else may take it.
pub async fn email_is_held(
    db: impl PgExecutor<'_>,
    email: &str,
    except: Uuid,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (
               SELECT 1 FROM auth_tokens
               WHERE restores_email IS NOT NULL AND lower(restores_email) = lower($1)
                 AND user_id <> $2
                 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
           ) AS "held!""#,
        email,
        except,
    )
    .fetch_one(db)
    .await
}

/// Revokes the user's revert links issued after `after` (those of later
/// email changes); earlier ones keep working.
pub async fn revoke_reverts_after(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    after: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"UPDATE auth_tokens SET revoked_at = now()
           WHERE user_id = $1 AND purpose = 'email_revert' AND revoked_at IS NULL
             AND created_at > $2"#,
        user_id,
        after,
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

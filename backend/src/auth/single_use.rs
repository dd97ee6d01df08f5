//! The emailed single-use tokens (a password reset, undoing an email
//! change): finding a live one and its owner, locked for the change.

use chrono::Utc;
use sqlx::PgConnection;
use uuid::Uuid;

use super::OpaqueToken;
use crate::db::tokens::{self, Purpose, StoredToken};
use crate::db::users::{self, User};
use crate::error::{AppError, AppResult};

/// The live token of `purpose` that `presented` names, and its active
/// owner. The token row stays locked until `tx` ends, so a token works once
/// even when presented twice at the same moment. Anything else is
/// `invalid()`: unknown, used, revoked or expired alike.
pub async fn take(
    tx: &mut PgConnection,
    purpose: Purpose,
    presented: &str,
    invalid: impl Fn() -> AppError,
) -> AppResult<(StoredToken, User)> {
    let hash = OpaqueToken::hash_presented(purpose, presented).ok_or_else(&invalid)?;
    let stored = tokens::find_for_update(&mut *tx, purpose, &hash)
        .await?
        .ok_or_else(&invalid)?;
    let spent = stored.used_at.is_some() || stored.revoked_at.is_some();
    if spent || stored.expires_at <= Utc::now() {
        return Err(invalid());
    }
    let user = users::find_by_id(&mut *tx, stored.user_id)
        .await?
        .ok_or_else(&invalid)?;
    if !user.is_active {
        return Err(AppError::bad_request("Inactive user"));
    }
    Ok((stored, user))
}

/// After a token set a new password: revokes every session (refresh tokens)
/// and every reset link of the user within `tx`. Returns the sessions ended,
/// for `UserCache::end_sessions` once `tx` has committed.
pub async fn revoke_everything(tx: &mut PgConnection, user_id: Uuid) -> AppResult<Vec<Uuid>> {
    let ended = tokens::revoke_all_for_user(&mut *tx, user_id, Purpose::Refresh, None).await?;
    tokens::revoke_all_for_user(&mut *tx, user_id, Purpose::PasswordReset, None).await?;
    Ok(ended)
}

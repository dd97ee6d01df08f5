//! Password-reset tokens: opaque, stored hashed, single use, expiring after
//! `EMAIL_RESET_TOKEN_EXPIRE_HOURS`. Redeeming one sets the new password and
//! ends every session of the user: refresh tokens are revoked, and access
//! tokens issued before the reset are refused (`users.sessions_revoked_at`).

use chrono::Utc;
use sqlx::PgPool;
use uuid::Uuid;

use super::{OpaqueToken, single_use};
use crate::db::tokens::{self, NewToken, Purpose};
use crate::db::users::{self, UserChanges};
use crate::domain::Password;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Stores a new reset token for the user; returns the value to email.
pub async fn issue(db: &PgPool, user_id: Uuid, ttl: chrono::Duration) -> sqlx::Result<String> {
    let token = OpaqueToken::generate(Purpose::PasswordReset);
    tokens::insert(
        db,
        NewToken {
            user_id,
            purpose: Purpose::PasswordReset,
            token_hash: &token.hash,
            family_id: Uuid::new_v4(),
            expires_at: Utc::now() + ttl,
            restores_email: None,
        },
    )
    .await?;
    Ok(token.value)
}

/// Sets `new_password` for the owner of the token (see `single_use::take`).
pub async fn redeem(state: &AppState, presented: &str, new_password: &Password) -> AppResult<()> {
    // The FastAPI full-stack template's wording, which its clients match.
    let invalid = || AppError::bad_request("Invalid token");
    let mut tx = state.db.begin().await?;
    let (stored, user) =
        single_use::take(&mut tx, Purpose::PasswordReset, presented, invalid).await?;
    let hashed_password = state.passwords.hash(new_password.expose()).await?;
    let changes = UserChanges {
        hashed_password: Some(hashed_password),
        sessions_revoked_at: Some(Utc::now()),
        ..UserChanges::default()
    };
    users::update(&mut *tx, user.id, changes).await?;
    tokens::mark_used(&mut *tx, stored.id).await?;
    // Every session ends, and no other reset link sent earlier works.
    let ended = single_use::revoke_everything(&mut tx, user.id).await?;
    tx.commit().await?;
    state.user_cache.forget(user.id).await;
    // `sessions_revoked_at` has whole seconds: the sessions' own markers
    // also end the access tokens issued earlier within the same second.
    state.user_cache.end_sessions(&ended).await;
    Ok(())
}

//! Sessions: an access token plus a refresh token. Refresh tokens rotate on
//! every use, within a family that starts at login; presenting a token that
//! was already rotated means it leaked, so the whole family is revoked.

use chrono::Utc;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::OpaqueToken;
use crate::db::tokens::{self, NewToken, Purpose};
use crate::db::users;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The FastAPI template's `Token` (`access_token`, `token_type`) plus the refresh token.
#[derive(Debug, Serialize, ToSchema)]
pub struct Session {
    pub access_token: String,
    /// Always `bearer`.
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Opaque and single-use: exchange it at `/api/v1/login/refresh`.
    pub refresh_token: String,
}

/// Token answers must never be cached by a browser or proxy (RFC 6749 §5.1).
impl axum::response::IntoResponse for Session {
    fn into_response(self) -> axum::response::Response {
        use axum::http::header::{CACHE_CONTROL, PRAGMA};
        (
            [(CACHE_CONTROL, "no-store"), (PRAGMA, "no-cache")],
            axum::Json(self),
        )
            .into_response()
    }
}

/// Starts a new session (a new refresh-token family) for the user.
pub async fn start(state: &AppState, user_id: Uuid) -> AppResult<Session> {
    issue(state, &state.db, user_id, Uuid::new_v4()).await
}

/// Exchanges a refresh token for a new session in the same family.
pub async fn refresh(state: &AppState, presented: &str) -> AppResult<Session> {
    let invalid = || AppError::unauthorized("Invalid or expired refresh token");
    let hash = OpaqueToken::hash_presented(Purpose::Refresh, presented).ok_or_else(invalid)?;
    let mut tx = state.db.begin().await?;
    let stored = tokens::find_for_update(&mut *tx, Purpose::Refresh, &hash)
        .await?
        .ok_or_else(invalid)?;
    if stored.revoked_at.is_some() || stored.expires_at <= Utc::now() {
        return Err(invalid());
    }
    if stored.used_at.is_some() {
        tracing::warn!(user_id = %stored.user_id, family_id = %stored.family_id, "refresh token reused; revoking its family");
        tokens::revoke_family(&mut *tx, stored.family_id).await?;
        tx.commit().await?;
        state.user_cache.end_sessions(&[stored.family_id]).await;
        return Err(invalid());
    }
    let user = users::find_by_id(&mut *tx, stored.user_id)
        .await?
        .ok_or_else(invalid)?;
    if !user.is_active {
        return Err(AppError::forbidden("Inactive user"));
    }
    tokens::mark_used(&mut *tx, stored.id).await?;
    let session = issue(state, &mut *tx, user.id, stored.family_id).await?;
    tx.commit().await?;
    Ok(session)
}

/// Ends the session the refresh token belongs to: its refresh tokens and
/// its access tokens stop working. Ending one that already ended is not an
/// error.
pub async fn end(state: &AppState, presented: &str) -> AppResult<()> {
    let invalid = || AppError::unauthorized("Invalid refresh token");
    let hash = OpaqueToken::hash_presented(Purpose::Refresh, presented).ok_or_else(invalid)?;
    let mut tx = state.db.begin().await?;
    let stored = tokens::find_for_update(&mut *tx, Purpose::Refresh, &hash)
        .await?
        .ok_or_else(invalid)?;
    tokens::revoke_family(&mut *tx, stored.family_id).await?;
    tx.commit().await?;
    state.user_cache.end_sessions(&[stored.family_id]).await;
    Ok(())
}

/// Ends every session of the user but `keep` (after a password change, or
/// all of them on deactivation), access tokens included.
pub async fn end_all(state: &AppState, user_id: Uuid, keep: Option<Uuid>) -> AppResult<()> {
    let ended = tokens::revoke_all_for_user(&state.db, user_id, Purpose::Refresh, keep).await?;
    state.user_cache.end_sessions(&ended).await;
    Ok(())
}

async fn issue(
    state: &AppState,
    db: impl sqlx::PgExecutor<'_>,
    user_id: Uuid,
    family_id: Uuid,
) -> AppResult<Session> {
    let (access_token, expires_in) = state.access_tokens.issue(user_id, family_id)?;
    let refresh = OpaqueToken::generate(Purpose::Refresh);
    tokens::insert(
        db,
        NewToken {
            user_id,
            purpose: Purpose::Refresh,
            token_hash: &refresh.hash,
            family_id,
            expires_at: Utc::now() + state.config.auth.refresh_token_ttl,
            restores_email: None,
        },
    )
    .await?;
    Ok(Session {
        access_token,
        token_type: "bearer",
        expires_in,
        refresh_token: refresh.value,
    })
}

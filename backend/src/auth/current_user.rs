//! Extractors for the authenticated caller. The user is read from the
//! database on every request, so a deactivated or deleted user is refused
//! at once, whatever tokens they still hold.
//!
//! The refusals are worded as the FastAPI full-stack template words them
//! (its clients match the text), with this API's statuses: 401 with a
//! Bearer challenge when there is no valid token or no user behind it, 403
//! for an inactive user or a missing privilege.

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};

use uuid::Uuid;

use super::access::AccessClaims;
use crate::db::users::{Account, AccountState};
use crate::error::AppError;
use crate::state::AppState;

/// Any signed-in, active user.
pub struct CurrentUser(pub Account);

/// The signed-in user and the session their access token belongs to.
pub struct CurrentSession {
    pub user: Account,
    pub session_id: Uuid,
}

/// A signed-in, active superuser.
pub struct SuperUser(pub Account);

/// A caller whose access token is valid, before their account is checked.
/// Only for handlers that check the account in their own SQL statement (one
/// database round trip instead of a cache lookup plus a query); they must
/// pass what they find to [`admit`]. See `api::items::read_items`.
pub struct UncheckedCaller(pub AccessClaims);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let session = CurrentSession::from_request_parts(parts, state).await?;
        Ok(CurrentUser(session.user))
    }
}

impl FromRequestParts<AppState> for CurrentSession {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let claims = verified_claims(parts, state)?;
        let (user, session_ended) = state
            .user_cache
            .account(&state.db, claims.user_id, claims.session_id)
            .await?
            .ok_or_else(user_not_found)?;
        admit(&claims, Some(user.state()), session_ended)?;
        Ok(CurrentSession {
            user,
            session_id: claims.session_id,
        })
    }
}

impl FromRequestParts<AppState> for SuperUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        if !user.is_superuser {
            return Err(AppError::forbidden(
                "The user doesn't have enough privileges",
            ));
        }
        Ok(SuperUser(user))
    }
}

impl FromRequestParts<AppState> for UncheckedCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        Ok(UncheckedCaller(verified_claims(parts, state)?))
    }
}

/// The one rule for letting a token's owner in: the account still exists
/// (`None` when it was deleted), is active, its sessions were not all ended
/// after the token was issued (a password reset or a deactivation ends
/// them), and the token's own session has not ended (logout, a reused
/// refresh token, a password change in another session).
pub fn admit(
    claims: &AccessClaims,
    account: Option<AccountState>,
    session_ended: bool,
) -> Result<(), AppError> {
    let account = account.ok_or_else(user_not_found)?;
    if !account.is_active {
        return Err(AppError::forbidden("Inactive user"));
    }
    // Token times are whole seconds: a token issued in the same second as
    // the revocation, just before it, passes this check; every path that
    // stamps `sessions_revoked_at` also ends each session by its id, which
    // catches that token too.
    let all_ended = account
        .sessions_revoked_at
        .is_some_and(|revoked| claims.issued_at < revoked.timestamp());
    if all_ended || session_ended {
        return Err(AppError::unauthorized(
            "Session ended; please sign in again",
        ));
    }
    tracing::Span::current().record("user_id", tracing::field::display(claims.user_id));
    Ok(())
}

fn verified_claims(parts: &Parts, state: &AppState) -> Result<AccessClaims, AppError> {
    let token = bearer_token(parts)?;
    state
        .access_tokens
        .verify(token)
        .ok_or_else(|| AppError::unauthorized("Could not validate credentials"))
}

/// The refusal of a valid access token whose user no longer exists.
pub fn user_not_found() -> AppError {
    AppError::unauthorized("User not found")
}

/// The token of an `Authorization: Bearer <token>` header. No header, or
/// another scheme, is "Not authenticated"; a Bearer header with a blank or
/// malformed token fails verification ("Could not validate credentials").
fn bearer_token(parts: &Parts) -> Result<&str, AppError> {
    let not_authenticated = || AppError::unauthorized("Not authenticated");
    let value = parts
        .headers
        .get(header::AUTHORIZATION)
        .ok_or_else(not_authenticated)?
        .to_str()
        .map_err(|_| not_authenticated())?;
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(not_authenticated());
    }
    Ok(token.trim())
}

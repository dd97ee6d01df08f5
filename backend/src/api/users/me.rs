//! The caller's own account: `/api/v1/users/me` and its password.

use axum::extract::State;

use super::schemas::{UpdatePassword, UserPublic, UserUpdateMe};
use crate::api::Message;
use crate::api::errors::{self, PROBLEM};
use crate::auth::{CurrentSession, CurrentUser, email_change, sessions, user_not_found};
use crate::db::users::{self, UserChanges};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::extract::Json;
use crate::state::AppState;

#[utoipa::path(
    get, path = "/users/me", tag = "users", security(("OAuth2PasswordBearer" = [])),
    responses((status = 200, body = UserPublic), errors::SignedIn, errors::Unavailable),
)]
pub async fn read_user_me(CurrentUser(user): CurrentUser) -> axum::Json<UserPublic> {
    axum::Json(user.into())
}

/// Updates the caller's `full_name` and/or `email`. A new email sends the
/// old address a notice with a link that undoes the change
/// (`/revert-email-change`).
#[utoipa::path(
    patch, path = "/users/me", tag = "users", security(("OAuth2PasswordBearer" = [])),
    request_body = UserUpdateMe,
    responses(
        (status = 200, body = UserPublic),
        errors::SignedIn, errors::JsonBody, errors::Unavailable,
        (status = 409, description = "Email taken by another user", body = ErrorBody, content_type = PROBLEM),
    ),
)]
pub async fn update_user_me(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(body): Json<UserUpdateMe>,
) -> AppResult<axum::Json<UserPublic>> {
    let changes = body.parse()?;
    let full_name = changes.full_name.map(|name| name.0);
    let updated = email_change::update_own(&state, &user, changes.email, full_name).await?;
    Ok(axum::Json(updated.into()))
}

/// Changes the caller's password and ends their other sessions. Each
/// attempt counts against a per-user rate limit, since it guesses the
/// current password.
#[utoipa::path(
    patch, path = "/users/me/password", tag = "users", security(("OAuth2PasswordBearer" = [])),
    request_body = UpdatePassword,
    responses(
        (status = 200, body = Message),
        errors::SignedIn, errors::JsonBody, errors::RateLimited, errors::Unavailable,
        (status = 400, description = "Wrong current password, new password same as current, or a body that is not JSON",
            body = ErrorBody, content_type = PROBLEM),
    ),
)]
pub async fn update_password_me(
    State(state): State<AppState>,
    CurrentSession { user, session_id }: CurrentSession,
    Json(body): Json<UpdatePassword>,
) -> AppResult<axum::Json<Message>> {
    let new_password = body.parse_new()?;
    // Before the password check: a stolen access token (or an unattended
    // session) must not become an unlimited oracle for the password, which
    // would then survive the token and open every other session.
    let limit = &state.config.rate_limits.password_change_per_user;
    state.limiter.check(limit, &user.id.to_string()).await?;
    // The cached account carries no password hash; read it where it lives.
    let stored = users::find_by_id(&state.db, user.id)
        .await?
        .ok_or_else(user_not_found)?;
    if !state
        .passwords
        .verify(&body.current_password, &stored.hashed_password)
        .await?
    {
        return Err(AppError::bad_request("Incorrect password"));
    }
    if body.current_password == new_password.expose() {
        return Err(AppError::bad_request(
            "New password cannot be the same as the current one",
        ));
    }
    let hashed_password = state.passwords.hash(new_password.expose()).await?;
    let changes = UserChanges {
        hashed_password: Some(hashed_password),
        ..UserChanges::default()
    };
    users::update(&state.db, user.id, changes).await?;
    state.user_cache.forget(user.id).await;
    sessions::end_all(&state, user.id, Some(session_id)).await?;
    Ok(Message::new("Password updated successfully"))
}

/// Deletes the caller's account and items. Superusers cannot.
#[utoipa::path(
    delete, path = "/users/me", tag = "users", security(("OAuth2PasswordBearer" = [])),
    responses(
        (status = 200, body = Message),
        errors::SignedIn, errors::Unavailable,
        (status = 403, description = "Inactive user, or a superuser (superusers cannot delete themselves)",
            body = ErrorBody, content_type = PROBLEM),
    ),
)]
pub async fn delete_user_me(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> AppResult<axum::Json<Message>> {
    if user.is_superuser {
        return Err(AppError::forbidden(
            "Super users are not allowed to delete themselves",
        ));
    }
    users::delete(&state.db, user.id).await?;
    state.user_cache.forget(user.id).await;
    Ok(Message::new("User deleted successfully"))
}

//! User management by superusers (and reading one's own record by id).

use axum::extract::State;
use axum::http::StatusCode;
use sqlx::PgConnection;
use uuid::Uuid;

use super::schemas::{UserCreate, UserPublic, UserUpdate, UsersPublic};
use crate::accounts::{self, Via};
use crate::api::Message;
use crate::api::errors::{self, PROBLEM};
use crate::auth::{CurrentUser, SuperUser, email_change, sessions};
use crate::db::tokens::{self, Purpose};
use crate::db::users::{self, UserChanges};
use crate::domain::Pagination;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::extract::{IdPath, Json, Query};
use crate::state::AppState;

#[utoipa::path(
    get, path = "/users", tag = "users", security(("OAuth2PasswordBearer" = [])),
    params(Pagination),
    responses(
        (status = 200, body = UsersPublic),
        errors::SuperUser, errors::InvalidParams, errors::Unavailable,
    ),
    extensions(("x-superuser-only" = json!(true))),
)]
pub async fn read_users(
    State(state): State<AppState>,
    _: SuperUser,
    Query(pagination): Query<Pagination>,
) -> AppResult<axum::Json<UsersPublic>> {
    let (users, count) = users::list(&state.db, pagination.page()?).await?;
    let data = users.into_iter().map(UserPublic::from).collect();
    Ok(axum::Json(UsersPublic { data, count }))
}

#[utoipa::path(
    post, path = "/users", tag = "users", security(("OAuth2PasswordBearer" = [])),
    request_body = UserCreate,
    responses(
        (status = 201, body = UserPublic),
        errors::SuperUser, errors::JsonBody, errors::Unavailable,
        (status = 400, description = "Email already registered, or a body that is not JSON",
            body = ErrorBody, content_type = PROBLEM),
    ),
    extensions(("x-superuser-only" = json!(true))),
)]
pub async fn create_user(
    State(state): State<AppState>,
    _: SuperUser,
    Json(body): Json<UserCreate>,
) -> AppResult<(StatusCode, axum::Json<UserPublic>)> {
    let account = body.parse()?;
    let user = accounts::register(&state, account, Via::Superuser).await?;
    Ok((StatusCode::CREATED, axum::Json(user.into())))
}

/// A user by id: one's own record, or any record for a superuser.
#[utoipa::path(
    get, path = "/users/{id}", tag = "users", security(("OAuth2PasswordBearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses(
        (status = 200, body = UserPublic),
        errors::SignedIn, errors::InvalidParams, errors::Unavailable,
        (status = 403, description = "Inactive user, or someone else's record and not a superuser",
            body = ErrorBody, content_type = PROBLEM),
        (status = 404, description = "User not found", body = ErrorBody, content_type = PROBLEM),
    ),
)]
pub async fn read_user_by_id(
    State(state): State<AppState>,
    CurrentUser(caller): CurrentUser,
    IdPath(id): IdPath,
) -> AppResult<axum::Json<UserPublic>> {
    if caller.id == id {
        return Ok(axum::Json(caller.into()));
    }
    if !caller.is_superuser {
        return Err(AppError::forbidden(
            "The user doesn't have enough privileges",
        ));
    }
    let user = users::find_by_id(&state.db, id)
        .await?
        .ok_or_else(|| AppError::not_found("User not found"))?;
    Ok(axum::Json(user.into()))
}

/// Updates any user. Deactivating a user or setting their password ends
/// their sessions (access tokens included, for good: reactivating does not
/// revive them); deactivating also cancels their password-reset links. The
/// last active superuser cannot be demoted or deactivated.
#[utoipa::path(
    patch, path = "/users/{id}", tag = "users", security(("OAuth2PasswordBearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    request_body = UserUpdate,
    responses(
        (status = 200, body = UserPublic),
        errors::SuperUser, errors::InvalidParams, errors::JsonBody, errors::Unavailable,
        (status = 404, description = "User not found", body = ErrorBody, content_type = PROBLEM),
        (status = 409, description = "Email taken by another user, or the last active superuser demoted or deactivated",
            body = ErrorBody, content_type = PROBLEM),
    ),
    extensions(("x-superuser-only" = json!(true))),
)]
pub async fn update_user(
    State(state): State<AppState>,
    _: SuperUser,
    IdPath(id): IdPath,
    Json(body): Json<UserUpdate>,
) -> AppResult<axum::Json<UserPublic>> {
    let changes = body.parse()?;
    let deactivates = changes.is_active == Some(false);
    let demotes = changes.is_superuser == Some(false);
    let ends_sessions = changes.password.is_some() || deactivates;
    let hashed_password = match &changes.password {
        Some(password) => Some(state.passwords.hash(password.expose()).await?),
        None => None,
    };
    let email = changes.email.map(|email| email.as_str().to_owned());
    let changes = UserChanges {
        email,
        full_name: changes.full_name.map(|name| name.0),
        hashed_password,
        is_active: changes.is_active,
        is_superuser: changes.is_superuser,
        // Access tokens issued before now are refused from now on.
        sessions_revoked_at: ends_sessions.then(chrono::Utc::now),
    };
    let mut tx = state.db.begin().await?;
    if let Some(email) = &changes.email {
        email_change::refuse_if_held(&mut tx, email, id).await?;
    }
    if deactivates || demotes {
        keep_an_active_superuser(&mut tx, id).await?;
    }
    let user = users::update(&mut *tx, id, changes)
        .await?
        .ok_or_else(|| AppError::not_found("The user with this id does not exist in the system"))?;
    if deactivates {
        tokens::revoke_all_for_user(&mut *tx, id, Purpose::PasswordReset, None).await?;
    }
    tx.commit().await?;
    state.user_cache.forget(user.id).await;
    if ends_sessions {
        sessions::end_all(&state, user.id, None).await?;
    }
    Ok(axum::Json(user.into()))
}

/// Refuses to demote or deactivate `id` when it is the only active
/// superuser. The active superusers stay locked until the transaction ends,
/// so two superusers demoting each other at once cannot both succeed.
async fn keep_an_active_superuser(tx: &mut PgConnection, id: Uuid) -> AppResult<()> {
    let active = users::lock_active_superusers(&mut *tx).await?;
    if active == [id] {
        return Err(AppError::conflict(
            "The last active superuser cannot be demoted or deactivated",
        ));
    }
    Ok(())
}

/// Deletes a user and their items. A superuser cannot delete themselves.
#[utoipa::path(
    delete, path = "/users/{id}", tag = "users", security(("OAuth2PasswordBearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses(
        (status = 200, body = Message),
        errors::SuperUser, errors::InvalidParams, errors::Unavailable,
        (status = 403, description = "Inactive user, not a superuser, or a superuser deleting themselves",
            body = ErrorBody, content_type = PROBLEM),
        (status = 404, description = "User not found", body = ErrorBody, content_type = PROBLEM),
    ),
    extensions(("x-superuser-only" = json!(true))),
)]
pub async fn delete_user(
    State(state): State<AppState>,
    SuperUser(caller): SuperUser,
    IdPath(id): IdPath,
) -> AppResult<axum::Json<Message>> {
    if caller.id == id {
        return Err(AppError::forbidden(
            "Super users are not allowed to delete themselves",
        ));
    }
    if !users::delete(&state.db, id).await? {
        return Err(AppError::not_found("User not found"));
    }
    state.user_cache.forget(id).await;
    Ok(Message::new("User deleted successfully"))
}

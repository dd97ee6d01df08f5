//! `/api/v1/private/*`: development-only helpers for end-to-end tests. The
//! routes are not mounted at all outside development (so they answer 404).

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

use super::errors::{self, PROBLEM};
use super::users::UserPublic;
use crate::accounts::{self, NewAccount, Via};
use crate::domain::{Email, FullName, Password, required};
use crate::error::{AppResult, ErrorBody};
use crate::extract::Json;
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct PrivateUserCreate {
    #[schema(schema_with = required::<Email>)]
    email: String,
    #[schema(schema_with = required::<Password>)]
    password: String,
    #[schema(schema_with = required::<FullName>)]
    full_name: String,
    /// Accepted for compatibility with the FastAPI template's API; has no effect yet.
    #[serde(default)]
    #[allow(dead_code)]
    is_verified: bool,
}

/// Creates a user directly (development only).
#[utoipa::path(
    post, path = "/private/users", tag = "private", operation_id = "create_user_private",
    request_body = PrivateUserCreate,
    responses(
        (status = 201, body = UserPublic),
        errors::JsonBody, errors::Unavailable,
        (status = 400, description = "Email already registered, or a body that is not JSON",
            body = ErrorBody, content_type = PROBLEM),
    ),
)]
pub async fn create_user(
    State(state): State<AppState>,
    Json(body): Json<PrivateUserCreate>,
) -> AppResult<(StatusCode, axum::Json<UserPublic>)> {
    let account = NewAccount::parse(body.email, body.password, Some(body.full_name))?;
    let user = accounts::register(&state, account, Via::PrivateApi).await?;
    Ok((StatusCode::CREATED, axum::Json(user.into())))
}

//! `/api/v1/private/*`: development-only helpers for end-to-end tests. The
//! routes are not mounted at all outside development (so they answer 404).

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

use super::users::UserPublic;
use crate::accounts::{self, NewAccount};
use crate::domain::{Email, FullName, Password, Validator};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::extract::Json;
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct PrivateUserCreate {
    email: String,
    password: String,
    full_name: String,
    /// Accepted for compatibility with the seed API; has no effect yet.
    #[serde(default)]
    is_verified: bool,
}

/// Creates a user directly (development only).
#[utoipa::path(
    post, path = "/private/users", tag = "private",
    request_body = PrivateUserCreate,
    responses((status = 201, body = UserPublic), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)),
)]
pub async fn create_user(
    State(state): State<AppState>,
    Json(body): Json<PrivateUserCreate>,
) -> AppResult<(StatusCode, axum::Json<UserPublic>)> {
    let _ = body.is_verified;
    let mut v = Validator::default();
    let email = v.check("email", Email::parse(body.email));
    let password = v.check("password", Password::parse(body.password));
    let full_name = v.check("full_name", FullName::parse(body.full_name));
    v.finish()?;
    let (Some(email), Some(password), Some(full_name)) = (email, password, full_name) else {
        unreachable!("validated above");
    };
    let account = NewAccount {
        email,
        password,
        full_name: Some(full_name),
        is_active: true,
        is_superuser: false,
    };
    let user = accounts::create(&state.db, &state.passwords, account)
        .await?
        .ok_or_else(|| {
            AppError::bad_request("The user with this email already exists in the system")
        })?;
    Ok((StatusCode::CREATED, axum::Json(user.into())))
}

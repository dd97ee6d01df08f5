use axum::extract::State;
use axum::http::StatusCode;

use super::schemas::{UserPublic, UserRegister};
use crate::accounts;
use crate::error::{AppResult, ErrorBody};
use crate::extract::Json;
use crate::state::AppState;

/// Creates an account without being signed in.
#[utoipa::path(
    post, path = "/users/signup", tag = "users",
    request_body = UserRegister,
    responses(
        (status = 201, body = UserPublic),
        (status = 400, description = "Email already registered", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
)]
pub async fn register_user(
    State(state): State<AppState>,
    Json(body): Json<UserRegister>,
) -> AppResult<(StatusCode, axum::Json<UserPublic>)> {
    let account = body.parse()?;
    let user = accounts::register(&state.db, &state.passwords, account).await?;
    Ok((StatusCode::CREATED, axum::Json(user.into())))
}

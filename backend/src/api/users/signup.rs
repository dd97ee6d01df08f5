use axum::extract::State;
use axum::http::StatusCode;

use super::schemas::{UserPublic, UserRegister};
use crate::accounts::{self, Via};
use crate::api::errors::{self, PROBLEM};
use crate::error::{AppResult, ErrorBody};
use crate::extract::Json;
use crate::rate_limit::{self, ClientIp};
use crate::state::AppState;

/// Creates an account without being signed in.
///
/// No email is sent, unless `SIGNUP_WELCOME_EMAIL` turns the new-account
/// email on.
#[utoipa::path(
    post, path = "/users/signup", tag = "users",
    request_body = UserRegister,
    responses(
        (status = 201, body = UserPublic),
        errors::JsonBody, errors::RateLimited, errors::Unavailable,
        (status = 400, description = "Email already registered, or a body that is not JSON",
            body = ErrorBody, content_type = PROBLEM),
    ),
)]
pub async fn register_user(
    State(state): State<AppState>,
    ClientIp(client_ip): ClientIp,
    Json(body): Json<UserRegister>,
) -> AppResult<(StatusCode, axum::Json<UserPublic>)> {
    let limit = &state.config.rate_limits.signup_per_ip;
    state
        .limiter
        .check(limit, &rate_limit::ip_subject(client_ip))
        .await?;
    let account = body.parse()?;
    let user = accounts::register(&state, account, Via::SignUp).await?;
    Ok((StatusCode::CREATED, axum::Json(user.into())))
}

//! Password recovery: asking for a reset link by email, setting a new
//! password with it, and (for superusers) previewing the email; and undoing
//! an email change with the link sent to the old address.

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::{IntoParams, ToSchema};

use super::Message;
use super::errors::{self, PROBLEM};
use crate::auth::{SuperUser, email_change, password_reset};
use crate::db::users;
use crate::domain::{Email, Password, parameter, required};
use crate::email::templates;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::extract::{EmailPath, Json};
use crate::jobs::RecoverPassword;
use crate::rate_limit::{self, ClientIp};
use crate::state::AppState;

/// The answer to every well-formed recovery request.
const RECOVERY_ANSWER: &str =
    "If that email is registered, a password recovery link has been sent to it";

/// The `{email}` of the recovery paths (read by `EmailPath`).
pub struct EmailParam;

impl IntoParams for EmailParam {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let schema = required::<Email>();
        vec![parameter(
            "email",
            ParameterIn::Path,
            true,
            "The account's email.",
            schema,
        )]
    }
}

#[derive(Deserialize, ToSchema)]
pub struct NewPassword {
    /// The token from the emailed link.
    token: String,
    #[schema(schema_with = required::<Password>)]
    new_password: String,
}

/// Emails a password-reset link. The answer (and the work done before it)
/// is the same whether or not the email is registered: the lookup happens
/// in a background job.
#[utoipa::path(
    post, path = "/password-recovery/{email}", tag = "login",
    params(EmailParam),
    responses(
        (status = 200, body = Message),
        errors::InvalidParams, errors::RateLimited, errors::Unavailable,
    ),
)]
pub async fn recover_password(
    State(state): State<AppState>,
    ClientIp(client_ip): ClientIp,
    EmailPath(email): EmailPath,
) -> AppResult<axum::Json<Message>> {
    let email = Email::parse(email).map_err(|msg| AppError::invalid_field("email", &msg))?;
    let limits = &state.config.rate_limits;
    let recovery_limits = (
        &limits.password_recovery_per_ip,
        &limits.password_recovery_per_email,
    );
    rate_limit::check_client_and_email(&state, recovery_limits, client_ip, email.as_str()).await?;
    let job = RecoverPassword {
        email: email.as_str().to_owned(),
    };
    state.jobs.enqueue(&job).await?;
    Ok(Message::new(RECOVERY_ANSWER))
}

/// Sets a new password with the token from a recovery email. The token
/// works once; every session of the user ends.
#[utoipa::path(
    post, path = "/reset-password", tag = "login",
    request_body = NewPassword,
    responses(
        (status = 200, body = Message),
        errors::JsonBody, errors::Unavailable,
        (status = 400, description = "Invalid, used or expired token, inactive user, or a body that is not JSON",
            body = ErrorBody, content_type = PROBLEM),
    ),
)]
pub async fn reset_password(
    State(state): State<AppState>,
    Json(body): Json<NewPassword>,
) -> AppResult<axum::Json<Message>> {
    let new_password = Password::parse(body.new_password)
        .map_err(|msg| AppError::invalid_field("new_password", &msg))?;
    password_reset::redeem(&state, &body.token, &new_password).await?;
    Ok(Message::new("Password updated successfully"))
}

#[derive(Deserialize, ToSchema)]
pub struct EmailChangeRevert {
    /// The token from the link emailed to the old address.
    token: String,
    #[schema(schema_with = required::<Password>)]
    new_password: String,
}

/// Undoes an email change with the link sent to the old address: the old
/// email comes back with the new password, every session ends and every
/// password-reset link stops working. The link works once.
#[utoipa::path(
    post, path = "/revert-email-change", tag = "login",
    request_body = EmailChangeRevert,
    responses(
        (status = 200, body = Message),
        errors::JsonBody, errors::Unavailable,
        (status = 400, description = "Invalid, used or expired link, inactive user, or a body that is not JSON",
            body = ErrorBody, content_type = PROBLEM),
        (status = 409, description = "The old email now belongs to another user", body = ErrorBody, content_type = PROBLEM),
    ),
)]
pub async fn revert_email_change(
    State(state): State<AppState>,
    Json(body): Json<EmailChangeRevert>,
) -> AppResult<axum::Json<Message>> {
    let new_password = Password::parse(body.new_password)
        .map_err(|msg| AppError::invalid_field("new_password", &msg))?;
    email_change::revert(&state, &body.token, &new_password).await?;
    Ok(Message::new(
        "Email restored and every session ended; sign in with the new password",
    ))
}

/// The HTML of the recovery email for a user, with a working link (for
/// superusers checking the template).
#[utoipa::path(
    post, path = "/password-recovery-html-content/{email}", tag = "login",
    security(("OAuth2PasswordBearer" = [])),
    params(EmailParam),
    responses(
        (status = 200, content_type = "text/html", body = String,
            headers(("subject" = String, description = "The email's subject"))),
        errors::SuperUser, errors::InvalidParams, errors::Unavailable,
        (status = 404, description = "No user has this email", body = ErrorBody, content_type = PROBLEM),
    ),
    extensions(("x-superuser-only" = json!(true))),
)]
pub async fn recover_password_html_content(
    State(state): State<AppState>,
    _: SuperUser,
    EmailPath(email): EmailPath,
) -> AppResult<Response> {
    let email = Email::parse(email).map_err(|msg| AppError::invalid_field("email", &msg))?;
    let user = users::find_by_email(&state.db, email.as_str())
        .await?
        .ok_or_else(|| {
            AppError::not_found("The user with this username does not exist in the system.")
        })?;
    let ttl = state.config.email.reset_token_ttl;
    let token = password_reset::issue(&state.db, user.id, ttl).await?;
    let message = templates::reset_password(&state.config, &user.email, &token);
    let subject = message.subject.replace(['\r', '\n'], " ");
    Ok((
        [
            (CONTENT_TYPE, "text/html; charset=utf-8".to_owned()),
            (axum::http::HeaderName::from_static("subject"), subject),
        ],
        message.html,
    )
        .into_response())
}

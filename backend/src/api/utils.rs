use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa::IntoParams;
use utoipa::openapi::path::{Parameter, ParameterIn};

use super::Message;
use super::errors;
use crate::auth::SuperUser;
use crate::domain::{Email, parameter, required};
use crate::email::templates;
use crate::error::{AppError, AppResult};
use crate::extract::Query;
use crate::jobs::SendEmail;
use crate::state::AppState;

/// Liveness check, as in the FastAPI template's API: always `true`. (Sent as
/// JSON; utoipa would document a bare `bool` as text/plain.)
#[utoipa::path(
    get, path = "/utils/health-check", tag = "utils",
    responses((status = 200, body = bool, content_type = "application/json")),
)]
pub async fn health_check() -> Json<bool> {
    Json(true)
}

#[derive(serde::Deserialize)]
pub struct TestEmailParams {
    email_to: String,
}

impl IntoParams for TestEmailParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let schema = required::<Email>();
        let description = "Where to send the test email.";
        vec![parameter(
            "email_to",
            ParameterIn::Query,
            true,
            description,
            schema,
        )]
    }
}

/// Queues a test email, to check the SMTP settings end to end.
#[utoipa::path(
    post, path = "/utils/test-email", tag = "utils", security(("OAuth2PasswordBearer" = [])),
    params(TestEmailParams),
    responses(
        (status = 201, body = Message),
        errors::SuperUser, errors::InvalidParams, errors::Unavailable,
    ),
    extensions(("x-superuser-only" = json!(true))),
)]
pub async fn test_email(
    State(state): State<AppState>,
    _: SuperUser,
    Query(params): Query<TestEmailParams>,
) -> AppResult<(StatusCode, axum::Json<Message>)> {
    let email =
        Email::parse(params.email_to).map_err(|msg| AppError::invalid_field("email_to", &msg))?;
    let message = templates::test_email(&state.config, email.as_str());
    state.jobs.enqueue(&SendEmail(message)).await?;
    Ok((StatusCode::CREATED, Message::new("Test email sent")))
}

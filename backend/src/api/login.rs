//! `/api/v1/login/*` and `/api/v1/logout`: the OAuth2 password flow,
//! refresh-token rotation and logout.

use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;

use super::Message;
use super::errors::{self, PROBLEM};
use super::users::UserPublic;
use crate::auth::CurrentUser;
use crate::auth::sessions::{self, Session};
use crate::db::users;
use crate::domain::Validator;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::extract::{Form, Json};
use crate::rate_limit::{self, ClientIp};
use crate::state::AppState;

/// The OAuth2 password form (`username` is the email).
#[derive(Deserialize, ToSchema)]
pub struct LoginForm {
    #[schema(pattern = "^password$")]
    grant_type: Option<String>,
    // Required, but read as optional so that one 422 names every missing
    // field (see `LoginForm::credentials`).
    #[schema(value_type = String, required = true)]
    username: Option<String>,
    #[schema(value_type = String, required = true)]
    password: Option<String>,
    // Part of the OAuth2 password form, so documented and accepted; this
    // API has no scopes or client credentials, so they are not read.
    #[serde(default)]
    #[allow(dead_code)]
    scope: String,
    #[allow(dead_code)]
    client_id: Option<String>,
    #[allow(dead_code)]
    client_secret: Option<String>,
}

impl LoginForm {
    /// The username and password; a 422 names each one missing.
    fn credentials(self) -> AppResult<(String, String)> {
        let mut v = Validator::default();
        let username = v.required("username", self.username);
        let password = v.required("password", self.password);
        v.finish()?;
        match (username, password) {
            (Some(username), Some(password)) => Ok((username, password)),
            _ => unreachable!("the validator reports every missing field"),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct RefreshRequest {
    refresh_token: String,
}

/// OAuth2-compatible login: an access token for future requests, and a
/// refresh token.
#[utoipa::path(
    post, path = "/login/access-token", tag = "login",
    request_body(content = LoginForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, body = Session),
        errors::FormBody, errors::RateLimited, errors::Unavailable,
        (status = 400, description = "Incorrect email or password, inactive user, or an unreadable body",
            body = ErrorBody, content_type = PROBLEM),
    )
)]
pub async fn access_token(
    State(state): State<AppState>,
    ClientIp(client_ip): ClientIp,
    Form(form): Form<LoginForm>,
) -> AppResult<Session> {
    if form
        .grant_type
        .as_deref()
        .is_some_and(|grant| grant != "password")
    {
        return Err(AppError::invalid_field("grant_type", "must be `password`"));
    }
    let (username, password) = form.credentials()?;
    // Both limits before the password check, so a locked email costs no hashing.
    let limits = &state.config.rate_limits;
    let login_limits = (&limits.login_per_ip, &limits.login_per_email);
    rate_limit::check_client_and_email(&state, login_limits, client_ip, &username).await?;
    let user = users::find_by_email(&state.db, &username).await?;
    let password_matches = match &user {
        Some(user) => {
            state
                .passwords
                .verify(&password, &user.hashed_password)
                .await?
        }
        None => state.passwords.verify_dummy(&password).await?,
    };
    let user = match user {
        Some(user) if password_matches => user,
        _ => return Err(AppError::bad_request("Incorrect email or password")),
    };
    if !user.is_active {
        return Err(AppError::bad_request("Inactive user"));
    }
    tracing::Span::current().record("user_id", tracing::field::display(user.id));
    tracing::info!(user_id = %user.id, %client_ip, "user logged in");
    sessions::start(&state, user.id).await
}

/// Returns the user the access token belongs to.
#[utoipa::path(
    post, path = "/login/test-token", tag = "login",
    security(("OAuth2PasswordBearer" = [])),
    responses((status = 200, body = UserPublic), errors::SignedIn, errors::Unavailable),
)]
pub async fn test_token(CurrentUser(user): CurrentUser) -> axum::Json<UserPublic> {
    axum::Json(user.into())
}

/// Exchanges a refresh token for a new access and refresh token. Each
/// refresh token works once; reusing one ends the whole session.
#[utoipa::path(
    post, path = "/login/refresh", tag = "login",
    request_body = RefreshRequest,
    responses(
        (status = 200, body = Session),
        errors::JsonBody, errors::Unavailable,
        (status = 401, description = "Unknown, expired, revoked or reused refresh token",
            body = ErrorBody, content_type = PROBLEM),
        (status = 403, description = "Inactive user", body = ErrorBody, content_type = PROBLEM),
    )
)]
pub async fn refresh(
    State(state): State<AppState>,
    Json(body): Json<RefreshRequest>,
) -> AppResult<Session> {
    sessions::refresh(&state, &body.refresh_token).await
}

/// Ends the session the refresh token belongs to.
#[utoipa::path(
    post, path = "/logout", tag = "login",
    request_body = RefreshRequest,
    responses(
        (status = 200, body = Message),
        errors::JsonBody, errors::Unavailable,
        (status = 401, description = "Unknown refresh token", body = ErrorBody, content_type = PROBLEM),
    ),
)]
pub async fn logout(
    State(state): State<AppState>,
    Json(body): Json<RefreshRequest>,
) -> AppResult<axum::Json<Message>> {
    sessions::end(&state, &body.refresh_token).await?;
    Ok(Message::new("Logged out"))
}

//! The error responses operations document, declared once.
//!
//! Every error is sent by [`AppError`](crate::error::AppError) as RFC 9457
//! problem JSON: an [`ErrorBody`] with `Content-Type:
//! application/problem+json`. The same causes recur across operations (a
//! missing token, a body that is not JSON, a database outage), so each
//! cause is declared here once, as a set named after what brings it in,
//! and an operation lists the sets that apply to it:
//!
//! ```text
//! responses(
//!     (status = 200, body = ItemPublic),
//!     errors::SignedIn, errors::InvalidParams, errors::Unavailable,
//!     (status = 404, description = "Item not found", body = ErrorBody, content_type = PROBLEM),
//! )
//! ```
//!
//! A later entry for the same status replaces an earlier one, so the
//! operation's own errors come last, and a description there covers the
//! shared cause too when both share a status.
//!
//! These types only describe responses; none is ever built.
//!
//! Not documented: 500 (a bug, never an answer by design), 405 and 404
//! for paths or methods that are not operations at all.

use utoipa::IntoResponses;

use crate::error::ErrorBody;

/// The media type of every error body; for an operation's own errors:
/// `(status = 404, description = "…", body = ErrorBody, content_type = PROBLEM)`.
pub const PROBLEM: &str = "application/problem+json";

/// One wording for every 422, whichever part of the request is at fault:
/// an operation may read a path, a query and a body, and documents one 422.
const INVALID: &str = "A body field, path segment or query parameter is missing or invalid; \
                       `errors` lists each";

/// Every `/api` operation but `/utils/health-check`: the request ran past
/// `REQUEST_TIMEOUT_SECONDS` (`middleware::timeout`), or the database is
/// down or busy (`db::fail_fast`, `AppError::from(sqlx::Error)`).
#[derive(IntoResponses)]
#[response(
    status = 503,
    description = "The database or the job queue is unavailable, or the request took too long; try again shortly",
    content_type = PROBLEM
)]
pub struct Unavailable(pub ErrorBody);

/// Operations for any signed-in user (`CurrentUser`, `CurrentSession`,
/// `UncheckedCaller` with `admit`).
#[derive(IntoResponses)]
pub enum SignedIn {
    /// Missing, invalid or expired access token, the session has ended, or its user no longer exists
    #[response(status = 401, content_type = PROBLEM, headers(("WWW-Authenticate" = String, description = "`Bearer`")))]
    Unauthorized(ErrorBody),
    /// Inactive user
    #[response(status = 403, content_type = PROBLEM)]
    Forbidden(ErrorBody),
}

/// Operations for superusers only (`SuperUser`). Such an operation also
/// says so to clients (and to the tests that check every one of them):
/// `extensions(("x-superuser-only" = json!(true)))`.
#[derive(IntoResponses)]
pub enum SuperUser {
    /// Missing, invalid or expired access token, the session has ended, or its user no longer exists
    #[response(status = 401, content_type = PROBLEM, headers(("WWW-Authenticate" = String, description = "`Bearer`")))]
    Unauthorized(ErrorBody),
    /// Inactive user, or not a superuser
    #[response(status = 403, content_type = PROBLEM)]
    Forbidden(ErrorBody),
}

/// Operations with a JSON body (`extract::Json`).
#[derive(IntoResponses)]
pub enum JsonBody {
    /// The body is not valid JSON, or could not be read
    #[response(status = 400, content_type = PROBLEM)]
    BadRequest(ErrorBody),
    /// The body is larger than `MAX_BODY_BYTES`
    #[response(status = 413, content_type = PROBLEM)]
    PayloadTooLarge(ErrorBody),
    /// The body is not sent as `application/json`
    #[response(status = 415, content_type = PROBLEM)]
    UnsupportedMediaType(ErrorBody),
    #[response(status = 422, description = INVALID, content_type = PROBLEM)]
    Invalid(ErrorBody),
}

/// Operations with a form body (`extract::Form`).
#[derive(IntoResponses)]
pub enum FormBody {
    /// The body could not be read
    #[response(status = 400, content_type = PROBLEM)]
    BadRequest(ErrorBody),
    /// The body is larger than `MAX_BODY_BYTES`
    #[response(status = 413, content_type = PROBLEM)]
    PayloadTooLarge(ErrorBody),
    /// A non-empty body not sent as `application/x-www-form-urlencoded`
    #[response(status = 415, content_type = PROBLEM)]
    UnsupportedMediaType(ErrorBody),
    #[response(status = 422, description = INVALID, content_type = PROBLEM)]
    Invalid(ErrorBody),
}

/// Operations with path segments or query parameters to parse (`IdPath`,
/// `EmailPath`, `extract::Query`).
#[derive(IntoResponses)]
#[response(
    status = 422,
    description = INVALID,
    content_type = PROBLEM
)]
pub struct InvalidParams(pub ErrorBody);

/// Rate-limited operations (`RateLimiter::check`).
#[derive(IntoResponses)]
#[response(
    status = 429,
    description = "Too many attempts; try again after `Retry-After` seconds",
    content_type = PROBLEM,
    headers(("Retry-After" = u64, description = "Seconds until attempts are allowed again"))
)]
pub struct RateLimited(pub ErrorBody);

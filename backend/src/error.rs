//! The one application error type and its JSON envelope.
//!
//! Every failure a handler can meet becomes an [`AppError`]. The response is
//! RFC 9457 problem JSON with a readable `detail` (what FastAPI-style clients
//! show) and, for validation failures, a per-field `errors` list. Unexpected
//! errors are logged with their cause chain, inside the request's span (so
//! with its request id), and answered with an opaque 500.

use std::borrow::Cow;
use std::time::Duration;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::health::{Outage, Suspect};

pub type AppResult<T> = Result<T, AppError>;

/// The detail of every 503 caused by a database outage.
const DATABASE_UNAVAILABLE: &str = "The database is unavailable, try again shortly";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The input field at fault, e.g. `email` or `body`.
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }

    /// A field the input lacks.
    pub fn required(field: impl Into<String>) -> FieldError {
        FieldError::new(field, "field required")
    }
}

/// The error body every endpoint may answer with.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    #[serde(rename = "type")]
    #[schema(example = "about:blank")]
    pub kind: &'static str,
    #[schema(example = "Not Found")]
    pub title: &'static str,
    /// The response's HTTP status code.
    #[schema(minimum = 100, maximum = 599, example = 404)]
    pub status: u16,
    /// A sentence a person can read.
    pub detail: String,
    /// Present on validation failures (422): one entry per rejected field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl ErrorBody {
    pub fn new(status: StatusCode, detail: String, errors: Vec<FieldError>) -> ErrorBody {
        ErrorBody {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail,
            errors,
        }
    }
}

#[derive(Debug)]
pub struct AppError {
    status: StatusCode,
    detail: Cow<'static, str>,
    errors: Vec<FieldError>,
    /// The hidden cause of a 500; logged, never sent.
    source: Option<anyhow::Error>,
    /// Sent as `Retry-After` (whole seconds) on a 429.
    retry_after: Option<Duration>,
    /// The error hints at a database outage: the response is marked so
    /// that `db::fail_fast` asks for a probe.
    suspect_database: bool,
}

impl AppError {
    fn new(status: StatusCode, detail: impl Into<Cow<'static, str>>) -> AppError {
        AppError {
            status,
            detail: detail.into(),
            errors: Vec::new(),
            source: None,
            retry_after: None,
            suspect_database: false,
        }
    }

    pub fn bad_request(detail: impl Into<Cow<'static, str>>) -> AppError {
        AppError::new(StatusCode::BAD_REQUEST, detail)
    }

    pub fn unauthorized(detail: impl Into<Cow<'static, str>>) -> AppError {
        AppError::new(StatusCode::UNAUTHORIZED, detail)
    }

    pub fn forbidden(detail: impl Into<Cow<'static, str>>) -> AppError {
        AppError::new(StatusCode::FORBIDDEN, detail)
    }

    pub fn not_found(detail: impl Into<Cow<'static, str>>) -> AppError {
        AppError::new(StatusCode::NOT_FOUND, detail)
    }

    pub fn conflict(detail: impl Into<Cow<'static, str>>) -> AppError {
        AppError::new(StatusCode::CONFLICT, detail)
    }

    pub fn method_not_allowed() -> AppError {
        AppError::new(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed")
    }

    pub fn payload_too_large() -> AppError {
        AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "The request body is too large",
        )
    }

    pub fn unsupported_media_type(detail: impl Into<Cow<'static, str>>) -> AppError {
        AppError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, detail)
    }

    pub fn service_unavailable(detail: impl Into<Cow<'static, str>>) -> AppError {
        AppError::new(StatusCode::SERVICE_UNAVAILABLE, detail)
    }

    /// A 503 while PostgreSQL is unreachable; the probe's error is the
    /// logged cause.
    pub fn database_unavailable(outage: &Outage) -> AppError {
        AppError {
            source: Some(anyhow::anyhow!(
                "database unreachable for {:.1?}: {}",
                outage.since.elapsed(),
                outage.cause
            )),
            ..AppError::service_unavailable(DATABASE_UNAVAILABLE)
        }
    }

    /// A 429: too many attempts; come back in `retry_after`.
    pub fn too_many_requests(retry_after: Duration) -> AppError {
        let seconds = retry_after.as_secs().max(1);
        let unit = if seconds == 1 { "second" } else { "seconds" };
        AppError {
            retry_after: Some(Duration::from_secs(seconds)),
            ..AppError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!("Too many attempts; try again in {seconds} {unit}"),
            )
        }
    }

    /// What the response's body says.
    pub fn body(&self) -> ErrorBody {
        ErrorBody::new(self.status, self.detail.to_string(), self.errors.clone())
    }

    /// A 422 listing every rejected field.
    pub fn validation(errors: Vec<FieldError>) -> AppError {
        let detail = errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("; ");
        AppError {
            errors,
            ..AppError::new(StatusCode::UNPROCESSABLE_ENTITY, detail)
        }
    }

    pub fn invalid_field(field: &str, message: &str) -> AppError {
        AppError::validation(vec![FieldError::new(field, message)])
    }

    pub fn internal(source: impl Into<anyhow::Error>) -> AppError {
        AppError {
            source: Some(source.into()),
            ..AppError::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal server error")
        }
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn detail(&self) -> &str {
        &self.detail
    }
}

impl From<sqlx::Error> for AppError {
    /// Database errors are translated here, and only here.
    fn from(err: sqlx::Error) -> AppError {
        if let sqlx::Error::Database(db) = &err {
            match db.constraint() {
                Some("users_email_lower_key") => {
                    return AppError::conflict("User with this email already exists");
                }
                // The owner was deleted while their row was being written
                // (items, and every resource made with `make scaffold`).
                Some(name) if name.ends_with("_owner_id_fkey") => {
                    return AppError::not_found("User not found");
                }
                _ => {}
            }
        }
        // Each may be an outage starting (see `db::health`): a pool that
        // cannot open a connection times out, pooled connections break, and
        // a server shutting down ends the sessions it has.
        let detail = match &err {
            sqlx::Error::PoolTimedOut => "The service is busy, try again shortly",
            sqlx::Error::Io(_) => DATABASE_UNAVAILABLE,
            sqlx::Error::Database(db) if is_shutdown(db.code().as_deref()) => DATABASE_UNAVAILABLE,
            _ => return AppError::internal(err),
        };
        AppError {
            source: Some(err.into()),
            suspect_database: true,
            ..AppError::service_unavailable(detail)
        }
    }
}

/// SQLSTATE class 57P: the server is shutting down or restarting
/// (admin_shutdown, crash_shutdown, cannot_connect_now).
fn is_shutdown(code: Option<&str>) -> bool {
    code.is_some_and(|code| code.starts_with("57P"))
}

impl From<anyhow::Error> for AppError {
    fn from(err: anyhow::Error) -> AppError {
        AppError::internal(err)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let Some(source) = &self.source {
            tracing::error!(
                status = self.status.as_u16(),
                error = format!("{source:#}"),
                "request failed"
            );
        }
        let body = self.body();
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.suspect_database {
            response.extensions_mut().insert(Suspect);
        }
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("application/problem+json"),
        );
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        if let Some(retry_after) = self.retry_after {
            headers.insert(header::RETRY_AFTER, retry_after.as_secs().into());
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::is_shutdown;

    #[test]
    fn a_server_shutting_down_is_recognised_by_its_sqlstate() {
        assert!(is_shutdown(Some("57P01")));
        assert!(is_shutdown(Some("57P03")));
        assert!(!is_shutdown(Some("57014"))); // query_canceled: not an outage
        assert!(!is_shutdown(Some("23505")));
        assert!(!is_shutdown(None));
    }
}

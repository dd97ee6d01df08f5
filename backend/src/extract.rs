//! Request extractors that reject with [`AppError`], so that every malformed
//! input (wrong content type, bad JSON, wrong types, missing fields, oversized
//! bodies, malformed ids or query strings) gets a clear 4xx.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{HeaderMap, header, request::Parts};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::error::{AppError, FieldError};

/// A JSON request body (`Content-Type: application/json`). Every body of
/// this API is an object: serde would also read a struct from an array of
/// its fields, and name the Rust type when refusing anything else.
pub struct Json<T>(pub T);

/// An `application/x-www-form-urlencoded` body (the OAuth2 password form).
/// An empty body is an empty form whatever its type, so a request with no
/// body gets the 422 naming the missing fields, as FastAPI answers it.
pub struct Form<T>(pub T);

/// The query string, e.g. pagination.
pub struct Query<T>(pub T);

/// The single `{id}` segment of a path, which must be a UUID.
pub struct IdPath(pub Uuid);

/// The single `{email}` segment of a path, as text (not yet checked as an
/// address).
pub struct EmailPath(pub String);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        if !content_type_is(req.headers(), |mime| {
            mime == "application/json" || mime.ends_with("+json")
        }) {
            return Err(AppError::unsupported_media_type(
                "Expected a JSON body with Content-Type: application/json",
            ));
        }
        let bytes = read_body(req, state).await?;
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(not_an_object(&bytes));
        }
        let deserializer = &mut serde_json::Deserializer::from_slice(&bytes);
        let value = serde_path_to_error::deserialize(&mut *deserializer).map_err(json_error)?;
        deserializer
            .end()
            .map_err(|_| AppError::bad_request("The request body is not valid JSON"))?;
        Ok(Json(value))
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let is_form = content_type_is(req.headers(), |mime| {
            mime == "application/x-www-form-urlencoded"
        });
        let bytes = read_body(req, state).await?;
        if !is_form && !bytes.is_empty() {
            return Err(AppError::unsupported_media_type(
                "Expected a form body with Content-Type: application/x-www-form-urlencoded",
            ));
        }
        parse_urlencoded(&bytes).map(Form)
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        let query = parts.uri.query().unwrap_or_default();
        parse_urlencoded(query.as_bytes()).map(Query)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let axum::extract::Path(raw) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|_| AppError::invalid_field("id", "must be a valid UUID"))?;
        Uuid::try_parse(&raw)
            .map(IdPath)
            .map_err(|_| AppError::invalid_field("id", "must be a valid UUID"))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for EmailPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Path::<String>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(raw)| EmailPath(raw))
            .map_err(|_| AppError::invalid_field("email", "must be valid UTF-8 text"))
    }
}

fn content_type_is(headers: &HeaderMap, accept: impl Fn(&str) -> bool) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map(|mime| accept(&mime.trim().to_ascii_lowercase()))
        .unwrap_or(false)
}

async fn read_body<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, AppError> {
    Bytes::from_request(req, state).await.map_err(|rejection| {
        if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            AppError::payload_too_large()
        } else {
            AppError::bad_request("Could not read the request body")
        }
    })
}

fn parse_urlencoded<T: DeserializeOwned>(input: &[u8]) -> Result<T, AppError> {
    let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(input));
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let field = err.path().to_string();
        AppError::validation(vec![field_error(&field, &err.into_inner().to_string())])
    })
}

/// The refusal of a body that does not start with `{`: a 422 if it is JSON
/// of another kind, a 400 if it is not JSON at all.
fn not_an_object(bytes: &[u8]) -> AppError {
    match serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
        Ok(_) => AppError::invalid_field("body", "must be a JSON object"),
        Err(_) => AppError::bad_request("The request body is not valid JSON"),
    }
}

fn json_error(err: serde_path_to_error::Error<serde_json::Error>) -> AppError {
    let field = err.path().to_string();
    let inner = err.into_inner();
    if inner.is_data() {
        AppError::validation(vec![field_error(&field, &inner.to_string())])
    } else {
        AppError::bad_request("The request body is not valid JSON")
    }
}

/// Turns serde's wording into a field name and a message a person can read.
fn field_error(path: &str, message: &str) -> FieldError {
    let message = match message.find(" at line ") {
        Some(end) => &message[..end],
        None => message,
    };
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.trim_end_matches('`');
        let field = if path == "." {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        };
        return FieldError::required(field);
    }
    let field = if path == "." { "body" } else { path };
    FieldError::new(field, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_field_names_the_field() {
        let err = field_error(".", "missing field `email` at line 1 column 2");
        assert_eq!(err, FieldError::required("email"));
    }

    #[test]
    fn a_body_is_refused_as_invalid_json_or_as_not_an_object() {
        for json in [&b"[\"title\"]"[..], b"null", b" 42 ", b"\"text\""] {
            assert_eq!(not_an_object(json).status(), 422);
        }
        for garbage in [&b""[..], b"[", b"nope", &[b'['; 500]] {
            assert_eq!(not_an_object(garbage).status(), 400);
        }
    }

    #[test]
    fn type_errors_keep_the_path_and_drop_the_position() {
        let err = field_error(
            "title",
            "invalid type: integer `5`, expected a string at line 1 column 12",
        );
        assert_eq!(
            err,
            FieldError::new("title", "invalid type: integer `5`, expected a string")
        );
    }
}

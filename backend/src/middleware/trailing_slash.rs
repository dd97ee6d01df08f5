use axum::extract::Request;
use axum::http::Uri;

/// API paths answer with and without a trailing slash, without a redirect
/// (clients written for the FastAPI template call `/api/v1/items/`). Routes are declared
/// without the slash; this runs before routing and removes it.
pub fn strip_trailing_slash(mut req: Request) -> Request {
    let path = req.uri().path();
    if path.starts_with("/api/") && path.len() > 1 && path.ends_with('/') {
        let trimmed = path.trim_end_matches('/');
        let rebuilt = match req.uri().query() {
            Some(query) => format!("{trimmed}?{query}"),
            None => trimmed.to_owned(),
        };
        if let Ok(uri) = rebuilt.parse::<Uri>() {
            *req.uri_mut() = uri;
        }
    }
    req
}

//! The one route table, and the middleware stack around it.

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::middleware::{from_fn, from_fn_with_state};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::{health, items, login, private, recovery, users, utils};
use crate::db;
use crate::error::AppError;
use crate::middleware;
use crate::openapi::ApiDoc;
use crate::state::AppState;

/// Every API route, with its OpenAPI description. Declared without trailing
/// slashes; `middleware::strip_trailing_slash` makes both forms work.
pub fn api_router(include_private: bool) -> OpenApiRouter<AppState> {
    let v1 = OpenApiRouter::new()
        .routes(routes!(login::access_token))
        .routes(routes!(login::test_token))
        .routes(routes!(login::refresh))
        .routes(routes!(login::logout))
        .routes(routes!(recovery::recover_password))
        .routes(routes!(recovery::reset_password))
        .routes(routes!(recovery::revert_email_change))
        .routes(routes!(recovery::recover_password_html_content))
        .routes(routes!(
            users::manage::read_users,
            users::manage::create_user
        ))
        .routes(routes!(
            users::me::read_user_me,
            users::me::update_user_me,
            users::me::delete_user_me
        ))
        .routes(routes!(users::me::update_password_me))
        .routes(routes!(users::signup::register_user))
        .routes(routes!(
            users::manage::read_user_by_id,
            users::manage::update_user,
            users::manage::delete_user
        ))
        .routes(routes!(items::read_items, items::create_item))
        .routes(routes!(
            items::read_item,
            items::update_item,
            items::delete_item
        ))
        .routes(routes!(utils::health_check))
        .routes(routes!(utils::test_email));
    let v1 = resources().into_iter().fold(v1, OpenApiRouter::merge);
    let v1 = if include_private {
        v1.routes(routes!(private::create_user))
    } else {
        v1
    };
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", v1)
        .routes(routes!(health::live))
        .routes(routes!(health::ready))
}

/// The routers of the resources added with `make scaffold`, one line each.
/// Kept as written so that `make scaffold-remove` finds its line again.
#[rustfmt::skip]
fn resources() -> Vec<OpenApiRouter<AppState>> {
    vec![
    ]
}

/// The API's routes and their finished OpenAPI document.
pub fn api(include_private: bool) -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (api, mut openapi) = api_router(include_private).split_for_parts();
    crate::openapi::add_error_examples(&mut openapi);
    (api, openapi)
}

/// The whole application: API, docs, metrics and middleware.
pub fn router(state: AppState) -> Router {
    let include_private = state.config.environment.is_development();
    let (api, openapi) = api(include_private);
    let pool = state.db.clone();
    let metrics = axum::routing::get(move || async move { crate::metrics::render(&pool) });
    let api = if state.config.api_docs {
        api.merge(crate::openapi::swagger_ui(openapi))
    } else {
        api
    };
    api.route("/metrics", metrics)
        .fallback(|| async { AppError::not_found("Not Found") })
        .method_not_allowed_fallback(|| async { AppError::method_not_allowed() })
        .layer(from_fn(middleware::run_to_completion))
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(from_fn_with_state(state.clone(), db::fail_fast::fail_fast))
        .layer(from_fn_with_state(state.clone(), middleware::timeout))
        .layer(CompressionLayer::new())
        .layer(cors(&state.config.cors_origins))
        .layer(from_fn(middleware::observe))
        .layer(from_fn(middleware::request_id))
        .with_state(state)
}

fn cors(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> = origins.iter().filter_map(|o| o.parse().ok()).collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static("x-request-id"),
        ])
        .expose_headers([HeaderName::from_static("x-request-id")])
        // How long a browser may reuse a pre-flight answer, as the FastAPI
        // full-stack template allows; without it Chromium asks again after
        // 5 seconds, doubling the round trips of a cross-origin client.
        .max_age(Duration::from_secs(600))
    // No credentials: the API authenticates with a bearer token, never a
    // cookie, so a browser never needs to send cookies to it cross-origin.
}

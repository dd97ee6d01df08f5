//! The OpenAPI 3.1 document. Paths and schemas come from the handlers'
//! annotations (collected in `routes`); this adds what is global.

use utoipa::openapi::security::{Flow, OAuth2, Password, Scopes, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::api::BEARER;
use crate::error::ErrorBody;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Full Stack Rust API",
        description = "Users and items API, wire-compatible with the FastAPI full-stack template. \
                       Paths answer with and without a trailing slash.",
        license(name = "MIT", identifier = "MIT"),
    ),
    modifiers(&PasswordFlow),
    // The shared error sets (`api::errors`) reference ErrorBody without
    // registering it; listed here so it is there whatever operations use.
    components(schemas(ErrorBody)),
    tags(
        (name = "login", description = "Access tokens, refresh tokens and logout"),
        (name = "users", description = "Accounts"),
        (name = "items", description = "Each user's items"),
        (name = "utils", description = "Utilities"),
        (name = "health", description = "Liveness and readiness probes"),
        (name = "private", description = "Development-only helpers"),
    ),
)]
pub struct ApiDoc;

/// Lets Swagger UI's "Authorize" button log in with email and password.
struct PasswordFlow;

impl Modify for PasswordFlow {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let flow = Flow::Password(Password::new("/api/v1/login/access-token", Scopes::new()));
        components.add_security_scheme(BEARER, SecurityScheme::OAuth2(OAuth2::new([flow])));
    }
}

/// The document as served at `/openapi.json`.
pub fn document(include_private: bool) -> utoipa::openapi::OpenApi {
    let (_, openapi) = crate::routes::api_router(include_private).split_for_parts();
    openapi
}

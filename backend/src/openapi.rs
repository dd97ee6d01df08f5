//! The OpenAPI 3.1 document, and Swagger UI to read it. Paths and schemas
//! come from the handlers' annotations (collected in `routes`); this adds
//! what is global.

use axum::Router;
use axum::http::{StatusCode, header};
use axum::routing::get;
use utoipa::openapi::RefOr;
use utoipa::openapi::security::{Flow, OAuth2, Password, Scopes, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_swagger_ui::{Config, SwaggerUi};

use crate::api::BEARER;
use crate::api::errors::PROBLEM;
use crate::error::{AppError, ErrorBody};
use crate::state::AppState;

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
    let (_, openapi) = crate::routes::api(include_private);
    openapi
}

/// Gives every documented error an example of the body sent with its status.
/// Without one, Swagger UI makes one up from the schema alone, whatever the
/// status documented. Runs once the operations are in the document (a
/// `Modify` runs before).
pub fn add_error_examples(openapi: &mut utoipa::openapi::OpenApi) {
    for item in openapi.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ];
        for operation in operations.into_iter().flatten() {
            for (status, response) in operation.responses.responses.iter_mut() {
                let (Ok(status), RefOr::T(response)) = (status.parse::<StatusCode>(), response)
                else {
                    continue;
                };
                if let Some(content) = response.content.get_mut(PROBLEM) {
                    let example = error_example(status, &response.description);
                    content.example = Some(serde_json::to_value(example).expect("a JSON body"));
                }
            }
        }
    }
}

/// The body of an error with this status, its documented description as the
/// detail; for a 422, an error the API gives for a field.
fn error_example(status: StatusCode, description: &str) -> ErrorBody {
    if status == StatusCode::UNPROCESSABLE_ENTITY {
        return AppError::invalid_field("email", "value is not a valid email address").body();
    }
    ErrorBody::new(status, description.to_owned(), Vec::new())
}

/// Swagger UI at `/docs`, reading the document at `/openapi.json`.
pub fn swagger_ui(openapi: utoipa::openapi::OpenApi) -> Router<AppState> {
    // No validator badge: it would fetch an image from swagger.io, which the
    // proxy's Content-Security-Policy (rightly) blocks.
    let ui = SwaggerUi::new("/docs")
        .url("/openapi.json", openapi)
        .config(Config::default().validator_url("none"));
    let stylesheet = stylesheet();
    Router::from(ui).route(
        "/docs/index.css",
        get(move || async move { ([(header::CONTENT_TYPE, "text/css")], stylesheet) }),
    )
}

/// Swagger UI's Authorize dialog asks for an OAuth2 client (its id and
/// secret, and where to send them) in the password flow, and once signed in
/// shows `client_secret: ******` and `Client credentials location: basic`
/// though none was entered. The API has no clients: only the username and
/// password are shown. Swagger UI has no setting for it, so these rules
/// follow its own stylesheet (`index.css`, loaded after the main one).
const AUTHORIZE_DIALOG_CSS: &str = r#"
/* The password flow without an OAuth2 client, and no scopes to explain. */
.auth-container .wrapper:has(> label[for="password_type"]),
.auth-container .wrapper:has(> label[for="client_id_password"]),
.auth-container .wrapper:has(> label[for="client_secret_password"]),
.auth-container .scope-def {
    display: none;
}
"#;

fn stylesheet() -> axum::body::Bytes {
    let own = utoipa_swagger_ui::serve("index.css", Default::default())
        .ok()
        .flatten()
        .expect("Swagger UI ships an index.css");
    [own.bytes.as_ref(), AUTHORIZE_DIALOG_CSS.as_bytes()]
        .concat()
        .into()
}

//! HTTP handlers, one module per resource. Routes are listed in
//! `crate::routes`; request and response shapes live next to their handlers.

pub mod errors;
pub mod health;
pub mod items;
pub mod login;
pub mod private;
pub mod recovery;
pub mod users;
pub mod utils;

use serde::Serialize;
use utoipa::ToSchema;

/// The security scheme name used by every authenticated route.
pub const BEARER: &str = "OAuth2PasswordBearer";

/// A plain confirmation, e.g. `{"message": "Item deleted successfully"}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Message {
    pub message: String,
}

impl Message {
    pub fn new(message: impl Into<String>) -> axum::Json<Message> {
        axum::Json(Message {
            message: message.into(),
        })
    }
}

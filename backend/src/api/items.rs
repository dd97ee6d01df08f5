//! `/api/v1/items/*`: each user's items; superusers see and manage all.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::Message;
use super::errors::{self, PROBLEM};
use crate::auth::{CurrentUser, UncheckedCaller, admit};
use crate::db::items::{self, Item};
use crate::db::users::Account;
use crate::domain::{Description, Pagination, Referable, Title, Validator, nullable, required};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::extract::{IdPath, Json, Query};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct ItemPublic {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub owner_id: Uuid,
    pub created_at: DateTime<Utc>,
}

impl From<Item> for ItemPublic {
    fn from(item: Item) -> ItemPublic {
        ItemPublic {
            id: item.id,
            title: item.title,
            description: item.description,
            owner_id: item.owner_id,
            created_at: item.created_at,
        }
    }
}

/// Rows of resources made with `make scaffold` may refer to items.
impl Referable for ItemPublic {
    const COLLECTION: &'static str = "/api/v1/items";
    const NAME: &'static str = "item";
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ItemsPublic {
    pub data: Vec<ItemPublic>,
    pub count: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct ItemCreate {
    #[schema(schema_with = required::<Title>)]
    title: String,
    #[schema(schema_with = nullable::<Description>)]
    description: Option<String>,
}

/// Fields to change; absent fields stay as they are.
#[derive(Deserialize, ToSchema)]
pub struct ItemUpdate {
    #[schema(schema_with = nullable::<Title>)]
    title: Option<String>,
    #[schema(schema_with = nullable::<Description>)]
    description: Option<String>,
}

fn parse_fields(
    title: Option<String>,
    description: Option<String>,
) -> AppResult<(Option<Title>, Option<Description>)> {
    let mut v = Validator::default();
    let title = v.check_optional("title", title, Title::parse);
    let description = v.check_optional("description", description, Description::parse);
    v.finish()?;
    Ok((title.flatten(), description.flatten()))
}

/// The 403 of the `{id}` operations (it replaces `errors::SignedIn`'s).
const NOT_OWNER: &str = "Inactive user, or the item belongs to someone else";

/// Loads the item if the caller may touch it: 404 when unknown, 403 when
/// it belongs to someone else.
async fn owned_item(state: &AppState, caller: &Account, id: Uuid) -> AppResult<Item> {
    let item = items::find(&state.db, id)
        .await?
        .ok_or_else(|| AppError::not_found("Item not found"))?;
    if !caller.is_superuser && item.owner_id != caller.id {
        return Err(AppError::forbidden("Not enough permissions"));
    }
    Ok(item)
}

/// The caller's items (a superuser's: everyone's), newest first.
#[utoipa::path(
    get, path = "/items", tag = "items", security(("OAuth2PasswordBearer" = [])),
    params(Pagination),
    responses(
        (status = 200, body = ItemsPublic),
        errors::SignedIn, errors::InvalidParams, errors::Unavailable,
    ),
)]
pub async fn read_items(
    State(state): State<AppState>,
    UncheckedCaller(claims): UncheckedCaller,
    Query(pagination): Query<Pagination>,
) -> AppResult<axum::Json<ItemsPublic>> {
    let page = pagination.page()?;
    // The busiest route: the caller's account is checked in the same
    // statement that reads their items, one round trip in all.
    let found = items::list_for_caller(&state.db, claims.user_id, claims.session_id, page).await?;
    let session_ended = found.as_ref().is_some_and(|found| found.session_ended);
    admit(
        &claims,
        found.as_ref().map(|found| found.account),
        session_ended,
    )?;
    let found = found.expect("admit refuses a missing account");
    let (items, count) = if found.is_superuser {
        items::list_all(&state.db, page).await?
    } else {
        (found.items, found.total)
    };
    let data = items.into_iter().map(ItemPublic::from).collect();
    Ok(axum::Json(ItemsPublic { data, count }))
}

#[utoipa::path(
    post, path = "/items", tag = "items", security(("OAuth2PasswordBearer" = [])),
    request_body = ItemCreate,
    responses(
        (status = 201, body = ItemPublic),
        errors::SignedIn, errors::JsonBody, errors::Unavailable,
    ),
)]
pub async fn create_item(
    State(state): State<AppState>,
    CurrentUser(caller): CurrentUser,
    Json(body): Json<ItemCreate>,
) -> AppResult<(StatusCode, axum::Json<ItemPublic>)> {
    let (title, description) = parse_fields(Some(body.title), body.description)?;
    let title = title.expect("title is required by the body type");
    let item = items::insert(
        &state.db,
        caller.id,
        &title.0,
        description.as_ref().map(|d| d.0.as_str()),
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(item.into())))
}

#[utoipa::path(
    get, path = "/items/{id}", tag = "items", security(("OAuth2PasswordBearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = ItemPublic),
        errors::SignedIn, errors::InvalidParams, errors::Unavailable,
        (status = 403, description = NOT_OWNER, body = ErrorBody, content_type = PROBLEM),
        (status = 404, description = "Item not found", body = ErrorBody, content_type = PROBLEM),
    ),
)]
pub async fn read_item(
    State(state): State<AppState>,
    CurrentUser(caller): CurrentUser,
    IdPath(id): IdPath,
) -> AppResult<axum::Json<ItemPublic>> {
    Ok(axum::Json(owned_item(&state, &caller, id).await?.into()))
}

#[utoipa::path(
    put, path = "/items/{id}", tag = "items", security(("OAuth2PasswordBearer" = [])),
    params(("id" = Uuid, Path)),
    request_body = ItemUpdate,
    responses(
        (status = 200, body = ItemPublic),
        errors::SignedIn, errors::InvalidParams, errors::JsonBody, errors::Unavailable,
        (status = 403, description = NOT_OWNER, body = ErrorBody, content_type = PROBLEM),
        (status = 404, description = "Item not found", body = ErrorBody, content_type = PROBLEM),
    ),
)]
pub async fn update_item(
    State(state): State<AppState>,
    CurrentUser(caller): CurrentUser,
    IdPath(id): IdPath,
    Json(body): Json<ItemUpdate>,
) -> AppResult<axum::Json<ItemPublic>> {
    let (title, description) = parse_fields(body.title, body.description)?;
    owned_item(&state, &caller, id).await?;
    let item = items::update(
        &state.db,
        id,
        title.as_ref().map(|t| t.0.as_str()),
        description.as_ref().map(|d| d.0.as_str()),
    )
    .await?
    .ok_or_else(|| AppError::not_found("Item not found"))?;
    Ok(axum::Json(item.into()))
}

#[utoipa::path(
    delete, path = "/items/{id}", tag = "items", security(("OAuth2PasswordBearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = Message),
        errors::SignedIn, errors::InvalidParams, errors::Unavailable,
        (status = 403, description = NOT_OWNER, body = ErrorBody, content_type = PROBLEM),
        (status = 404, description = "Item not found", body = ErrorBody, content_type = PROBLEM),
    ),
)]
pub async fn delete_item(
    State(state): State<AppState>,
    CurrentUser(caller): CurrentUser,
    IdPath(id): IdPath,
) -> AppResult<axum::Json<Message>> {
    owned_item(&state, &caller, id).await?;
    items::delete(&state.db, id).await?;
    Ok(Message::new("Item deleted successfully"))
}

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

use super::users::AccountState;
use crate::domain::Page;

#[derive(Debug, Clone)]
pub struct Item {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub owner_id: Uuid,
    pub created_at: DateTime<Utc>,
}

/// The columns of a page row: the total, then an item (absent when the page
/// is empty, so that the total still arrives in the same round trip).
struct PageRow {
    total: i64,
    id: Option<Uuid>,
    title: Option<String>,
    description: Option<String>,
    owner_id: Option<Uuid>,
    created_at: Option<DateTime<Utc>>,
}

fn into_page(rows: Vec<PageRow>) -> (Vec<Item>, i64) {
    let total = rows.first().map_or(0, |row| row.total);
    let items = rows
        .into_iter()
        .filter_map(|row| {
            Some(Item {
                id: row.id?,
                title: row.title?,
                description: row.description,
                owner_id: row.owner_id?,
                created_at: row.created_at?,
            })
        })
        .collect();
    (items, total)
}

/// A caller's page of their own items, read together with the caller's
/// account in one round trip: `None` when the account no longer exists.
pub struct CallerPage {
    pub account: AccountState,
    /// The access token's session has ended (see `auth::admit`).
    pub session_ended: bool,
    pub is_superuser: bool,
    pub items: Vec<Item>,
    pub total: i64,
}

struct CallerPageRow {
    is_active: bool,
    session_ended: bool,
    sessions_revoked_at: Option<DateTime<Utc>>,
    is_superuser: bool,
    total: i64,
    id: Option<Uuid>,
    title: Option<String>,
    description: Option<String>,
    owner_id: Option<Uuid>,
    created_at: Option<DateTime<Utc>>,
}

/// The hot query of `GET /items`: the caller's account and their page of
/// items (whose owner index serves both the count and the page).
pub async fn list_for_caller(
    db: impl PgExecutor<'_>,
    caller_id: Uuid,
    session_id: Uuid,
    page: Page,
) -> sqlx::Result<Option<CallerPage>> {
    let rows = sqlx::query_as!(
        CallerPageRow,
        r#"SELECT u.is_active, u.sessions_revoked_at, u.is_superuser,
                  EXISTS (SELECT 1 FROM auth_tokens t
                          WHERE t.family_id = $4 AND t.revoked_at IS NOT NULL) AS "session_ended!",
                  c.total AS "total!", i.id AS "id?",
                  i.title AS "title?", i.description, i.owner_id AS "owner_id?",
                  i.created_at AS "created_at?"
           FROM users u
           CROSS JOIN LATERAL (SELECT count(*) AS total FROM items WHERE owner_id = u.id) c
           LEFT JOIN LATERAL (
               SELECT * FROM items WHERE owner_id = u.id
               ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3
           ) i ON true
           WHERE u.id = $1"#,
        caller_id,
        page.limit,
        page.offset,
        session_id,
    )
    .fetch_all(db)
    .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let account = AccountState {
        is_active: first.is_active,
        sessions_revoked_at: first.sessions_revoked_at,
    };
    let is_superuser = first.is_superuser;
    let session_ended = first.session_ended;
    let rows = rows.into_iter().map(|row| PageRow {
        total: row.total,
        id: row.id,
        title: row.title,
        description: row.description,
        owner_id: row.owner_id,
        created_at: row.created_at,
    });
    let (items, total) = into_page(rows.collect());
    Ok(Some(CallerPage {
        account,
        session_ended,
        is_superuser,
        items,
        total,
    }))
}

/// Every item, newest first (a superuser's view).
pub async fn list_all(db: impl PgExecutor<'_>, page: Page) -> sqlx::Result<(Vec<Item>, i64)> {
    let rows = sqlx::query_as!(
        PageRow,
        r#"SELECT c.total AS "total!", i.id AS "id?", i.title AS "title?", i.description,
                  i.owner_id AS "owner_id?", i.created_at AS "created_at?"
           FROM (SELECT count(*) AS total FROM items) c
           LEFT JOIN LATERAL (
               SELECT * FROM items ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2
           ) i ON true"#,
        page.limit,
        page.offset,
    )
    .fetch_all(db)
    .await?;
    Ok(into_page(rows))
}

pub async fn find(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<Item>> {
    sqlx::query_as!(Item, "SELECT * FROM items WHERE id = $1", id)
        .fetch_optional(db)
        .await
}

pub async fn insert(
    db: impl PgExecutor<'_>,
    owner_id: Uuid,
    title: &str,
    description: Option<&str>,
) -> sqlx::Result<Item> {
    sqlx::query_as!(
        Item,
        "INSERT INTO items (owner_id, title, description) VALUES ($1, $2, $3) RETURNING *",
        owner_id,
        title,
        description,
    )
    .fetch_one(db)
    .await
}

/// Changes the given fields; `None` leaves a field as it is.
pub async fn update(
    db: impl PgExecutor<'_>,
    id: Uuid,
    title: Option<&str>,
    description: Option<&str>,
) -> sqlx::Result<Option<Item>> {
    sqlx::query_as!(
        Item,
        r#"UPDATE items SET title = COALESCE($2, title), description = COALESCE($3, description)
           WHERE id = $1 RETURNING *"#,
        id,
        title,
        description,
    )
    .fetch_optional(db)
    .await
}

pub async fn delete(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<bool> {
    let result = sqlx::query!("DELETE FROM items WHERE id = $1", id)
        .execute(db)
        .await?;
    Ok(result.rows_affected() == 1)
}

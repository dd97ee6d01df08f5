//! `/api/v1/items`: each user's own items, and the superuser's view of all.

mod access;
mod by_id;
mod create;
mod list;

//! `/api/v1/users`: who may call what, the superuser's management of
//! accounts, and each user's own account.

mod by_id;
mod delete;
mod email_change;
mod last_superuser;
mod list_and_create;
mod me;
mod password;
mod permissions;
mod signup;

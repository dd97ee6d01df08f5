//! Authentication: password hashing, access tokens (JWT), opaque refresh
//! tokens with rotation, and the extractors that identify the caller.

mod access;
mod current_user;
pub mod email_change;
mod opaque;
mod password;
pub mod password_reset;
pub mod sessions;
mod single_use;
mod user_cache;

pub use access::{AccessClaims, AccessTokens};
pub use current_user::{
    CurrentSession, CurrentUser, SuperUser, UncheckedCaller, admit, user_not_found,
};
pub use opaque::OpaqueToken;
pub use password::PasswordHasher;
pub use user_cache::UserCache;

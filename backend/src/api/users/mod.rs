//! `/api/v1/users/*`: sign-up, the caller's own account, and user
//! management by superusers.

pub mod manage;
pub mod me;
mod schemas;
pub mod signup;

pub use schemas::{
    UpdatePassword, UserCreate, UserPublic, UserRegister, UserUpdate, UserUpdateMe, UsersPublic,
};

//! Signing in and staying signed in: the password form, which access
//! tokens are accepted, refresh-token rotation and the end of sessions.

mod access_ends;
mod password_form;
mod refresh;
mod sessions;
mod token_rules;

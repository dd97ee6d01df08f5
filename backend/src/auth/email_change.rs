//! Changing a user's own email, and undoing the change.
//!
//! Whoever holds a user's access token can change the email, then recover
//! the password through the new address: a stolen token would become the
//! account. So a change made by the user (`PATCH /users/me`) sends the old
//! address a notice with a single-use link, valid for
//! `EMAIL_REVERT_TOKEN_EXPIRE_HOURS` (7 days). The link puts the old address
//! back, sets a new password, ends every session and cancels every
//! password-reset link. Until it expires, no other account may take the old
//! address (which would block the way back).
//!
//! Changes made after the one being undone lose their links too; earlier
//! ones keep theirs, so the owner's original address always wins.

use chrono::Utc;
use sqlx::PgConnection;
use uuid::Uuid;

use super::{OpaqueToken, single_use};
use crate::db::tokens::{self, NewToken, Purpose};
use crate::db::users::{self, User, UserChanges};
use crate::domain::{Email, Password};
use crate::email::templates;
use crate::error::{AppError, AppResult};
use crate::jobs::{SendEmail, outbox};
use crate::state::AppState;

/// The refusal when another account holds, or is owed, the address.
pub fn taken() -> AppError {
    AppError::conflict("User with this email already exists")
}

/// Applies the caller's own changes; a new email also stages the notice to
/// the old one, in the same transaction.
pub async fn update_own(
    state: &AppState,
    user_id: Uuid,
    email: Option<Email>,
    full_name: Option<String>,
) -> AppResult<User> {
    let mut tx = state.db.begin().await?;
    let current = users::find_by_id(&mut *tx, user_id)
        .await?
        .ok_or_else(|| AppError::not_found("User not found"))?;
    let new_email = email
        .map(|email| email.as_str().to_owned())
        .filter(|email| *email != current.email);
    if let Some(email) = &new_email
        && tokens::email_is_held(&mut *tx, email, user_id).await?
    {
        return Err(taken());
    }
    let changes = UserChanges {
        email: new_email.clone(),
        full_name,
        ..UserChanges::default()
    };
    let updated = users::update(&mut *tx, user_id, changes)
        .await?
        .ok_or_else(|| AppError::not_found("User not found"))?;
    // Only the case changed: still the same mailbox, nothing to undo.
    let mailbox_changed = new_email
        .as_deref()
        .is_some_and(|email| email.to_lowercase() != current.email.to_lowercase());
    if mailbox_changed {
        stage_notice(state, &mut tx, &current, &updated.email).await?;
    }
    tx.commit().await?;
    state.user_cache.forget(user_id).await;
    if mailbox_changed {
        tracing::info!(user_id = %user_id, "email changed; the old address was sent a revert link");
        outbox::relay_now(&state.db, &state.jobs).await;
    }
    Ok(updated)
}

async fn stage_notice(
    state: &AppState,
    tx: &mut PgConnection,
    before: &User,
    new_email: &str,
) -> AppResult<()> {
    let token = OpaqueToken::generate(Purpose::EmailRevert);
    tokens::insert(
        &mut *tx,
        NewToken {
            user_id: before.id,
            purpose: Purpose::EmailRevert,
            token_hash: &token.hash,
            family_id: Uuid::new_v4(),
            expires_at: Utc::now() + state.config.email.revert_token_ttl,
            restores_email: Some(&before.email),
        },
    )
    .await?;
    let notice = templates::email_changed(&state.config, &before.email, new_email, &token.value);
    outbox::stage(tx, &SendEmail(notice)).await?;
    Ok(())
}

/// Undoes the change the token was sent for: the old email comes back with
/// `new_password`, every session ends, and every reset link (and the links
/// of later changes) stop working. The token works once.
pub async fn revert(state: &AppState, presented: &str, new_password: &Password) -> AppResult<()> {
    let invalid = || AppError::bad_request("Invalid or expired email change link");
    let mut tx = state.db.begin().await?;
    let (stored, user) =
        single_use::take(&mut tx, Purpose::EmailRevert, presented, invalid).await?;
    let old_email = stored.restores_email.clone().ok_or_else(invalid)?;
    let hashed_password = state.passwords.hash(new_password.expose()).await?;
    let changes = UserChanges {
        email: Some(old_email),
        hashed_password: Some(hashed_password),
        sessions_revoked_at: Some(Utc::now()),
        ..UserChanges::default()
    };
    users::update(&mut *tx, user.id, changes).await?;
    tokens::mark_used(&mut *tx, stored.id).await?;
    tokens::revoke_reverts_after(&mut *tx, user.id, stored.created_at).await?;
    let ended = tokens::revoke_all_for_user(&mut *tx, user.id, Purpose::Refresh, None).await?;
    tokens::revoke_all_for_user(&mut *tx, user.id, Purpose::PasswordReset, None).await?;
    tx.commit().await?;
    state.user_cache.forget(user.id).await;
    state.user_cache.end_sessions(&ended).await;
    tracing::warn!(user_id = %user.id, "email change undone through the link sent to the old address");
    Ok(())
}

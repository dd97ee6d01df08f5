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
use crate::db::users::{self, Account, User, UserChanges};
use crate::domain::{Email, Password};
use crate::email::templates;
use crate::error::{AppError, AppResult};
use crate::jobs::{Envelope, SendEmail, outbox};
use crate::state::AppState;

/// Refuses `email` (409) while a live revert link of another user would put
/// it back: taking it would block that user's way back.
pub async fn refuse_if_held(tx: &mut PgConnection, email: &str, user_id: Uuid) -> AppResult<()> {
    if tokens::email_is_held(&mut *tx, email, user_id).await? {
        return Err(AppError::conflict("User with this email already exists"));
    }
    Ok(())
}

/// Applies the caller's own changes; a new email also stages the notice to
/// the old one, in the same transaction.
pub async fn update_own(
    state: &AppState,
    caller: &Account,
    email: Option<Email>,
    full_name: Option<String>,
) -> AppResult<User> {
    let new_email = email
        .map(|email| email.as_str().to_owned())
        .filter(|email| *email != caller.email);
    let mut tx = state.db.begin().await?;
    if let Some(email) = &new_email {
        refuse_if_held(&mut tx, email, caller.id).await?;
    }
    let changes = UserChanges {
        email: new_email.clone(),
        full_name,
        ..UserChanges::default()
    };
    let updated = users::update(&mut *tx, caller.id, changes)
        .await?
        .ok_or_else(|| AppError::not_found("User not found"))?;
    // Only the case changed: still the same mailbox, nothing to undo.
    let mailbox_changed = new_email
        .as_deref()
        .is_some_and(|email| email.to_lowercase() != caller.email.to_lowercase());
    let notice = match mailbox_changed {
        true => Some(stage_notice(state, &mut tx, caller, &updated.email).await?),
        false => None,
    };
    tx.commit().await?;
    state.user_cache.forget(caller.id).await;
    if let Some(notice) = notice {
        tracing::info!(user_id = %caller.id, "email changed; the old address was sent a revert link");
        outbox::relay_now(&state.db, &state.jobs, notice).await;
    }
    Ok(updated)
}

/// Issues the revert link and stages the notice carrying it; returns the
/// notice's job id.
async fn stage_notice(
    state: &AppState,
    tx: &mut PgConnection,
    before: &Account,
    new_email: &str,
) -> AppResult<Uuid> {
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
    let job = Envelope::new(&SendEmail(notice)).map_err(AppError::internal)?;
    outbox::stage(tx, &job).await?;
    Ok(job.id)
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
    let ended = single_use::revoke_everything(&mut tx, user.id).await?;
    tx.commit().await?;
    state.user_cache.forget(user.id).await;
    state.user_cache.end_sessions(&ended).await;
    tracing::warn!(user_id = %user.id, "email change undone through the link sent to the old address");
    Ok(())
}

//! A change of email made with the account's own token sends the old
//! address a notice with a link that undoes it: the whole flow through the
//! real worker and SMTP server, including the takeover it defeats (a stolen
//! access token changes the email, then recovers the password through it).

use serde_json::json;

use crate::support::paths::{ME, SIGNUP, user_path};
use crate::support::{
    Mailroom, REVERT_LINK, ReceivedEmail, TestApp, TestResponse, TestUser, assert_unauthorized,
    link_token, reset_token, tokens, unique_email,
};

const REVERT: &str = "/api/v1/revert-email-change";
const OWNER_PASSWORD: &str = "owner-takes-back-42";

async fn change_email(app: &TestApp, user: &TestUser, email: &str) -> TestResponse {
    app.patch(ME, user.token(), json!({ "email": email })).await
}

async fn revert(app: &TestApp, token: &str, new_password: &str) -> TestResponse {
    let body = json!({ "token": token, "new_password": new_password });
    app.post(REVERT, None, body).await
}

/// The one email sent to `address` among `emails`.
fn sent_to<'a>(emails: &'a [ReceivedEmail], address: &str) -> Vec<&'a ReceivedEmail> {
    emails.iter().filter(|e| e.rcpt_tos == [address]).collect()
}

fn the_notice(emails: &[ReceivedEmail], old: &str) -> String {
    let notices = sent_to(emails, old);
    assert_eq!(notices.len(), 1, "{emails:#?}");
    link_token(notices[0], REVERT_LINK)
}

#[tokio::test]
async fn a_new_email_sends_the_old_address_a_notice_with_a_revert_link() {
    let app = TestApp::spawn().await;
    let mail = Mailroom::open(&app).await;
    let user = app.quiet_user().await;
    let new_email = unique_email();
    let response = change_email(&app, &user, &new_email).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["email"], new_email.as_str());

    let emails = mail.settled(&app).await;
    assert_eq!(emails.len(), 1, "only the old address is told: {emails:#?}");
    let notice = &emails[0];
    assert_eq!(notice.rcpt_tos, [user.email.as_str()]);
    assert!(notice.subject.contains("email of your account was changed"));
    for part in [&notice.text, &notice.html] {
        assert!(
            part.contains(&user.email) && part.contains(&new_email),
            "{part}"
        );
    }
    assert!(
        notice.text.contains("valid for 168 hours"),
        "{}",
        notice.text
    );
    link_token(notice, REVERT_LINK);
}

#[tokio::test]
async fn no_notice_when_the_mailbox_stays_the_same() {
    let app = TestApp::spawn().await;
    let mail = Mailroom::open(&app).await;
    let user = app.quiet_user().await;
    let same = user.email.to_uppercase();
    assert_eq!(change_email(&app, &user, &same).await.status, 200);
    let name = app
        .patch(ME, user.token(), json!({ "full_name": "Renamed" }))
        .await;
    assert_eq!(name.status, 200);
    assert!(mail.settled(&app).await.is_empty());
}

#[tokio::test]
async fn the_link_undoes_a_takeover_by_a_stolen_access_token() {
    let app = TestApp::spawn().await;
    let mail = Mailroom::open(&app).await;
    let owner = app.quiet_user().await;

    // The attacker, holding only the owner's access token.
    let attacker_email = unique_email();
    assert_eq!(
        change_email(&app, &owner, &attacker_email).await.status,
        200
    );
    assert_eq!(app.recover_password(&attacker_email).await.status, 200);
    let emails = mail.settled(&app).await;
    let revert_token = the_notice(&emails, &owner.email);
    let reset = sent_to(&emails, &attacker_email);
    let reset = reset_token(reset[0]);
    assert_eq!(
        app.reset_password(&reset, "attacker-password-1")
            .await
            .status,
        200
    );
    let attacker = tokens(&app.login(&attacker_email, "attacker-password-1").await);
    // A second reset link, kept for later.
    assert_eq!(app.recover_password(&attacker_email).await.status, 200);
    let emails = mail.settled(&app).await;
    let spare_reset = reset_token(sent_to(&emails, &attacker_email)[1]);

    // The owner follows the link from the notice.
    let response = revert(&app, &revert_token, OWNER_PASSWORD).await;
    assert_eq!(response.status, 200, "{}", response.text);

    let me = tokens(&app.login(&owner.email, OWNER_PASSWORD).await);
    let record = app.get(ME, Some(&me.access_token)).await;
    assert_eq!(record.body["email"], owner.email.as_str());
    assert_eq!(record.body["id"], owner.id.to_string().as_str());
    // Every session ended, the attacker's included, and every way back in.
    assert_unauthorized(&app.get(ME, Some(&attacker.access_token)).await);
    assert_unauthorized(&app.refresh(&attacker.refresh_token).await);
    assert_unauthorized(&app.get(ME, owner.token()).await);
    assert_eq!(
        app.login(&attacker_email, "attacker-password-1")
            .await
            .status,
        400
    );
    assert_eq!(app.login(&owner.email, &owner.password).await.status, 400);
    assert_eq!(
        app.reset_password(&spare_reset, "attacker-password-2")
            .await
            .status,
        400
    );
    // The link works once.
    let again = revert(&app, &revert_token, "another-password-77").await;
    assert_eq!(again.status, 400, "{}", again.text);
    assert_eq!(again.detail(), "Invalid or expired email change link");
}

#[tokio::test]
async fn while_the_link_works_no_one_else_can_take_the_old_address() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let owner = app.quiet_user().await;
    let other = app.quiet_user().await;
    assert_eq!(
        change_email(&app, &owner, &unique_email()).await.status,
        200
    );

    let signup = app
        .post(
            SIGNUP,
            None,
            json!({ "email": owner.email, "password": "squatter-pass-1" }),
        )
        .await;
    assert_eq!(signup.status, 400, "{}", signup.text);
    let taken = change_email(&app, &other, &owner.email.to_uppercase()).await;
    assert_eq!(taken.status, 409, "{}", taken.text);
    let by_admin = app
        .patch(
            &user_path(other.id),
            admin.token(),
            json!({ "email": owner.email }),
        )
        .await;
    assert_eq!(by_admin.status, 409, "{}", by_admin.text);
    // The owner may take it back directly, without the link.
    assert_eq!(change_email(&app, &owner, &owner.email).await.status, 200);
}

#[tokio::test]
async fn a_bad_link_or_password_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let mail = Mailroom::open(&app).await;
    let owner = app.quiet_user().await;
    let new_email = unique_email();
    assert_eq!(change_email(&app, &owner, &new_email).await.status, 200);
    let token = the_notice(&mail.settled(&app).await, &owner.email);

    for bad in [
        "",
        "nonsense",
        "ert_00000000000000000000000000000000000000000",
    ] {
        let response = revert(&app, bad, OWNER_PASSWORD).await;
        assert_eq!(response.status, 400, "{bad}: {}", response.text);
    }
    let weak = revert(&app, &token, "short").await;
    assert_eq!(weak.status, 422, "{}", weak.text);
    let not_json = app.request(reqwest::Method::POST, REVERT, None, None).await;
    assert!(
        not_json.status == 400 || not_json.status == 415 || not_json.status == 422,
        "{}",
        not_json.text
    );
    assert_eq!(
        app.get(ME, owner.token()).await.body["email"],
        new_email.as_str()
    );

    let mut db = app.db.connect().await;
    sqlx::query("UPDATE auth_tokens SET expires_at = now() WHERE purpose = 'email_revert'")
        .execute(&mut db)
        .await
        .unwrap();
    let expired = revert(&app, &token, OWNER_PASSWORD).await;
    assert_eq!(expired.status, 400, "{}", expired.text);
    assert_eq!(
        app.get(ME, owner.token()).await.body["email"],
        new_email.as_str()
    );
}

#[tokio::test]
async fn a_refused_change_sends_no_notice() {
    let app = TestApp::spawn().await;
    let mail = Mailroom::open(&app).await;
    let owner = app.quiet_user().await;
    let other = app.quiet_user().await;
    let taken = change_email(&app, &owner, &other.email).await;
    assert_eq!(taken.status, 409, "{}", taken.text);
    let invalid = change_email(&app, &owner, "not-an-email").await;
    assert_eq!(invalid.status, 422, "{}", invalid.text);
    assert!(mail.settled(&app).await.is_empty());
    assert_eq!(app.outbox_size().await, 0);
}

#[tokio::test]
async fn undoing_a_change_cancels_the_links_of_later_changes_only() {
    let app = TestApp::spawn().await;
    let mail = Mailroom::open(&app).await;
    let owner = app.quiet_user().await;
    let (second, third) = (unique_email(), unique_email());
    assert_eq!(change_email(&app, &owner, &second).await.status, 200);
    let first_link = the_notice(&mail.settled(&app).await, &owner.email);
    assert_eq!(change_email(&app, &owner, &third).await.status, 200);
    let second_link = the_notice(&mail.settled(&app).await, &second);

    // The later link, used first, cannot cancel the earlier one.
    assert_eq!(
        revert(&app, &second_link, "later-password-12").await.status,
        200
    );
    assert_eq!(revert(&app, &first_link, OWNER_PASSWORD).await.status, 200);
    let me = tokens(&app.login(&owner.email, OWNER_PASSWORD).await);
    assert_eq!(
        app.get(ME, Some(&me.access_token)).await.body["email"],
        owner.email.as_str()
    );

    // Used first, the earlier link cancels the later one.
    let fourth = unique_email();
    let signed_in = TestUser {
        access_token: me.access_token.clone(),
        ..owner.clone()
    };
    assert_eq!(change_email(&app, &signed_in, &second).await.status, 200);
    assert_eq!(change_email(&app, &signed_in, &fourth).await.status, 200);
    let emails = mail.settled(&app).await;
    let earlier = link_token(sent_to(&emails, &owner.email).last().unwrap(), REVERT_LINK);
    let later = link_token(sent_to(&emails, &second).last().unwrap(), REVERT_LINK);
    assert_eq!(
        revert(&app, &earlier, "owner-again-password-3")
            .await
            .status,
        200
    );
    assert_eq!(revert(&app, &later, "later-password-34").await.status, 400);
}

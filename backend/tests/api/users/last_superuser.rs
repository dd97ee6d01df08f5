//! The system always keeps an active superuser: the last one cannot demote
//! or deactivate themselves (nor can two demote each other at once).

use serde_json::json;

use crate::support::paths::{ME, user_path};
use crate::support::{TestApp, TestUser, assert_error_envelope};

const LAST: &str = "The last active superuser cannot be demoted or deactivated";

async fn promote(app: &TestApp, admin: &TestUser, user: &TestUser) {
    let body = json!({ "is_superuser": true });
    let response = app.patch(&user_path(user.id), admin.token(), body).await;
    assert_eq!(response.status, 200, "{}", response.text);
}

#[tokio::test]
async fn the_last_active_superuser_cannot_demote_or_deactivate_themselves() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    for change in [
        json!({ "is_superuser": false }),
        json!({ "is_active": false }),
        json!({ "is_superuser": false, "is_active": false, "full_name": "Gone" }),
    ] {
        let response = app.patch(&user_path(admin.id), admin.token(), change).await;
        assert_eq!(response.status, 409, "{}", response.text);
        assert_error_envelope(&response, 409);
        assert_eq!(response.detail(), LAST);
    }
    let me = app.get(ME, admin.token()).await;
    assert_eq!(me.body["is_superuser"], true);
    assert_eq!(me.body["is_active"], true);
    assert_eq!(
        me.body["full_name"],
        serde_json::Value::Null,
        "nothing changed"
    );
}

#[tokio::test]
async fn a_superuser_may_step_down_while_another_active_one_remains() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let other = app.new_user().await;
    promote(&app, &admin, &other).await;
    let body = json!({ "is_superuser": false });
    let response = app.patch(&user_path(admin.id), admin.token(), body).await;
    assert_eq!(response.status, 200, "{}", response.text);
    // `other` is now the last one.
    let body = json!({ "is_active": false });
    let response = app.patch(&user_path(other.id), other.token(), body).await;
    assert_eq!(response.status, 409, "{}", response.text);
}

#[tokio::test]
async fn an_inactive_superuser_does_not_count() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let other = app.new_user().await;
    promote(&app, &admin, &other).await;
    app.deactivate(&other).await;
    let body = json!({ "is_superuser": false });
    let response = app.patch(&user_path(admin.id), admin.token(), body).await;
    assert_eq!(response.status, 409, "{}", response.text);
}

#[tokio::test]
async fn two_superusers_demoting_each_other_at_once_leave_one() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let other = app.new_user().await;
    promote(&app, &admin, &other).await;
    let demote = json!({ "is_superuser": false });
    let (other_path, admin_path) = (user_path(other.id), user_path(admin.id));
    let (first, second) = tokio::join!(
        app.patch(&other_path, admin.token(), demote.clone()),
        app.patch(&admin_path, other.token(), demote.clone()),
    );
    // The loser is refused as the last superuser, or (if the winner's
    // change landed before its own request was admitted) as no superuser.
    let mut statuses = [first.status, second.status];
    statuses.sort_unstable();
    assert_eq!(statuses[0], 200, "{} / {}", first.text, second.text);
    assert!(
        [403, 409].contains(&statuses[1]),
        "{} / {}",
        first.text,
        second.text
    );
    let mut db = app.db.connect().await;
    let active: i64 =
        sqlx::query_scalar("SELECT count(*) FROM users WHERE is_superuser AND is_active")
            .fetch_one(&mut db)
            .await
            .unwrap();
    assert_eq!(active, 1);
}

//! Deleting accounts: one's own (`DELETE /users/me`) and, as the
//! superuser, anyone else's (`DELETE /users/{id}`).

use uuid::Uuid;

use crate::support::TestApp;
use crate::support::paths::{ME, item_path, user_path};

#[tokio::test]
async fn superuser_cannot_delete_self() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let by_me = app.delete(ME, admin.token()).await;
    assert_eq!(by_me.status, 403);
    assert_eq!(
        by_me.detail(),
        "Super users are not allowed to delete themselves"
    );
    let by_id = app.delete(&user_path(admin.id), admin.token()).await;
    assert_eq!(by_id.status, 403);
    assert_eq!(
        by_id.detail(),
        "Super users are not allowed to delete themselves"
    );
    assert_eq!(
        app.get(ME, admin.token()).await.body["id"],
        admin.id.to_string()
    );
}

#[tokio::test]
async fn a_user_deletes_themselves_and_their_token_and_items_go_too() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let item = app.create_item(&user, "doomed").await;
    let response = app.delete("/api/v1/users/me/", user.token()).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["message"], "User deleted successfully");
    assert_eq!(app.get(ME, user.token()).await.status, 401);
    assert_eq!(
        app.get(&user_path(user.id), admin.token()).await.status,
        404
    );
    assert_eq!(app.get(&item_path(&item), admin.token()).await.status, 404);
    assert_eq!(app.login(&user.email, &user.password).await.status, 400);
}

#[tokio::test]
async fn superuser_deletes_a_user_and_their_items_go_with_them() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let bystander = app.new_user().await;
    let doomed = [
        app.create_item(&user, "one").await,
        app.create_item(&user, "two").await,
    ];
    let kept = app.create_item(&bystander, "kept").await;

    let response = app.delete(&user_path(user.id), admin.token()).await;
    assert_eq!(response.status, 200, "{}", response.text);
    assert_eq!(response.body["message"], "User deleted successfully");
    assert_eq!(
        app.get(&user_path(user.id), admin.token()).await.status,
        404
    );
    for item in &doomed {
        assert_eq!(app.get(&item_path(item), admin.token()).await.status, 404);
    }
    let items = app.get("/api/v1/items/", admin.token()).await;
    assert_eq!(items.body["count"], 1);
    assert_eq!(items.body["data"][0]["id"], kept["id"]);
    assert_eq!(app.get(ME, user.token()).await.status, 401);
}

#[tokio::test]
async fn deleting_an_unknown_user_is_404() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let count = app.user_count().await;
    let response = app.delete(&user_path(Uuid::new_v4()), admin.token()).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.detail(), "User not found");
    assert_eq!(app.user_count().await, count);
}

#[tokio::test]
async fn an_ordinary_user_cannot_delete_another_user_or_themselves_by_id() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let victim = app.new_user().await;
    let item = app.create_item(&victim, "precious").await;
    for id in [victim.id, user.id, admin.id] {
        assert_eq!(
            app.delete(&user_path(id), user.token()).await.status,
            403,
            "{id}"
        );
    }
    assert_eq!(
        app.read_user(&admin, victim.id).await["email"],
        victim.email
    );
    assert_eq!(app.get(ME, user.token()).await.status, 200);
    assert_eq!(app.get(&item_path(&item), victim.token()).await.status, 200);
}

//! SQL, script and other injection strings in every text field: stored and
//! returned byte for byte where the field allows them, refused with a 4xx
//! where it does not, and never a 500 or a damaged table.

use serde_json::json;

use super::{assert_refused, database_state};
use crate::support::paths::{ITEMS, ME, USERS, item_path};
use crate::support::{
    SUPERUSER_EMAIL, SUPERUSER_PASSWORD, TestApp, TestDatabase, public_tables, unique_email,
};

/// Strings a hostile client sends to see what breaks. All valid as free
/// text: PostgreSQL stores them as they are (`\x00` here is four
/// characters, not a NUL).
const HOSTILE: &[&str] = &[
    "' OR 1=1 --",
    "'; DROP TABLE users; --",
    "Robert'); DROP TABLE items;--",
    "\\x00",
    "\\u0000",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(document.cookie)",
    "{{7*7}} ${7*7} %s%n $1",
    "\u{202e}txt.exe \u{feff} 😀 \r\n\t",
];

/// The tables are all there (every table a freshly migrated database has)
/// and hold `users` users and `items` items.
async fn assert_tables_intact(app: &TestApp, users: i64, items: i64) {
    let mut db = app.db.connect().await;
    let counts: (i64, i64) =
        sqlx::query_as("SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM items)")
            .fetch_one(&mut db)
            .await
            .expect("the users and items tables still exist");
    assert_eq!(counts, (users, items));
    let fresh = TestDatabase::create().await;
    let migrated = public_tables(&mut fresh.connect().await).await;
    assert_eq!(public_tables(&mut db).await, migrated);
}

#[tokio::test]
async fn hostile_item_text_is_stored_and_returned_byte_for_byte() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let mut db = app.db.connect().await;
    for text in HOSTILE {
        let created = app
            .post(
                ITEMS,
                user.token(),
                json!({ "title": text, "description": text }),
            )
            .await;
        assert_eq!(created.status, 201, "{text:?}: {}", created.text);
        assert_eq!(
            (
                created.body["title"].as_str(),
                created.body["description"].as_str()
            ),
            (Some(*text), Some(*text))
        );
        assert_eq!(app.reread(&user, &created.body).await, created.body);
        let stored: (String, String) =
            sqlx::query_as("SELECT title, description FROM items WHERE id = $1::uuid")
                .bind(created.body["id"].as_str())
                .fetch_one(&mut db)
                .await
                .unwrap();
        assert_eq!(stored, (text.to_string(), text.to_string()));
        let updated = app
            .put(
                &item_path(&created.body),
                user.token(),
                json!({ "title": format!("{text}!") }),
            )
            .await;
        assert_eq!(
            updated.body["title"].as_str(),
            Some(format!("{text}!").as_str())
        );
    }
    assert_tables_intact(&app, 2, HOSTILE.len() as i64).await;
    assert_eq!(app.item_count(&user).await, HOSTILE.len() as i64);
}

#[tokio::test]
async fn hostile_full_names_are_stored_and_returned_byte_for_byte() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    for text in HOSTILE {
        let signup =
            json!({ "email": unique_email(), "password": "password-123", "full_name": text });
        let response = app.post("/api/v1/users/signup", None, signup).await;
        assert_eq!(
            (response.status, response.body["full_name"].as_str()),
            (201, Some(*text)),
            "{}",
            response.text
        );
        let created =
            json!({ "email": unique_email(), "password": "password-123", "full_name": text });
        let response = app.post(USERS, admin.token(), created).await;
        assert_eq!(
            (response.status, response.body["full_name"].as_str()),
            (201, Some(*text)),
            "{}",
            response.text
        );
        let patched = app
            .patch(ME, user.token(), json!({ "full_name": text }))
            .await;
        assert_eq!(
            patched.body["full_name"].as_str(),
            Some(*text),
            "{}",
            patched.text
        );
        assert_eq!(
            app.get(ME, user.token()).await.body["full_name"].as_str(),
            Some(*text)
        );
    }
    assert_tables_intact(&app, 2 + 2 * HOSTILE.len() as i64, 0).await;
}

#[tokio::test]
async fn hostile_emails_are_422_and_create_nothing() {
    let app = TestApp::spawn().await;
    let user = app.new_user().await;
    let before = database_state(&app).await;
    let emails = [
        "' OR 1=1 --",
        "admin@example.com' OR '1'='1",
        "admin@example.com'; DROP TABLE users; --",
        "<script>alert(1)</script>@example.com",
        "\"><img src=x onerror=alert(1)>@example.com",
        "x@example.com\r\nBcc: victim@example.com",
        "nul\u{0}@example.com",
    ];
    for email in emails {
        let signup = app.signup(email, "password-123").await;
        assert_refused(&signup, 422);
        assert_eq!(signup.error_fields(), ["email"], "{email:?}");
        let patch = app.patch(ME, user.token(), json!({ "email": email })).await;
        assert_refused(&patch, 422);
        assert_eq!(patch.error_fields(), ["email"], "{email:?}");
    }
    assert_eq!(database_state(&app).await, before);
    assert_tables_intact(&app, 2, 0).await;
}

#[tokio::test]
async fn hostile_logins_are_400_and_never_sign_anyone_in() {
    let app = TestApp::spawn().await;
    let before = database_state(&app).await;
    let attempts = [
        ("' OR 1=1 --", "' OR 1=1 --"),
        ("admin@example.com' --", "anything-at-all"),
        ("admin@example.com' OR '1'='1", "' OR '1'='1"),
        ("' UNION SELECT * FROM users --", "x"),
        (SUPERUSER_EMAIL, "' OR 1=1 --"),
        (SUPERUSER_EMAIL, "superuser-password-123\u{0}"),
        ("%", SUPERUSER_PASSWORD),
        ("_dmin@example.com", SUPERUSER_PASSWORD),
        ("admin@example.com\u{0}", SUPERUSER_PASSWORD),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ];
    for (username, password) in attempts {
        let response = app.login(username, password).await;
        assert_refused(&response, 400);
        assert_eq!(
            response.detail(),
            "Incorrect email or password",
            "{username:?}"
        );
        assert!(response.body.get("access_token").is_none());
    }
    assert_eq!(database_state(&app).await, before, "no session was started");
}

#[tokio::test]
async fn a_password_may_hold_any_character_and_only_that_exact_password_works() {
    // Only the password's hash is stored, so NUL and quotes are fine in it.
    let app = TestApp::spawn().await;
    for password in [
        "' OR 1=1 --",
        "'; DROP TABLE users; --",
        "nul\u{0}inside",
        "<script>x</script>",
    ] {
        let email = unique_email();
        let signup = app.signup(&email, password).await;
        assert_eq!(signup.status, 201, "{password:?}: {}", signup.text);
        assert_eq!(
            app.login(&email, password).await.status,
            200,
            "{password:?}"
        );
        let prefix: String = password
            .chars()
            .take(password.chars().count() - 1)
            .collect();
        assert_eq!(app.login(&email, &prefix).await.status, 400, "{password:?}");
    }
    assert_tables_intact(&app, 5, 0).await;
}

#[tokio::test]
async fn nul_characters_anywhere_are_a_4xx_never_a_server_error() {
    let app = TestApp::spawn().await;
    let admin = app.superuser().await;
    let user = app.new_user().await;
    let item = app.create_item(&user, "clean").await;
    let before = database_state(&app).await;
    let cases = [
        app.put(
            &item_path(&item),
            user.token(),
            json!({ "title": "a\u{0}" }),
        )
        .await,
        app.post(
            USERS,
            admin.token(),
            json!({ "email": unique_email(), "password": "password-123", "full_name": "\u{0}" }),
        )
        .await,
        app.patch(
            &format!("{USERS}{}", user.id),
            admin.token(),
            json!({ "full_name": "\u{0}" }),
        )
        .await,
        app.patch(
            &format!("{USERS}{}", user.id),
            admin.token(),
            json!({ "email": "a\u{0}@example.com" }),
        )
        .await,
        app.send_test_email("ops\u{0}@example.com", admin.token())
            .await,
        app.recover_password("nul\u{0}@example.com").await,
        app.recovery_html("admin\u{0}@example.com", admin.token())
            .await,
    ];
    for response in cases {
        assert_refused(&response, 422);
    }
    assert_refused(&app.reset_password("prt_\u{0}", "password-123").await, 400);
    assert_refused(&app.refresh("rt_\u{0}").await, 401);
    assert_eq!(database_state(&app).await, before);
}

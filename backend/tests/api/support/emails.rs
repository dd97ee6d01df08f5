//! The routes that send email, one helper each, and `Mailroom`: a real SMTP
//! server with a worker delivering the app's queued emails to it.

use std::time::Duration;

use app::jobs::QueueStats;
use mail_parser::MessageParser;
use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

use super::{ReceivedEmail, TestApp, TestResponse, TestSmtp, TestUser, TestWorker, unique_email};
use super::{paths::ME, wait_until};

/// How long tests wait for the worker and the mail server.
pub const MAIL_WAIT: Duration = Duration::from_secs(10);
/// Where the emailed reset links point (the tests' `frontend_host`).
pub const RESET_LINK: &str = "http://localhost:3000/reset-password?token=";
/// Where the links that undo an email change point.
pub const REVERT_LINK: &str = "http://localhost:3000/revert-email?token=";

/// A real SMTP server and a worker that delivers to it.
pub struct Mailroom {
    pub smtp: TestSmtp,
    pub worker: TestWorker,
}

impl Mailroom {
    pub async fn open(app: &TestApp) -> Mailroom {
        Mailroom::with_server(app, TestSmtp::start().await).await
    }

    /// A worker delivering to `smtp`, with the app's database and Redis.
    pub async fn with_server(app: &TestApp, smtp: TestSmtp) -> Mailroom {
        let email = smtp.email_config();
        let worker = TestWorker::spawn_with(app, |config| config.email = email).await;
        Mailroom { smtp, worker }
    }

    /// Every email received once every queued job (and every job those
    /// queued) has been settled.
    pub async fn settled(&self, app: &TestApp) -> Vec<ReceivedEmail> {
        app.wait_for_jobs().await;
        self.smtp.received()
    }
}

impl TestApp {
    /// Waits until no job is left: none staged in the outbox, and none
    /// ready, running, scheduled for a retry or dead in the queue.
    pub async fn wait_for_jobs(&self) {
        wait_until(MAIL_WAIT, || async {
            self.outbox_size().await == 0 && self.queue_stats().await == QueueStats::default()
        })
        .await;
    }

    /// How many jobs wait in the outbox for Redis (`jobs::outbox`).
    pub async fn outbox_size(&self) -> i64 {
        let mut db = self.db.connect().await;
        sqlx::query_scalar("SELECT count(*) FROM job_outbox")
            .fetch_one(&mut db)
            .await
            .unwrap()
    }

    pub async fn queue_stats(&self) -> QueueStats {
        self.queue().stats().await.expect("Redis answers")
    }

    /// `POST /api/v1/password-recovery/{email}`.
    pub async fn recover_password(&self, email: &str) -> TestResponse {
        let path = format!("/api/v1/password-recovery/{}", path_segment(email));
        self.request(Method::POST, &path, None, None).await
    }

    /// `POST /api/v1/reset-password/`.
    pub async fn reset_password(&self, token: &str, new_password: &str) -> TestResponse {
        let body = json!({ "token": token, "new_password": new_password });
        self.post("/api/v1/reset-password/", None, body).await
    }

    /// `POST /api/v1/password-recovery-html-content/{email}`.
    pub async fn recovery_html(&self, email: &str, token: Option<&str>) -> TestResponse {
        let path = format!(
            "/api/v1/password-recovery-html-content/{}",
            path_segment(email)
        );
        self.request(Method::POST, &path, token, None).await
    }

    /// `POST /api/v1/utils/test-email/?email_to=...`.
    pub async fn send_test_email(&self, email_to: &str, token: Option<&str>) -> TestResponse {
        let mut request = self
            .http
            .post(self.url("/api/v1/utils/test-email/"))
            .query(&[("email_to", email_to)]);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        self.send(request).await
    }

    /// A reset token for `user`, issued through the superuser's preview of
    /// the recovery email.
    pub async fn issue_reset_token(&self, user: &TestUser) -> String {
        let admin = self.superuser().await;
        let response = self.recovery_html(&user.email, admin.token()).await;
        assert_eq!(response.status, 200, "{}", response.text);
        token_in_html(&response.text)
    }

    /// A new ordinary user, signed in, made through the private API so that
    /// no new-account email is queued for them.
    pub async fn quiet_user(&self) -> TestUser {
        let (email, password) = (unique_email(), "quiet-password-123");
        let body = json!({ "email": email, "password": password, "full_name": "Quiet" });
        let created = self.post("/api/v1/private/users/", None, body).await;
        assert_eq!(created.status, 201, "{}", created.text);
        let login = self.login(&email, password).await;
        assert_eq!(login.status, 200, "{}", login.text);
        let access_token = login.body["access_token"].as_str().unwrap().to_owned();
        let me = self.get(ME, Some(&access_token)).await;
        assert_eq!(me.body["email"], email.as_str(), "{}", me.text);
        TestUser {
            id: created.body["id"].as_str().unwrap().parse().unwrap(),
            email,
            password: password.to_owned(),
            access_token,
            refresh_token: login.body["refresh_token"].as_str().unwrap().to_owned(),
        }
    }

    /// How many password-reset tokens exist in the database.
    pub async fn reset_token_count(&self) -> i64 {
        let mut db = self.db.connect().await;
        sqlx::query_scalar("SELECT count(*) FROM auth_tokens WHERE purpose = 'password_reset'")
            .fetch_one(&mut db)
            .await
            .unwrap()
    }

    /// The user's stored password hash, to show that it did not change.
    pub async fn password_hash(&self, user_id: Uuid) -> String {
        let mut db = self.db.connect().await;
        sqlx::query_scalar("SELECT hashed_password FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&mut db)
            .await
            .unwrap()
    }
}

/// The token of the reset link in an email's text part, decoded.
pub fn reset_token(email: &ReceivedEmail) -> String {
    link_token(email, RESET_LINK)
}

/// The token of the link in an email's text part that starts with `prefix`.
pub fn link_token(email: &ReceivedEmail, prefix: &str) -> String {
    let link = email
        .first_link(prefix)
        .unwrap_or_else(|| panic!("no {prefix} link in {}", email.text));
    token_of(&link, prefix)
}

/// The token of the reset link in an HTML document, decoded.
pub fn token_in_html(html: &str) -> String {
    let start = html
        .find(&format!("href=\"{RESET_LINK}"))
        .unwrap_or_else(|| panic!("no reset link in {html}"));
    let link = html[start + "href=\"".len()..].split('"').next().unwrap();
    token_of(link, RESET_LINK)
}

/// The decoded `token` query parameter of a link starting with `prefix`.
fn token_of(link: &str, prefix: &str) -> String {
    let query = link
        .strip_prefix(prefix)
        .map(|token| format!("token={token}"));
    let query = query.unwrap_or_else(|| panic!("not a {prefix} link: {link}"));
    form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "token")
        .map(|(_, value)| value.into_owned())
        .expect("the link has a token")
}

/// The addresses in the message's `To` header.
pub fn to_header(email: &ReceivedEmail) -> Vec<String> {
    let message = MessageParser::default()
        .parse(email.raw.as_bytes())
        .unwrap();
    let to = message.to().expect("a To header");
    to.iter()
        .filter_map(|addr| addr.address())
        .map(str::to_owned)
        .collect()
}

/// `raw` as one URL path segment: everything but unreserved characters and
/// `@` percent-encoded.
pub fn path_segment(raw: &str) -> String {
    raw.bytes()
        .map(|byte| match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => {
                char::from(byte).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

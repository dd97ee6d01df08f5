//! How to call each operation with a valid request (the "baseline"), so that
//! a case changes one input and nothing else can decide the answer. An
//! operation whose inputs have documented rules needs an entry in
//! `baseline`; the test fails naming any that has none.

use app::auth::{OpaqueToken, password_reset};
use app::db::tokens::{NewToken, Purpose};
use argon2::password_hash::PasswordHasher as _;
use argon2::{Algorithm, Argon2, Params, Version};
use reqwest::Method;
use serde_json::{Map, json};
use uuid::Uuid;

use super::document::{Input, Location};
use crate::support::documented::{Operation, minimal_body, rows_of, singular, value_of};
use crate::support::{Json, TestApp, TestResponse, TestUser, path_segment, tokens, unique_email};

/// The new password of the baselines that set one.
const PASSWORD: &str = "constraint-password-1";
/// The password of fresh users.
const FRESH_PASSWORD: &str = "fresh-password-1";

/// The app, its superuser, the password hash of fresh users, and the
/// documented operations.
pub struct Context<'a> {
    pub app: &'a TestApp,
    admin: TestUser,
    password_hash: String,
    operations: Vec<Operation>,
}

/// A request about to be sent: its inputs by location, and the status that
/// means it was accepted.
pub struct Request {
    method: Method,
    path: String,
    path_params: Vec<(String, String)>,
    query: Vec<(String, String)>,
    body: Option<Body>,
    token: Option<String>,
    pub success: u16,
}

struct Body {
    form: bool,
    fields: Map<String, Json>,
}

impl<'a> Context<'a> {
    pub async fn new(app: &'a TestApp) -> Context<'a> {
        Context {
            app,
            admin: app.superuser().await,
            password_hash: cheap_hash(FRESH_PASSWORD),
            operations: app.documented_operations().await,
        }
    }

    /// Deletes every user but the superuser (their items and tokens go with
    /// them), so that each case starts from the same state: no address
    /// taken, none held by an email-change link.
    pub async fn clean(&self) {
        sqlx::query("DELETE FROM users WHERE id <> $1")
            .bind(self.admin.id)
            .execute(&self.app.pool)
            .await
            .unwrap();
    }

    /// A new ordinary user, signed in.
    async fn fresh_user(&self) -> TestUser {
        let email = unique_email();
        let id = self.account(&email).await.expect("a fresh address");
        let session = tokens(&self.app.login(&email, FRESH_PASSWORD).await);
        TestUser {
            id,
            email,
            password: FRESH_PASSWORD.into(),
            access_token: session.access_token,
            refresh_token: session.refresh_token,
        }
    }

    /// An account with this address, unless the database refuses it.
    async fn account(&self, email: &str) -> Option<Uuid> {
        sqlx::query_scalar(
            "INSERT INTO users (email, hashed_password) VALUES ($1, $2) RETURNING id",
        )
        .bind(email)
        .bind(&self.password_hash)
        .fetch_one(&self.app.pool)
        .await
        .ok()
    }

    async fn item(&self, owner: &TestUser) -> String {
        let item = self.app.create_item(owner, "An item").await;
        item["id"].as_str().unwrap().to_owned()
    }
}

impl Request {
    fn new(method: Method, path: &str, success: u16) -> Request {
        Request {
            method,
            path: path.to_owned(),
            path_params: Vec::new(),
            query: Vec::new(),
            body: None,
            token: None,
            success,
        }
    }

    fn token(mut self, user: &TestUser) -> Request {
        self.token = Some(user.access_token.clone());
        self
    }

    fn path_param(mut self, name: &str, value: &str) -> Request {
        self.path_params.push((name.into(), value.into()));
        self
    }

    fn query(mut self, name: &str, value: &str) -> Request {
        self.query.push((name.into(), value.into()));
        self
    }

    fn json(mut self, fields: Json) -> Request {
        let fields = fields.as_object().unwrap().clone();
        self.body = Some(Body {
            form: false,
            fields,
        });
        self
    }

    fn form(mut self, fields: Json) -> Request {
        let fields = fields.as_object().unwrap().clone();
        self.body = Some(Body { form: true, fields });
        self
    }

    /// Gives one input this value, the rest staying as they are.
    pub fn set(&mut self, input: &Input, value: &Json) {
        let text = match value {
            Json::String(text) => text.clone(),
            other => other.to_string(),
        };
        let pair = (input.name.clone(), text);
        let replace = |pairs: &mut Vec<(String, String)>| {
            pairs.retain(|(name, _)| *name != input.name);
            pairs.push(pair);
        };
        match input.location {
            Location::Path => replace(&mut self.path_params),
            Location::Query => replace(&mut self.query),
            Location::JsonBody | Location::FormBody => {
                let body = self.body.as_mut().expect("the operation has a body");
                body.fields.insert(input.name.clone(), value.clone());
            }
        }
    }

    pub async fn send(&self, app: &TestApp) -> TestResponse {
        let mut path = self.path.clone();
        for (name, value) in &self.path_params {
            path = path.replace(&format!("{{{name}}}"), &path_segment(value));
        }
        assert!(!path.contains('{'), "{path}: a path parameter has no value");
        let mut request = app.http.request(self.method.clone(), app.url(&path));
        request = request.query(&self.query);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        request = match &self.body {
            Some(Body {
                form: false,
                fields,
            }) => request.json(fields),
            Some(Body { form: true, fields }) => {
                let pairs: Vec<(&String, &str)> = fields
                    .iter()
                    .map(|(name, value)| (name, value.as_str().expect("form values are text")))
                    .collect();
                request.form(&pairs)
            }
            None => request,
        };
        app.send(request).await
    }
}

/// A valid request for the operation of `input`, and what it takes: fresh
/// users, items and tokens. `value` is what `input` will be set to.
pub async fn baseline(context: &Context<'_>, input: &Input, value: &Json) -> Request {
    let (app, admin) = (context.app, &context.admin);
    let method: Method = input.method.to_uppercase().parse().unwrap();
    let path = input.path.as_str();
    let new = |success| Request::new(method.clone(), path, success);
    match (input.method.as_str(), path) {
        ("get", "/api/v1/items") => new(200).token(&context.fresh_user().await),
        ("post", "/api/v1/items") => {
            let user = context.fresh_user().await;
            new(201).token(&user).json(json!({ "title": "An item" }))
        }
        ("get" | "delete", "/api/v1/items/{id}") => {
            let user = context.fresh_user().await;
            let id = context.item(&user).await;
            new(200).token(&user).path_param("id", &id)
        }
        ("put", "/api/v1/items/{id}") => {
            let user = context.fresh_user().await;
            let id = context.item(&user).await;
            new(200).token(&user).path_param("id", &id).json(json!({}))
        }
        ("post", "/api/v1/login/access-token") => {
            let user = context.fresh_user().await;
            let form = json!({ "username": user.email, "password": user.password });
            new(200).form(form)
        }
        ("post", "/api/v1/password-recovery/{email}") => {
            new(200).path_param("email", &unique_email())
        }
        ("post", "/api/v1/password-recovery-html-content/{email}") => {
            // The preview answers 404 for an address nobody has: the
            // address the case sends gets an account first, so that
            // accepting it means a 200.
            let email = value.as_str().unwrap_or_default();
            context.account(email.trim()).await;
            let user = context.fresh_user().await;
            new(200).token(admin).path_param("email", &user.email)
        }
        ("post", "/api/v1/private/users") => {
            let body =
                json!({ "email": unique_email(), "password": PASSWORD, "full_name": "Private" });
            new(201).json(body)
        }
        ("post", "/api/v1/reset-password") => {
            // A live reset token cannot come from the document: it is issued
            // as the recovery email's would be.
            let user = context.fresh_user().await;
            let ttl = chrono::Duration::hours(1);
            let token = password_reset::issue(&app.pool, user.id, ttl)
                .await
                .unwrap();
            new(200).json(json!({ "token": token, "new_password": PASSWORD }))
        }
        ("post", "/api/v1/revert-email-change") => {
            // Likewise the link of an email change, restoring the user's
            // own address.
            let user = context.fresh_user().await;
            let token = revert_token(app, &user).await;
            new(200).json(json!({ "token": token, "new_password": PASSWORD }))
        }
        ("get", "/api/v1/users") => new(200).token(admin),
        ("post", "/api/v1/users") => new(201)
            .token(admin)
            .json(json!({ "email": unique_email(), "password": PASSWORD })),
        ("get" | "delete", "/api/v1/users/{id}") => {
            let user = context.fresh_user().await;
            new(200).token(admin).path_param("id", &user.id.to_string())
        }
        ("patch", "/api/v1/users/{id}") => {
            let user = context.fresh_user().await;
            let id = user.id.to_string();
            new(200).token(admin).path_param("id", &id).json(json!({}))
        }
        ("patch", "/api/v1/users/me") => {
            new(200).token(&context.fresh_user().await).json(json!({}))
        }
        ("patch", "/api/v1/users/me/password") => {
            let user = context.fresh_user().await;
            let body = json!({ "current_password": user.password, "new_password": PASSWORD });
            new(200).token(&user).json(body)
        }
        ("post", "/api/v1/users/signup") => {
            new(201).json(json!({ "email": unique_email(), "password": PASSWORD }))
        }
        ("post", "/api/v1/utils/test-email") => {
            new(201).token(admin).query("email_to", &unique_email())
        }
        _ => synthesised(context, input).await.unwrap_or_else(|why| {
            panic!(
                "{input}: no valid request can be made from the document ({why}); \
                 teach operations::baseline the route {} {path}",
                input.method.to_uppercase()
            )
        }),
    }
}

/// A valid request made from the document alone, for an operation with no
/// entry in `baseline` (a resource added since, like one `make scaffold`
/// makes): its caller (a superuser where only one may, else a fresh user
/// who owns a row of every owned collection), that user's row in an `{id}`,
/// and the required fields of its body and query.
async fn synthesised(context: &Context<'_>, input: &Input) -> Result<Request, String> {
    let operation = context
        .operations
        .iter()
        .find(|op| op.method.as_str().eq_ignore_ascii_case(&input.method) && op.path == input.path)
        .ok_or("it is not documented")?;
    let caller = match operation.superuser_only {
        true => context.admin.clone(),
        false => context.fresh_user().await,
    };
    let rows = rows_of(
        context.app,
        &context.operations,
        &caller,
        &Default::default(),
    )
    .await;
    let mut request = Request::new(
        operation.method.clone(),
        &operation.path,
        operation.success(),
    );
    if operation.secured {
        request = request.token(&caller);
    }
    for parameter in &operation.path_params {
        let collection = operation
            .path
            .split(&format!("/{{{}}}", parameter.name))
            .next();
        let row = collection.and_then(|c| rows.get(&singular(c)));
        let row = row.ok_or(format!(
            "no row for the path parameter `{}`",
            parameter.name
        ))?;
        request = request.path_param(&parameter.name, row);
    }
    for parameter in operation.query_params.iter().filter(|p| p.required) {
        let value = value_of(&parameter.name, &parameter.schema, &rows)?;
        request = request.query(
            &parameter.name,
            value.as_str().unwrap_or(&value.to_string()),
        );
    }
    if let Some(body) = &operation.body {
        let fields = minimal_body(&body.schema, &rows)?;
        request = match body.form {
            true => request.form(fields),
            false => request.json(fields),
        };
    }
    Ok(request)
}

/// An Argon2id hash with the smallest parameters: an account written with it
/// directly to the database signs in at once (a hash carries its own
/// parameters), where the API's own hashes take tens of milliseconds, and
/// most cases need a signed-in user.
fn cheap_hash(password: &str) -> String {
    let params = Params::new(Params::MIN_M_COST, Params::MIN_T_COST, 1, None).unwrap();
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    argon2
        .hash_password(password.as_bytes())
        .unwrap()
        .to_string()
}

/// A live link undoing an email change of `user`, back to their address.
async fn revert_token(app: &TestApp, user: &TestUser) -> String {
    let token = OpaqueToken::generate(Purpose::EmailRevert);
    let link = NewToken {
        user_id: user.id,
        purpose: Purpose::EmailRevert,
        token_hash: &token.hash,
        family_id: Uuid::new_v4(),
        expires_at: chrono::Utc::now() + chrono::Duration::hours(1),
        restores_email: Some(&user.email),
    };
    app::db::tokens::insert(&app.pool, link).await.unwrap();
    token.value
}

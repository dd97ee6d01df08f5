//! How to call each operation with a valid request (the "baseline"), so that
//! a case changes one input and nothing else can decide the answer. An
//! operation whose inputs have documented rules needs an entry in
//! `baseline`, or the shape of a resource made with `make scaffold`, whose
//! baseline is made from the document (`resource_baseline`); the test
//! fails naming any other.

use std::future::Future;
use std::pin::Pin;

use app::auth::{OpaqueToken, password_reset};
use app::db::tokens::{NewToken, Purpose};
use argon2::password_hash::PasswordHasher as _;
use argon2::{Algorithm, Argon2, Params, Version};
use reqwest::Method;
use serde_json::{Map, json};
use uuid::Uuid;

use super::document::{Input, Location};
use super::values::valid_string;
use crate::support::documented::resolve;
use crate::support::{Json, TestApp, TestResponse, TestUser, path_segment, tokens, unique_email};

/// The new password of the baselines that set one.
const PASSWORD: &str = "constraint-password-1";
/// The password of fresh users.
const FRESH_PASSWORD: &str = "fresh-password-1";

/// The app, its document, its superuser, and the password hash of fresh
/// users.
pub struct Context<'a> {
    pub app: &'a TestApp,
    document: &'a Json,
    admin: TestUser,
    password_hash: String,
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
    pub async fn new(app: &'a TestApp, document: &'a Json) -> Context<'a> {
        Context {
            app,
            document,
            admin: app.superuser().await,
            password_hash: cheap_hash(FRESH_PASSWORD),
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
        _ => resource_baseline(context, input).await.unwrap_or_else(|| {
            panic!(
                "{input}: no valid request for this operation; add one to constraints/operations.rs"
            )
        }),
    }
}

/// A valid request for an operation of a resource: a collection `C` whose
/// `POST` makes a row of the caller's from a JSON body, and `C/{id}` for
/// one row (as `make scaffold` writes them). It is made from the document:
/// a fresh user; for `{id}`, a row of theirs; for a body, a valid value
/// for each required property (for a ref, a new row of theirs where the
/// schema's `x-references` says). `None` for an operation of any other
/// shape, or one that takes another required parameter.
async fn resource_baseline(context: &Context<'_>, input: &Input) -> Option<Request> {
    let paths = &context.document["paths"];
    let collection = input.path.strip_suffix("/{id}").unwrap_or(&input.path);
    let one = format!("{collection}/{{id}}");
    let creates = &paths[collection]["post"]["requestBody"]["content"]["application/json"];
    if creates.is_null() || paths[&one].is_null() {
        return None;
    }
    let operation = &paths[&input.path][&input.method];
    let parameters = operation["parameters"].as_array().into_iter().flatten();
    let mut required = parameters.filter(|p| p["required"] == true);
    if required.any(|p| p["name"] != "id" || p["in"] != "path") {
        return None;
    }
    let method: Method = input.method.to_uppercase().parse().unwrap();
    let user = context.fresh_user().await;
    let token = &user.access_token;
    let mut request = Request::new(method, &input.path, success_status(operation)).token(&user);
    if input.path == one {
        let id = context.row(token, collection).await;
        request = request.path_param("id", &id);
    }
    let body = &operation["requestBody"]["content"]["application/json"]["schema"];
    if !body.is_null() {
        request = request.json(context.body(token, body).await);
    }
    Some(request)
}

/// The operation's success status: its first documented 2xx.
fn success_status(operation: &Json) -> u16 {
    let responses = operation["responses"].as_object().expect("responses");
    responses
        .keys()
        .find_map(|status| status.parse().ok().filter(|s| (200..300).contains(s)))
        .expect("a documented success")
}

impl Context<'_> {
    /// A new row of the resource at `collection`, owned by the user whose
    /// access token is `token`; its id.
    fn row<'b>(
        &'b self,
        token: &'b str,
        collection: &'b str,
    ) -> Pin<Box<dyn Future<Output = String> + 'b>> {
        Box::pin(async move {
            let schema = &self.document["paths"][collection]["post"]["requestBody"]["content"]["application/json"]
                ["schema"];
            let body = self.body(token, schema).await;
            let created = self.app.post(collection, Some(token), body).await;
            assert_eq!(created.status, 201, "POST {collection}: {}", created.text);
            created.body["id"].as_str().unwrap().to_owned()
        })
    }

    /// A valid body for `schema`: each required property with a value its
    /// rules allow; the optional ones left out.
    async fn body(&self, token: &str, schema: &Json) -> Json {
        let schema = resolve(self.document, schema);
        let mut body = Map::new();
        for name in schema["required"].as_array().into_iter().flatten() {
            let name = name.as_str().unwrap();
            let property = resolve(self.document, &schema["properties"][name]);
            body.insert(name.to_owned(), self.value(token, name, property).await);
        }
        Json::Object(body)
    }

    /// A value `property`'s rules allow.
    async fn value(&self, token: &str, name: &str, property: &Json) -> Json {
        let types = match &property["type"] {
            Json::Array(types) => types.clone(),
            other => vec![other.clone()],
        };
        let kind = types.iter().find(|t| *t != "null").and_then(Json::as_str);
        match (kind, property["format"].as_str()) {
            (Some("boolean"), _) => json!(false),
            (Some("integer"), _) => {
                let min = property["minimum"].as_i64().unwrap_or(i64::MIN);
                let max = property["maximum"].as_i64().unwrap_or(i64::MAX);
                json!(0.clamp(min, max))
            }
            (Some("string"), Some("date")) => json!("2026-12-31"),
            (Some("string"), Some("date-time")) => json!("2026-12-31T09:30:00Z"),
            (Some("string"), Some("uuid")) => {
                let collection = property["x-references"].as_str().unwrap_or_else(|| {
                    panic!("{name}: no valid id to give (no x-references); teach constraints/operations.rs")
                });
                json!(self.row(token, collection).await)
            }
            (Some("string"), None) => json!(valid_string(property)),
            _ => panic!("{name}: no valid value for {property}; teach constraints/operations.rs"),
        }
    }
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

//! The operations the served OpenAPI document lists, and valid requests to
//! each built from their schemas, so that a test about "every route" covers
//! a route the moment it is documented (a resource made by `make scaffold`
//! included) instead of the routes someone remembered to list.

use std::collections::HashMap;
use std::fmt;

use regex::Regex;
use reqwest::Method;

use super::{Json, TestApp, TestResponse, TestUser, path_segment, unique_email};

/// The extension marking an operation only superusers may call
/// (`extensions(("x-superuser-only" = json!(true)))` on its route).
const SUPERUSER_ONLY: &str = "x-superuser-only";

/// One documented operation.
#[derive(Debug, Clone)]
pub struct Operation {
    pub method: Method,
    /// The path template, as documented: `/api/v1/items/{id}`.
    pub path: String,
    /// Needs an access token (documents a `security` requirement).
    pub secured: bool,
    pub superuser_only: bool,
    pub body: Option<Body>,
    pub path_params: Vec<Parameter>,
    pub query_params: Vec<Parameter>,
    /// The documented statuses, as the document spells them: `"201"`.
    pub statuses: Vec<String>,
    /// The schema of the success answer's JSON body, resolved.
    pub answer: Option<Json>,
}

#[derive(Debug, Clone)]
pub struct Parameter {
    pub name: String,
    pub required: bool,
    pub schema: Json,
}

#[derive(Debug, Clone)]
pub struct Body {
    pub form: bool,
    /// The body's schema, `$ref` resolved.
    pub schema: Json,
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

impl Operation {
    pub fn takes_json(&self) -> bool {
        self.body.as_ref().is_some_and(|body| !body.form)
    }

    pub fn takes_query(&self, name: &str) -> bool {
        self.query_params.iter().any(|p| p.name == name)
    }

    pub fn documents(&self, status: u16) -> bool {
        self.statuses.contains(&status.to_string())
    }

    /// The documented success status (the first 2xx).
    pub fn success(&self) -> u16 {
        let success = self.statuses.iter().find(|s| s.starts_with('2'));
        let success = success.unwrap_or_else(|| panic!("{self} documents no success"));
        success.parse().unwrap()
    }
}

impl TestApp {
    /// Every operation of the document the app serves.
    pub async fn documented_operations(&self) -> Vec<Operation> {
        let document = self.get("/openapi.json", None).await;
        assert_eq!(document.status, 200, "{}", document.text);
        operations(&document.body)
    }
}

/// Every operation of `document`, in its order.
pub fn operations(document: &Json) -> Vec<Operation> {
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("operations") {
            operations.push(operation_of(document, method, path, operation));
        }
    }
    operations
}

fn operation_of(document: &Json, method: &str, path: &str, operation: &Json) -> Operation {
    let parameters = operation["parameters"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let in_place = |place: &str| {
        parameters
            .iter()
            .filter(|p| p["in"] == place)
            .map(|p| Parameter {
                name: p["name"].as_str().expect("a parameter name").to_owned(),
                required: p["required"] == true,
                schema: resolve(document, &p["schema"]).clone(),
            })
            .collect::<Vec<_>>()
    };
    let content = operation["requestBody"]["content"].as_object();
    let body = content
        .and_then(|content| content.iter().next())
        .map(|(media, spec)| {
            let form = match media.as_str() {
                "application/json" => false,
                "application/x-www-form-urlencoded" => true,
                other => panic!("{method} {path}: a {other} body; teach support::documented"),
            };
            let schema = resolve(document, &spec["schema"]).clone();
            Body { form, schema }
        });
    let responses = operation["responses"].as_object().expect("responses");
    let answer = responses
        .iter()
        .find(|(status, _)| status.starts_with('2'))
        .and_then(|(_, response)| response["content"]["application/json"].get("schema"))
        .map(|schema| resolve(document, schema).clone());
    let security = operation["security"].as_array();
    Operation {
        method: method.to_uppercase().parse().expect("an HTTP method"),
        path: path.to_owned(),
        secured: security.is_some_and(|s| !s.is_empty()),
        superuser_only: operation[SUPERUSER_ONLY] == true,
        body,
        path_params: in_place("path"),
        query_params: in_place("query"),
        statuses: responses.keys().cloned().collect(),
        answer,
    }
}

/// The schema a `$ref` points to (or the schema itself).
pub fn resolve<'a>(document: &'a Json, schema: &'a Json) -> &'a Json {
    match schema["$ref"].as_str() {
        Some(reference) => {
            let pointer = reference.strip_prefix('#').expect("a local $ref");
            document.pointer(pointer).expect("the $ref resolves")
        }
        None => schema,
    }
}

/// The collections of rows owned by a user: a documented `POST /X` whose
/// answer has an `owner_id`, beside a documented `/X/{id}`.
pub fn owned_collections(operations: &[Operation]) -> Vec<String> {
    let mut collections: Vec<String> = operations
        .iter()
        .filter(|op| op.method == Method::POST)
        .filter(|op| {
            op.answer
                .as_ref()
                .is_some_and(|a| a["properties"].get("owner_id").is_some())
        })
        .filter(|op| {
            let by_id = format!("{}/{{id}}", op.path);
            operations.iter().any(|other| other.path == by_id)
        })
        .map(|op| op.path.clone())
        .collect();
    collections.dedup();
    collections
}

/// `/api/v1/items` → `item`: the name a reference to its rows goes by
/// (`item_id`).
pub fn singular(collection: &str) -> String {
    let name = collection.rsplit('/').next().unwrap_or_default();
    match name.strip_suffix("ies") {
        Some(stem) => format!("{stem}y"),
        None => name.strip_suffix('s').unwrap_or(name).to_owned(),
    }
}

/// A superuser, an ordinary user, and one row of every owned collection
/// belonging to that user: what a valid request to any operation needs.
pub struct Fixture {
    pub admin: TestUser,
    pub user: TestUser,
    /// A row of each owned collection, by the singular of its name.
    rows: HashMap<String, String>,
}

impl Fixture {
    pub async fn new(app: &TestApp, operations: &[Operation]) -> Fixture {
        let mut fixture = Fixture {
            admin: app.superuser().await,
            user: app.new_user().await,
            rows: HashMap::new(),
        };
        let user = fixture.user.clone();
        fixture.rows = rows_of(app, operations, &user, &HashMap::new()).await;
        fixture
    }

    /// Who calls `operation` in a valid request: a superuser where only
    /// one may, else the ordinary user (who owns the rows).
    pub fn caller(&self, operation: &Operation) -> &TestUser {
        match operation.superuser_only {
            true => &self.admin,
            false => &self.user,
        }
    }

    /// The id of the user's row in `collection` (`/api/v1/items`).
    pub fn row_id(&self, collection: &str) -> &str {
        &self.rows[&singular(collection)]
    }

    /// Who signs `operation`'s valid request: its caller where it needs a
    /// token, nobody where it does not.
    pub fn signer(&self, operation: &Operation) -> Option<&TestUser> {
        operation.secured.then(|| self.caller(operation))
    }

    /// The path of `operation` with a valid value in each parameter: the
    /// user's row of an owned collection, the user's own record, the user's
    /// email.
    pub fn path(&self, operation: &Operation) -> String {
        self.path_with(operation, None)
    }

    /// The path of `operation` with a valid value in each parameter but the
    /// one `replaced` names, which gets the raw segment given with it.
    pub fn path_with(&self, operation: &Operation, replaced: Option<(&str, &str)>) -> String {
        let mut path = operation.path.clone();
        for parameter in &operation.path_params {
            let name = parameter.name.as_str();
            let value = match replaced {
                Some((replaced, value)) if replaced == name => value.to_owned(),
                _ => path_segment(&self.path_value(operation, name)),
            };
            path = path.replace(&format!("{{{name}}}"), &value);
        }
        path
    }

    fn path_value(&self, operation: &Operation, name: &str) -> String {
        let collection = operation.path.split(&format!("/{{{name}}}")).next();
        match (name, collection) {
            ("email", _) => self.user.email.clone(),
            ("id", Some("/api/v1/users")) => self.user.id.to_string(),
            ("id", Some(collection)) if self.rows.contains_key(&singular(collection)) => {
                self.rows[&singular(collection)].clone()
            }
            _ => panic!(
                "{operation}: no value for the path parameter `{name}`; teach support::documented::Fixture"
            ),
        }
    }

    /// A minimal body for `operation` (its required properties, each valid
    /// by its schema), if it takes one. Valid in form: whether it succeeds
    /// may take more (the current password, a live reset token).
    pub fn body(&self, operation: &Operation) -> Option<Json> {
        let body = operation.body.as_ref()?;
        Some(
            minimal_body(&body.schema, &self.rows).unwrap_or_else(|missing| {
                panic!(
                    "{operation}: cannot make a value for `{missing}`; teach support::documented"
                )
            }),
        )
    }

    /// `operation` sent as its valid request would be (path, required query
    /// and body), but with `token`.
    pub async fn send(
        &self,
        app: &TestApp,
        operation: &Operation,
        token: Option<&str>,
    ) -> TestResponse {
        let mut request = app
            .http
            .request(operation.method.clone(), app.url(&self.path(operation)));
        let query: Vec<(String, String)> = operation
            .query_params
            .iter()
            .filter(|p| p.required)
            .map(|p| {
                (
                    p.name.clone(),
                    text(&value_of(&p.name, &p.schema, &self.rows).unwrap()),
                )
            })
            .collect();
        request = request.query(&query);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request = match (self.body(operation), &operation.body) {
            (Some(body), Some(Body { form: true, .. })) => {
                let pairs: Vec<(String, String)> = body
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), text(v)))
                    .collect();
                request.form(&pairs)
            }
            (Some(body), _) => request.json(&body),
            (None, _) => request,
        };
        app.send(request).await
    }
}

/// One row of every owned collection, created by `owner` through the
/// documented `POST` with a minimal body. A body referring to another
/// collection's row (`project_id`) waits for that row; `known` holds rows
/// that exist already.
pub async fn rows_of(
    app: &TestApp,
    operations: &[Operation],
    owner: &TestUser,
    known: &HashMap<String, String>,
) -> HashMap<String, String> {
    let mut rows = known.clone();
    let mut pending = owned_collections(operations);
    pending.retain(|collection| !rows.contains_key(&singular(collection)));
    while !pending.is_empty() {
        let mut waiting = Vec::new();
        let mut reasons = Vec::new();
        for collection in pending.iter() {
            let create = operations
                .iter()
                .find(|op| op.method == Method::POST && op.path == *collection)
                .unwrap();
            let schema = &create.body.as_ref().expect("a create takes a body").schema;
            match minimal_body(schema, &rows) {
                Ok(body) => {
                    let created = app.post(collection, owner.token(), body).await;
                    assert_eq!(created.status, 201, "{create}: {}", created.text);
                    let id = created.body["id"].as_str().expect("the row has an id");
                    rows.insert(singular(collection), id.to_owned());
                }
                Err(missing) => {
                    waiting.push(collection.clone());
                    reasons.push(format!("{create} needs `{missing}`"));
                }
            }
        }
        assert!(
            waiting.len() < pending.len(),
            "no row can be made: {}; teach support::documented",
            reasons.join(", ")
        );
        pending = waiting;
    }
    rows
}

/// The object of a schema's required properties, each with a valid value;
/// `Err(name)` for a property no value can be made for (yet).
pub fn minimal_body(schema: &Json, rows: &HashMap<String, String>) -> Result<Json, String> {
    let mut body = serde_json::Map::new();
    for name in schema["required"].as_array().into_iter().flatten() {
        let name = name.as_str().expect("a property name");
        let property = &schema["properties"][name];
        body.insert(name.to_owned(), value_of(name, property, rows)?);
    }
    Ok(Json::Object(body))
}

/// A valid value for the property `name`: the shortest string the schema
/// allows (an email where its pattern wants one), the minimum number, the
/// id of an existing row for `<singular>_id`.
pub fn value_of(name: &str, schema: &Json, rows: &HashMap<String, String>) -> Result<Json, String> {
    let kind = match &schema["type"] {
        Json::Array(types) => types.iter().find(|t| *t != "null").cloned(),
        other => Some(other.clone()),
    };
    let value = match kind.as_ref().and_then(Json::as_str) {
        Some("string") if schema["format"] == "uuid" => {
            let referenced = name.strip_suffix("_id").unwrap_or(name);
            let row = rows.get(referenced).ok_or_else(|| name.to_owned())?;
            Json::from(row.clone())
        }
        Some("string") => Json::from(fitting_string(name, schema)),
        Some("integer" | "number") => schema.get("minimum").cloned().unwrap_or(Json::from(0)),
        Some("boolean") => Json::from(false),
        Some("array") => Json::Array(Vec::new()),
        Some("object") => minimal_body(schema, rows)?,
        _ => return Err(name.to_owned()),
    };
    Ok(value)
}

/// A string of the schema's minimum length (at least one character) that
/// matches its pattern, or a fresh email address if that is what it takes.
fn fitting_string(name: &str, schema: &Json) -> String {
    let min = schema["minLength"].as_u64().unwrap_or(1).max(1) as usize;
    let max = schema["maxLength"]
        .as_u64()
        .map_or(usize::MAX, |m| m as usize);
    let pattern = schema["pattern"]
        .as_str()
        .map(|p| Regex::new(p).unwrap_or_else(|e| panic!("the pattern of `{name}`: {e}")));
    let candidates = ["x".repeat(min), unique_email()];
    let fits = |s: &&String| {
        let chars = s.chars().count();
        chars >= min && chars <= max && pattern.as_ref().is_none_or(|p| p.is_match(s))
    };
    candidates.iter().find(fits).cloned().unwrap_or_else(|| {
        panic!("no string fits the schema of `{name}`; teach support::documented: {schema}")
    })
}

/// A value as it travels in a query or a form.
fn text(value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        other => other.to_string(),
    }
}

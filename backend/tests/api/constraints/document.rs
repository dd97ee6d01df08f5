//! The inputs the OpenAPI document declares: every path and query
//! parameter, and every property of every request body, with its schema.

use std::fmt;

use crate::support::Json;
use crate::support::documented::resolve;

/// Where an input travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    JsonBody,
    FormBody,
}

#[derive(Debug, Clone)]
pub struct Input {
    /// The operation, as the document spells it: `post`, `/api/v1/items`.
    pub method: String,
    pub path: String,
    pub location: Location,
    pub name: String,
    pub schema: Json,
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (method, path, name) = (&self.method, &self.path, &self.name);
        write!(f, "{method} {path} ({:?} {name})", self.location)
    }
}

/// The schema keywords the test knows how to check (`values::document_accepts`)
/// or that state no rule. Any other keyword on an input fails the test, so
/// that a new kind of rule cannot be documented without being checked.
/// (`x-references` names the collection a ref's row comes from: the
/// baseline of an operation with a ref makes one there.)
const KNOWN_KEYWORDS: [&str; 10] = [
    "type",
    "description",
    "default",
    "format",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "pattern",
    "x-references",
];

/// Formats that carry a rule the test checks (`uuid`, `int32`'s range,
/// RFC 3339's `date` and `date-time`), or none (`int64`: the range of the
/// integers the test sends anyway). `email` is not used: validators read
/// it each their own way, so the API's email rule is its `pattern`.
const KNOWN_FORMATS: [&str; 5] = ["uuid", "int32", "date", "date-time", "int64"];

/// The formats that state a rule on the value.
const RULE_FORMATS: [&str; 4] = ["uuid", "int32", "date", "date-time"];

/// The keywords that state a rule on the value.
const RULE_KEYWORDS: [&str; 5] = ["minLength", "maxLength", "minimum", "maximum", "pattern"];

impl Input {
    /// Whether the document states a rule this input's values must follow.
    pub fn has_rules(&self) -> bool {
        RULE_KEYWORDS.iter().any(|k| self.schema.get(k).is_some())
            || RULE_FORMATS.iter().any(|f| self.schema["format"] == *f)
    }

    /// Panics on a keyword or format the test cannot check.
    pub fn assert_checkable(&self) {
        let keywords = self.schema.as_object().expect("a schema is an object");
        for keyword in keywords.keys() {
            assert!(
                KNOWN_KEYWORDS.contains(&keyword.as_str()),
                "{self}: the test does not check `{keyword}`; teach constraints/values.rs"
            );
        }
        if let Some(format) = self.schema["format"].as_str() {
            assert!(
                KNOWN_FORMATS.contains(&format),
                "{self}: the test does not check format `{format}`; teach constraints/values.rs"
            );
        }
    }
}

/// Every input of every operation, in the document's order.
pub fn inputs(document: &Json) -> Vec<Input> {
    let mut inputs = Vec::new();
    for (path, operations) in document["paths"].as_object().expect("paths") {
        for (method, operation) in operations.as_object().expect("operations") {
            let input = |location, name: &str, schema: &Json| Input {
                method: method.clone(),
                path: path.clone(),
                location,
                name: name.to_owned(),
                schema: resolve(document, schema).clone(),
            };
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                let location = match parameter["in"].as_str() {
                    Some("path") => Location::Path,
                    Some("query") => Location::Query,
                    other => panic!("{method} {path}: a parameter in {other:?}"),
                };
                let name = parameter["name"].as_str().expect("a parameter name");
                inputs.push(input(location, name, &parameter["schema"]));
            }
            let content = &operation["requestBody"]["content"];
            for (media_type, media) in content.as_object().into_iter().flatten() {
                let location = match media_type.as_str() {
                    "application/json" => Location::JsonBody,
                    "application/x-www-form-urlencoded" => Location::FormBody,
                    other => panic!("{method} {path}: a {other} body"),
                };
                let body = resolve(document, &media["schema"]);
                for (name, schema) in body["properties"].as_object().expect("properties") {
                    inputs.push(input(location, name, schema));
                }
            }
        }
    }
    inputs
}

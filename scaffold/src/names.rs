//! A resource's name in each spelling the stack needs: `time_entries` is the
//! table and Rust module, `time-entries` the URL and SPA folder, `TimeEntry`
//! the Rust and TypeScript type, "Time entries" what a person reads.

use anyhow::{Result, bail};
use serde::Serialize;

/// Names the stack already uses for something else: a resource named so
/// would clash with a route, a table or a folder.
const TAKEN: &[&str] = &[
    "users",
    "items",
    "auth_tokens",
    "sessions",
    "login",
    "utils",
    "private",
    "health",
    "metrics",
    "openapi",
    "docs",
    "api",
    "admin",
    "settings",
    "signup",
    "password_recovery",
    "reset_password",
    "outbox",
    "jobs",
    "email_reverts",
];

/// Keywords of SQL, Rust and TypeScript: neither a resource nor a field may
/// be named so (it would not compile, or would need quoting everywhere).
pub const KEYWORDS: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "async",
    "await",
    "both",
    "box",
    "case",
    "cast",
    "check",
    "class",
    "collate",
    "column",
    "const",
    "constraint",
    "crate",
    "create",
    "default",
    "delete",
    "desc",
    "distinct",
    "do",
    "dyn",
    "else",
    "end",
    "enum",
    "except",
    "export",
    "extends",
    "false",
    "fn",
    "for",
    "foreign",
    "from",
    "function",
    "grant",
    "group",
    "having",
    "if",
    "impl",
    "import",
    "in",
    "into",
    "key",
    "leading",
    "let",
    "limit",
    "loop",
    "match",
    "mod",
    "move",
    "new",
    "not",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "placing",
    "primary",
    "pub",
    "ref",
    "references",
    "return",
    "returning",
    "select",
    "self",
    "some",
    "static",
    "struct",
    "super",
    "table",
    "then",
    "this",
    "to",
    "trailing",
    "trait",
    "true",
    "type",
    "union",
    "unique",
    "use",
    "user",
    "using",
    "values",
    "var",
    "when",
    "where",
    "while",
    "window",
    "with",
    "yield",
];

/// The longest name: PostgreSQL cuts identifiers at 63 bytes, and the
/// longest one made from it (`<name>_owner_created_at_idx`) must fit.
const MAX_LEN: usize = 40;

#[derive(Debug, Clone, Serialize)]
pub struct Names {
    /// `time_entries`: table, Rust module, OpenAPI tag.
    pub snake: String,
    /// `time_entry`
    pub snake_singular: String,
    /// `time-entries`: URL segment, SPA folder and route.
    pub kebab: String,
    /// `time-entry`
    pub kebab_singular: String,
    /// `TimeEntries`
    pub pascal: String,
    /// `TimeEntry`
    pub pascal_singular: String,
    /// `timeEntries`
    pub camel: String,
    /// `timeEntry`
    pub camel_singular: String,
    /// `Time entries`
    pub title: String,
    /// `Time entry`
    pub title_singular: String,
    /// `time entries`
    pub words: String,
    /// `time entry`
    pub words_singular: String,
}

impl Names {
    /// The names of a resource that exists (a reference's target).
    pub fn existing(plural: &str) -> Result<Names> {
        check_identifier("resource", plural)?;
        let singular = singularize(plural)?;
        Ok(Names::spelled(plural, &singular))
    }

    /// `plural` as given on the command line (snake_case, plural);
    /// `singular` when the English rule below gets it wrong.
    pub fn new(plural: &str, singular: Option<&str>) -> Result<Names> {
        check_identifier("NAME", plural)?;
        if TAKEN.contains(&plural) || KEYWORDS.contains(&plural) {
            bail!(
                "NAME {plural:?} is taken: the stack or SQL already uses it; choose another name"
            );
        }
        let singular = match singular {
            Some(singular) => {
                check_identifier("SINGULAR", singular)?;
                singular.to_string()
            }
            None => singularize(plural)?,
        };
        if singular == plural {
            bail!(
                "NAME {plural:?} must be plural, different from its singular (give SINGULAR=...)"
            );
        }
        Ok(Names::spelled(plural, &singular))
    }

    fn spelled(plural: &str, singular: &str) -> Names {
        Names {
            snake: plural.to_string(),
            snake_singular: singular.to_string(),
            kebab: plural.replace('_', "-"),
            kebab_singular: singular.replace('_', "-"),
            pascal: pascal(plural),
            pascal_singular: pascal(singular),
            camel: camel(plural),
            camel_singular: camel(singular),
            title: sentence(plural),
            title_singular: sentence(singular),
            words: plural.replace('_', " "),
            words_singular: singular.replace('_', " "),
        }
    }
}

/// snake_case: a lowercase ASCII letter, then letters, digits and single
/// underscores between words.
pub fn check_identifier(what: &str, name: &str) -> Result<()> {
    let words_ok = name.split('_').all(|word| {
        !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    });
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_lowercase()) || !words_ok {
        bail!(
            "{what} {name:?} is not a snake_case name: use lowercase letters, digits and single \
             underscores, starting with a letter (for example: projects, time_entries)"
        );
    }
    if name.len() > MAX_LEN {
        bail!("{what} {name:?} is longer than {MAX_LEN} characters");
    }
    Ok(())
}

/// The English plural rules that cover names like `projects`, `categories`,
/// `boxes` and `addresses`; anything else needs SINGULAR=.
fn singularize(plural: &str) -> Result<String> {
    let rules = [
        ("ies", "y"),
        ("sses", "ss"),
        ("xes", "x"),
        ("ches", "ch"),
        ("shes", "sh"),
    ];
    for (ending, replacement) in rules {
        if let Some(stem) = plural.strip_suffix(ending) {
            return Ok(format!("{stem}{replacement}"));
        }
    }
    match plural.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.is_empty() && !stem.ends_with('_') => {
            Ok(stem.to_string())
        }
        _ => bail!(
            "NAME {plural:?} does not look like an English plural; give its singular too, \
             for example: make scaffold NAME={plural} SINGULAR=<singular> FIELDS=..."
        ),
    }
}

fn pascal(snake: &str) -> String {
    snake.split('_').map(capitalize).collect()
}

fn camel(snake: &str) -> String {
    let pascal = pascal(snake);
    let mut chars = pascal.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_ascii_lowercase().to_string() + chars.as_str()
    })
}

/// `time_entries` → `Time entries`
pub fn sentence(snake: &str) -> String {
    capitalize(&snake.replace('_', " "))
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_two_word_name() {
        let names = Names::new("time_entries", None).unwrap();
        assert_eq!(names.snake_singular, "time_entry");
        assert_eq!(names.kebab, "time-entries");
        assert_eq!(names.pascal_singular, "TimeEntry");
        assert_eq!(names.camel, "timeEntries");
        assert_eq!(names.title, "Time entries");
        assert_eq!(names.words_singular, "time entry");
    }

    #[test]
    fn english_plurals() {
        for (plural, singular) in [
            ("projects", "project"),
            ("categories", "category"),
            ("boxes", "box"),
            ("addresses", "address"),
            ("batches", "batch"),
        ] {
            assert_eq!(Names::new(plural, None).unwrap().snake_singular, singular);
        }
        assert_eq!(
            Names::new("people", Some("person")).unwrap().snake_singular,
            "person"
        );
    }

    #[test]
    fn bad_names_are_refused_with_the_reason() {
        for (name, reason) in [
            ("Projects", "snake_case"),
            ("2fa_codes", "snake_case"),
            ("my__things", "snake_case"),
            ("things_", "snake_case"),
            ("pro-jects", "snake_case"),
            ("", "snake_case"),
            ("items", "taken"),
            ("users", "taken"),
            ("order", "taken"),
            ("people", "plural"),
            ("glass", "plural"),
        ] {
            let err = Names::new(name, None).unwrap_err().to_string();
            assert!(err.contains(reason), "{name:?}: {err}");
        }
        let long = "a".repeat(MAX_LEN + 1);
        assert!(
            Names::new(&long, None)
                .unwrap_err()
                .to_string()
                .contains("longer")
        );
    }
}

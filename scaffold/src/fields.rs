//! The FIELDS of a resource: `name:string(1..120) notes:text? due:date?
//! done:bool`. Each becomes a column, a field of the API's shapes, a form
//! input and a table column, typed the same way everywhere.

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::names::{KEYWORDS, check_identifier, sentence};

/// The longest text a `string` or `text` field may be given.
pub const MAX_TEXT_CHARS: u32 = 10_000;

/// Field names the generated code gives every row or every list.
const RESERVED: &[&str] = &[
    "id",
    "owner_id",
    "created_at",
    "updated_at",
    "count",
    "data",
];

const USAGE: &str = "a field is name:type, with type one of string, string(MAX), string(MIN..MAX), \
                     text, int, int(MIN..MAX), bool, date, timestamp, ref(<resource>), and a \
                     trailing ? for an optional field (for example: name:string(1..120) notes:text? \
                     due:date? done:bool item_id:ref(items)?)";

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    String,
    Text,
    Int,
    Bool,
    Date,
    Timestamp,
    Ref,
}

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// `due_on`: column, JSON property and TypeScript property.
    pub name: String,
    /// `Due on`: form label and table heading.
    pub label: String,
    pub kind: Kind,
    pub optional: bool,
    /// Character bounds of a `string` or `text`, value bounds of an `int`.
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// The resource a `ref` points at (its table name, e.g. `items`).
    pub target: Option<String>,
}

/// Parses the whitespace-separated FIELDS.
pub fn parse_all(spec: &[String]) -> Result<Vec<Field>> {
    let fields: Vec<Field> = spec
        .iter()
        .flat_map(|part| part.split_whitespace())
        .map(parse)
        .collect::<Result<_>>()?;
    if fields.is_empty() {
        bail!("FIELDS is empty: {USAGE}");
    }
    for (i, field) in fields.iter().enumerate() {
        if fields[..i].iter().any(|other| other.name == field.name) {
            bail!("field {:?} is given twice", field.name);
        }
    }
    Ok(fields)
}

fn parse(spec: &str) -> Result<Field> {
    let (name, ty) = spec
        .split_once(':')
        .with_context(|| format!("field {spec:?} has no type: {USAGE}"))?;
    check_identifier("field", name)?;
    if RESERVED.contains(&name) || KEYWORDS.contains(&name) {
        bail!(
            "field name {name:?} is reserved (every row has id, owner_id and created_at, and some names are keywords); choose another"
        );
    }
    let (ty, optional) = match ty.strip_suffix('?') {
        Some(ty) => (ty, true),
        None => (ty, false),
    };
    let (base, args) = match ty.split_once('(') {
        Some((base, rest)) => {
            let args = rest
                .strip_suffix(')')
                .with_context(|| format!("field {spec:?}: missing ')': {USAGE}"))?;
            (base, Some(args))
        }
        None => (ty, None),
    };
    let field = |kind, min, max, target| Field {
        name: name.to_string(),
        label: sentence(name.strip_suffix("_id").unwrap_or(name)),
        kind,
        optional,
        min,
        max,
        target,
    };
    Ok(match (base, args) {
        ("string", None) => field(Kind::String, Some(1), Some(255), None),
        ("string", Some(args)) => {
            let (min, max) = bounds(spec, args, 0, MAX_TEXT_CHARS.into())?;
            if max == 0 {
                bail!("field {spec:?}: a string's maximum length must be at least 1");
            }
            field(Kind::String, Some(min.unwrap_or(1)), Some(max), None)
        }
        ("text", None) => field(Kind::Text, Some(0), Some(MAX_TEXT_CHARS.into()), None),
        ("int", None) => field(Kind::Int, None, None, None),
        ("int", Some(args)) => {
            let (min, max) = bounds(spec, args, i32::MIN.into(), i32::MAX.into())?;
            field(Kind::Int, min, Some(max), None)
        }
        ("bool", None) if optional => {
            bail!("field {spec:?}: a bool is always true or false; drop the '?'")
        }
        ("bool", None) => field(Kind::Bool, None, None, None),
        ("date", None) => field(Kind::Date, None, None, None),
        ("timestamp", None) => field(Kind::Timestamp, None, None, None),
        ("ref", Some(target)) => {
            check_identifier("ref target", target)?;
            field(Kind::Ref, None, None, Some(target.to_string()))
        }
        _ => bail!("field {spec:?}: unknown type {ty:?}: {USAGE}"),
    })
}

/// `MAX` or `MIN..MAX`, each within `floor..=ceiling`.
fn bounds(spec: &str, args: &str, floor: i64, ceiling: i64) -> Result<(Option<i64>, i64)> {
    let number = |text: &str| -> Result<i64> {
        let value: i64 = text
            .trim()
            .parse()
            .with_context(|| format!("field {spec:?}: {text:?} is not a whole number"))?;
        if value < floor || value > ceiling {
            bail!("field {spec:?}: {value} is outside {floor}..{ceiling}");
        }
        Ok(value)
    };
    match args.split_once("..") {
        Some((min, max)) => {
            let (min, max) = (number(min)?, number(max)?);
            if min > max {
                bail!("field {spec:?}: the minimum {min} is above the maximum {max}");
            }
            Ok((Some(min), max))
        }
        None => Ok((None, number(args)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(spec: &str) -> Field {
        parse_all(&[spec.to_string()]).unwrap().remove(0)
    }

    fn refused(spec: &str) -> String {
        parse_all(&[spec.to_string()]).unwrap_err().to_string()
    }

    #[test]
    fn the_example_fields() {
        let fields =
            parse_all(&["name:string(1..120) notes:text? due:date? done:bool".into()]).unwrap();
        let name = &fields[0];
        assert_eq!(
            (name.kind.clone(), name.min, name.max),
            (Kind::String, Some(1), Some(120))
        );
        assert!(!name.optional);
        assert_eq!(
            (fields[1].kind.clone(), fields[1].optional),
            (Kind::Text, true)
        );
        assert_eq!(
            (fields[2].kind.clone(), fields[2].optional),
            (Kind::Date, true)
        );
        assert_eq!(
            (fields[3].kind.clone(), fields[3].optional),
            (Kind::Bool, false)
        );
    }

    #[test]
    fn every_type() {
        assert_eq!(one("a:string").max, Some(255));
        assert_eq!(
            (one("a:string(80)").min, one("a:string(80)").max),
            (Some(1), Some(80))
        );
        assert_eq!(one("a:string(0..80)").min, Some(0));
        assert_eq!(one("hours:int").kind, Kind::Int);
        assert_eq!(
            (one("n:int(-5..5)").min, one("n:int(-5..5)").max),
            (Some(-5), Some(5))
        );
        assert_eq!(one("at:timestamp?").kind, Kind::Timestamp);
        let reference = one("item_id:ref(items)?");
        assert_eq!(reference.target.as_deref(), Some("items"));
        assert_eq!(reference.label, "Item");
    }

    #[test]
    fn bad_fields_are_refused_with_the_reason() {
        for (spec, reason) in [
            ("name", "no type"),
            ("name:strin", "unknown type"),
            ("name:float", "unknown type"),
            ("name:string(5..1)", "above the maximum"),
            ("name:string(x)", "not a whole number"),
            ("name:string(0)", "at least 1"),
            ("name:string(1..20000)", "outside"),
            ("name:string(1..5", "missing ')'"),
            ("n:int(1..3000000000)", "outside"),
            ("done:bool?", "drop the '?'"),
            ("id:int", "reserved"),
            ("owner_id:ref(items)", "reserved"),
            ("Name:text", "snake_case"),
            ("x:ref(Items)", "snake_case"),
        ] {
            let err = refused(spec);
            assert!(err.contains(reason), "{spec:?}: {err}");
        }
        assert!(refused("a:int a:text").contains("twice"));
        assert!(parse_all(&[]).unwrap_err().to_string().contains("empty"));
    }
}

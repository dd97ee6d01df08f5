//! The values to try on an input, derived from its documented schema, and
//! the document's verdict on each: the values at and just past each limit,
//! for a pattern every string of `CORPUS`, judged by the documented pattern
//! itself, and for a date or a date-time every string of `DATES` or
//! `DATE_TIMES`, judged by RFC 3339's grammar (as JSON Schema's formats
//! name it).

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde_json::json;
use uuid::Uuid;

use super::document::{Input, Location};
use crate::support::Json;

/// Strings tried on every input with a pattern: ordinary and tricky text,
/// blanks of every kind, and emails of every shape the API's rule (or a
/// validator's reading of it) might get wrong. The documented pattern
/// decides which ones the API must accept.
const CORPUS: &[&str] = &[
    "",
    "x",
    "é",
    "😀",
    " x ",
    " ",
    "\t\n",
    "\u{3000}",
    "\u{A0}",
    "\u{85}",
    "\u{FEFF}",
    "\u{200B}",
    "\0",
    "a\0b",
    "password",
    "Password",
    "password\n",
    "passwordx",
    "user@example.com",
    "USER@Example.COM",
    "first.last+tag@sub.example.org",
    "o'brien!#$%&*/=?^_`{|}~-@example.com",
    "user@xn--bcher-kva.example",
    "user@123.example",
    "  padded@example.com ",
    "\u{3000}padded@example.com\u{A0}\n",
    "plain",
    "@example.com",
    "user@",
    "user@localhost",
    "user@example.",
    "user@example.com.",
    "user@@example.com",
    "a b@example.com",
    ".user@example.com",
    "user.@example.com",
    "us..er@example.com",
    "\"quoted\"@example.com",
    "user@[127.0.0.1]",
    "user@exa_mple.com",
    "user@-example.com",
    "user@example-.com",
    "user@example..com",
    "σασ-straße@exämple.com",
    "नमस्ते@उदाहरण.भारत",
    "user@例え.jp",
    "😀@example.com",
    "user@😀.com",
    "user@\u{301}a.com",
    "user@example.com\0",
    "user\u{200B}@example.com",
    "user@example.com\u{FEFF}",
    "Name <user@example.com>",
];

/// Strings tried on every `date` input.
const DATES: &[&str] = &[
    "2026-12-31",
    "2024-02-29",
    "0001-01-01",
    "2026-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-12-32",
    "2026-1-1",
    "26-12-31",
    "+2026-12-31",
    "12026-12-31",
    " 2026-12-31",
    "2026-12-31 ",
    "2026-12-31\n",
    "2026/12/31",
    "20261231",
    "2026-12-31T00:00:00Z",
    "٢٠٢٦-١٢-٣١",
    "",
];

/// Strings tried on every `date-time` input.
const DATE_TIMES: &[&str] = &[
    "2026-12-31T09:30:00Z",
    "2026-12-31t09:30:00z",
    "2026-12-31T09:30:00.123456Z",
    "2026-12-31T23:30:00+02:00",
    "2026-12-31T09:30:00-23:59",
    "2024-02-29T00:00:00Z",
    "2026-12-31T09:30:00+24:00",
    "2026-12-31T09:30:00+0200",
    "2026-12-31T09:30:00+02",
    "2026-12-31",
    "2026-12-31T09:30:00",
    "2026-12-31 09:30:00Z",
    "2026-12-31T09:30Z",
    "2026-12-31T24:00:00Z",
    "2026-12-31T09:60:00Z",
    "2026-02-30T09:30:00Z",
    "2026-12-31T09:30:00.Z",
    " 2026-12-31T09:30:00Z",
    "2026-12-31T09:30:00Z ",
    "yesterday",
    "",
];

/// RFC 3339's `full-date`, and `date-time` in parts (`T` and `Z` may be
/// lower case).
static FULL_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("^([0-9]{4})-([0-9]{2})-([0-9]{2})$").unwrap());
static DATE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        "^([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.[0-9]+)?",
        "(?:[Zz]|[+-]([0-9]{2}):([0-9]{2}))$"
    ))
    .unwrap()
});

/// Whether `text` is a day of the calendar written as RFC 3339's `full-date`.
fn is_date(text: &str) -> bool {
    FULL_DATE.captures(text).is_some_and(|parts| {
        let number = |i: usize| parts[i].parse::<u32>().unwrap();
        NaiveDate::from_ymd_opt(number(1) as i32, number(2), number(3)).is_some()
    })
}

/// Whether `text` is an instant written as RFC 3339's `date-time` (no leap
/// second: none is tried).
fn is_date_time(text: &str) -> bool {
    DATE_TIME.captures(text).is_some_and(|parts| {
        let number = |i: usize| {
            parts
                .get(i)
                .map_or(0, |m| m.as_str().parse::<u32>().unwrap())
        };
        is_date(&parts[1])
            && number(2) <= 23
            && number(3) <= 59
            && number(4) <= 59
            && number(5) <= 23
            && number(6) <= 59
    })
}

/// One value to send, and whether the document accepts it.
pub struct Case {
    pub value: Json,
    pub accepted: bool,
}

/// The rules a schema states, read once.
struct Rules {
    min_length: Option<usize>,
    max_length: Option<usize>,
    minimum: Option<i64>,
    maximum: Option<i64>,
    pattern: Option<Regex>,
    uuid: bool,
    int32: bool,
    date: bool,
    date_time: bool,
}

impl Rules {
    fn of(schema: &Json) -> Rules {
        let length = |keyword: &str| schema[keyword].as_u64().map(|n| n as usize);
        let pattern = schema["pattern"].as_str().map(|source| {
            Regex::new(source).unwrap_or_else(|e| panic!("the documented pattern {source}: {e}"))
        });
        Rules {
            min_length: length("minLength"),
            max_length: length("maxLength"),
            minimum: schema["minimum"].as_i64(),
            maximum: schema["maximum"].as_i64(),
            pattern,
            uuid: schema["format"] == "uuid",
            int32: schema["format"] == "int32",
            date: schema["format"] == "date",
            date_time: schema["format"] == "date-time",
        }
    }

    /// Whether a value follows every rule (lengths counted in characters,
    /// as JSON Schema counts them).
    fn accept(&self, value: &Json) -> bool {
        if let Some(n) = value.as_i64() {
            return self.minimum.is_none_or(|min| n >= min)
                && self.maximum.is_none_or(|max| n <= max)
                && (!self.int32 || i32::try_from(n).is_ok());
        }
        let text = value.as_str().expect("a string or an integer");
        let chars = text.chars().count();
        self.min_length.is_none_or(|min| chars >= min)
            && self.max_length.is_none_or(|max| chars <= max)
            && self.matches(text)
            && (!self.uuid || Uuid::try_parse(text).is_ok())
            && (!self.date || is_date(text))
            && (!self.date_time || is_date_time(text))
    }

    fn matches(&self, text: &str) -> bool {
        self.pattern.as_ref().is_none_or(|p| p.is_match(text))
    }

    /// A string of `len` characters that matches the pattern, if one can,
    /// so that only its length decides the verdict: a non-ASCII fill first
    /// (the API must count characters, not bytes), then an ASCII one, then
    /// a unique email.
    fn string_of_length(&self, len: usize) -> String {
        let candidates = ["é".repeat(len), "x".repeat(len), email_of_length(len)];
        let fits = |s: &&String| s.chars().count() == len && self.matches(s);
        match candidates.iter().find(fits) {
            Some(found) => found.clone(),
            // Too short for anything to match: the length is wrong anyway.
            None if self.min_length.is_some_and(|min| len < min) => candidates[0].clone(),
            None => panic!(
                "no string of {len} characters matches {:?}; teach constraints/values.rs one",
                self.pattern
            ),
        }
    }
}

/// The cases of one input.
pub fn cases(input: &Input) -> Vec<Case> {
    let rules = Rules::of(&input.schema);
    let mut values: Vec<Json> = Vec::new();
    if let Some(min) = rules.minimum {
        values.extend([json!(min), json!(min - 1)]);
    }
    if let Some(max) = rules.maximum {
        values.extend([json!(max), json!(max + 1)]);
    }
    if rules.int32 {
        let (min, max) = (i64::from(i32::MIN), i64::from(i32::MAX));
        values.extend([json!(min), json!(min - 1), json!(max), json!(max + 1)]);
    }
    if let Some(min) = rules.min_length {
        values.push(json!(rules.string_of_length(min)));
        if min > 0 {
            values.push(json!(rules.string_of_length(min - 1)));
        }
    }
    if let Some(max) = rules.max_length {
        values.push(json!(rules.string_of_length(max)));
        values.push(json!(rules.string_of_length(max + 1)));
    }
    if rules.pattern.is_some() {
        values.extend(CORPUS.iter().map(|s| json!(s)));
    }
    if rules.date {
        values.extend(DATES.iter().map(|s| json!(s)));
    }
    if rules.date_time {
        values.extend(DATE_TIMES.iter().map(|s| json!(s)));
    }
    if rules.uuid {
        // The fixture's own id is the accepted one (`operations::baseline`).
        let id = Uuid::new_v4().to_string();
        values.extend([
            json!("not-a-uuid"),
            json!(format!("{id}0")),
            json!(&id[1..]),
        ]);
    }
    // No path has an empty segment: that is another route, not a value.
    values.retain(|v| input.location != Location::Path || v != "");
    values
        .into_iter()
        .map(|value| Case {
            accepted: rules.accept(&value),
            value,
        })
        .collect()
}

/// A unique address of exactly `len` characters (at least 13), when `len`
/// allows one.
fn email_of_length(len: usize) -> String {
    const DOMAIN: &str = "@example.com";
    let Some(local_len) = len.checked_sub(DOMAIN.len()).filter(|&n| n > 0) else {
        return String::new();
    };
    let unique = Uuid::new_v4().simple().to_string();
    let local: String = unique
        .chars()
        .chain(std::iter::repeat('a'))
        .take(local_len)
        .collect();
    format!("{local}{DOMAIN}")
}

/// A string that follows every rule of `schema` (for a baseline's body).
pub fn valid_string(schema: &Json) -> String {
    let rules = Rules::of(schema);
    let len = rules.min_length.unwrap_or(0).max(1);
    rules.string_of_length(rules.max_length.map_or(len, |max| len.min(max)))
}

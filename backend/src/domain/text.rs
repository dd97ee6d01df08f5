//! Short free-text fields, limited to 255 characters like the columns.

use std::sync::LazyLock;

use regex::Regex;
use utoipa::openapi::schema::ObjectBuilder;

use super::schema::{Documented, text};

/// The most characters (Unicode code points) a text column holds.
pub const MAX_CHARS: usize = 255;

/// No NUL: PostgreSQL text cannot hold one, so letting it through would turn
/// bad input into a 500.
const NO_NUL: &str = "^[^\\u0000]*$";

/// No NUL, and at least one character that is not a blank.
const NOT_BLANK: &str = concat!("^[^\\u0000]*[^\\u0000", blanks!(), "][^\\u0000]*$");

static NO_NUL_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(NO_NUL).unwrap());
static NOT_BLANK_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(NOT_BLANK).unwrap());

fn fits_text_column(raw: &str) -> Result<(), String> {
    if raw.chars().count() > MAX_CHARS {
        Err(format!("must be at most {MAX_CHARS} characters"))
    } else if !NO_NUL_RE.is_match(raw) {
        Err("must not contain NUL characters".into())
    } else {
        Ok(())
    }
}

/// The schema of a text column's value; `more` names any further rule.
fn text_schema(pattern: &str, more: &str) -> ObjectBuilder {
    text(pattern).max_length(Some(MAX_CHARS)).description(Some(format!(
        "At most {MAX_CHARS} characters (Unicode code points), no NUL{more}; stored as sent, not trimmed."
    )))
}

/// An item title: 1 to 255 characters, not only blanks.
#[derive(Debug, Clone)]
pub struct Title(pub String);

impl Title {
    pub fn parse(raw: String) -> Result<Title, String> {
        fits_text_column(&raw)?;
        if !NOT_BLANK_RE.is_match(&raw) {
            return Err("must not be empty".into());
        }
        Ok(Title(raw))
    }
}

impl Documented for Title {
    fn schema() -> ObjectBuilder {
        text_schema(NOT_BLANK, ", not only blanks").min_length(Some(1))
    }
}

/// An item description: at most 255 characters.
#[derive(Debug, Clone)]
pub struct Description(pub String);

impl Description {
    pub fn parse(raw: String) -> Result<Description, String> {
        fits_text_column(&raw).map(|()| Description(raw))
    }
}

impl Documented for Description {
    fn schema() -> ObjectBuilder {
        text_schema(NO_NUL, "")
    }
}

/// A user's full name: at most 255 characters.
#[derive(Debug, Clone)]
pub struct FullName(pub String);

impl FullName {
    pub fn parse(raw: String) -> Result<FullName, String> {
        fits_text_column(&raw).map(|()| FullName(raw))
    }
}

impl Documented for FullName {
    fn schema() -> ObjectBuilder {
        text_schema(NO_NUL, "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_must_have_content_and_fit() {
        assert!(Title::parse("".into()).is_err());
        assert!(Title::parse("   ".into()).is_err());
        assert!(Title::parse(" \u{3000}\t\n".into()).is_err());
        assert!(Title::parse(" x ".into()).is_ok());
        assert!(Title::parse("x".repeat(255)).is_ok());
        assert!(Title::parse("é".repeat(255)).is_ok());
        assert!(Title::parse("x".repeat(256)).is_err());
    }

    #[test]
    fn a_title_is_blank_exactly_when_trimming_leaves_nothing() {
        // The documented pattern's idea of a blank is `str::trim`'s.
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| c != '\0')
        {
            let title = format!(" {c}\t");
            assert_eq!(
                Title::parse(title.clone()).is_ok(),
                !title.trim().is_empty(),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn description_and_name_may_be_empty_but_not_long() {
        assert!(Description::parse(String::new()).is_ok());
        assert!(Description::parse("x".repeat(256)).is_err());
        assert!(FullName::parse("x".repeat(256)).is_err());
    }

    #[test]
    fn text_must_not_contain_nul() {
        assert!(Title::parse("a\0b".into()).is_err());
        assert!(Description::parse("\0".into()).is_err());
        assert!(FullName::parse("a\0".into()).is_err());
    }
}

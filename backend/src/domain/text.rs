//! Free-text fields: the items' and users' own, limited to 255 characters
//! like their columns, and `Text<MIN, MAX>` for the fields of resources
//! made with `make scaffold`.

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

/// Text of `MIN` to `MAX` characters (Unicode code points), without NUL
/// and, when `MIN` is 1 or more, not only blanks; stored as sent. The
/// wire types name its bounds where they use it:
/// `#[schema(schema_with = required::<Text<1, 120>>)]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text<const MIN: usize, const MAX: usize>(pub String);

impl<const MIN: usize, const MAX: usize> Text<MIN, MAX> {
    /// Refuses, when the program is built, bounds no text could meet.
    const BOUNDS: () = assert!(MIN <= MAX, "Text<MIN, MAX> needs MIN <= MAX");

    pub fn parse(raw: String) -> Result<Self, String> {
        let () = Self::BOUNDS;
        let chars = raw.chars().count();
        if chars > MAX {
            Err(format!("must be at most {MAX} characters"))
        } else if !NO_NUL_RE.is_match(&raw) {
            Err("must not contain NUL characters".into())
        } else if chars < MIN && MIN == 1 {
            Err("must not be empty".into())
        } else if chars < MIN {
            Err(format!("must be at least {MIN} characters"))
        } else if MIN >= 1 && !NOT_BLANK_RE.is_match(&raw) {
            Err("must not be only blanks".into())
        } else {
            Ok(Text(raw))
        }
    }
}

impl<const MIN: usize, const MAX: usize> Documented for Text<MIN, MAX> {
    fn schema() -> ObjectBuilder {
        let length = match (MIN, MAX) {
            (0, _) => format!("At most {MAX} characters"),
            _ if MIN == MAX => format!("Exactly {MAX} characters"),
            _ => format!("{MIN} to {MAX} characters"),
        };
        let (pattern, blanks) = match MIN {
            0 => (NO_NUL, ""),
            _ => (NOT_BLANK, ", not only blanks"),
        };
        text(pattern)
            .min_length((MIN > 0).then_some(MIN))
            .max_length(Some(MAX))
            .description(Some(format!(
                "{length} (Unicode code points), no NUL{blanks}; stored as sent, not trimmed."
            )))
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

    #[test]
    fn text_bounds_are_inclusive_and_counted_in_characters() {
        type Name = Text<2, 5>;
        assert!(Name::parse("é".into()).is_err());
        assert!(Name::parse("éé".into()).is_ok());
        assert!(Name::parse("😀😀😀😀😀".into()).is_ok());
        assert!(Name::parse("xxxxxx".into()).is_err());
        assert_eq!(
            Name::parse("x".into()).unwrap_err(),
            "must be at least 2 characters"
        );
        assert_eq!(
            Name::parse("x".repeat(6)).unwrap_err(),
            "must be at most 5 characters"
        );
    }

    #[test]
    fn text_with_a_minimum_must_not_be_blank_and_text_without_may_be_empty() {
        assert_eq!(
            Text::<1, 9>::parse(String::new()).unwrap_err(),
            "must not be empty"
        );
        assert_eq!(
            Text::<1, 9>::parse(" \u{3000}\t".into()).unwrap_err(),
            "must not be only blanks"
        );
        assert_eq!(
            Text::<2, 9>::parse("  ".into()).unwrap_err(),
            "must not be only blanks"
        );
        assert!(Text::<1, 9>::parse(" x ".into()).is_ok());
        assert!(Text::<0, 9>::parse(String::new()).is_ok());
        assert!(Text::<0, 9>::parse("   ".into()).is_ok());
        assert_eq!(
            Text::<0, 9>::parse("a\0".into()).unwrap_err(),
            "must not contain NUL characters"
        );
        assert!(Text::<1, 9>::parse("\0".into()).is_err());
    }

    #[test]
    fn text_documents_its_bounds_and_pattern() {
        let schema = serde_json::to_value(Text::<1, 120>::schema().build()).unwrap();
        assert_eq!(schema["minLength"], 1);
        assert_eq!(schema["maxLength"], 120);
        assert_eq!(schema["pattern"], NOT_BLANK);
        assert_eq!(
            schema["description"],
            "1 to 120 characters (Unicode code points), no NUL, not only blanks; \
             stored as sent, not trimmed."
        );
        let schema = serde_json::to_value(Text::<0, 10000>::schema().build()).unwrap();
        assert!(schema.get("minLength").is_none());
        assert_eq!(schema["maxLength"], 10000);
        assert_eq!(schema["pattern"], NO_NUL);
        let schema = serde_json::to_value(Text::<3, 3>::schema().build()).unwrap();
        assert!(
            schema["description"]
                .as_str()
                .unwrap()
                .starts_with("Exactly 3 characters")
        );
    }

    #[test]
    fn text_and_its_pattern_agree_on_every_blank() {
        // A value passes `parse` exactly when it matches the documented
        // pattern (and fits): clients check with the pattern alone.
        let pattern = Regex::new(NOT_BLANK).unwrap();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let raw = format!("{c} ");
            assert_eq!(
                Text::<1, 9>::parse(raw.clone()).is_ok(),
                pattern.is_match(&raw),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }
}

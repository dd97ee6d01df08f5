use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use utoipa::openapi::schema::ObjectBuilder;

use super::schema::{Documented, text};

/// The most characters (Unicode code points) of an email, blanks included.
pub const MAX_CHARS: usize = 255;

/// One character of a local part: a letter, combining mark or digit of any
/// script, or ASCII punctuation allowed unquoted. (Alternatives rather than
/// one class: tools that translate `\p{..}` for other regex dialects, such as
/// the fuzzer of the resilience suite, only read them standing alone.)
macro_rules! atom_char {
    () => {
        "(?:\\p{L}|\\p{M}|\\p{N}|[!#$%&'*+\\/=?^_`{|}~-])"
    };
}

/// A domain label: letters, marks, digits and inner hyphens, starting with a
/// letter or digit, at most 63 characters.
macro_rules! label {
    () => {
        "(?:\\p{L}|\\p{N})(?:(?:\\p{L}|\\p{M}|\\p{N}|-){0,61}(?:\\p{L}|\\p{M}|\\p{N}))?"
    };
}

/// Dot-separated atoms (no quoted local parts), `@`, then at least two
/// labels (no IP literals); surrounding blanks are allowed, and removed.
/// Written for both Rust's `regex` and ECMAScript with the `u` flag (which
/// JSON Schema 2020-12 asks validators to use), so that a validator
/// generated from the OpenAPI document accepts exactly what the API accepts.
pub const PATTERN: &str = concat!(
    "^[",
    blanks!(),
    "]*",
    atom_char!(),
    "+(?:\\.",
    atom_char!(),
    "+)*@",
    label!(),
    "(?:\\.",
    label!(),
    ")+[",
    blanks!(),
    "]*$",
);

static EMAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(PATTERN).unwrap());

/// An email address as `PATTERN` describes it, of at most `MAX_CHARS`
/// characters as sent. Stored without its surrounding blanks; compared
/// case-insensitively by the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: String) -> Result<Email, String> {
        if raw.chars().count() > MAX_CHARS {
            return Err(format!("must be at most {MAX_CHARS} characters"));
        }
        if !EMAIL.is_match(&raw) {
            return Err("value is not a valid email address".into());
        }
        Ok(Email(raw.trim().to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Documented for Email {
    fn schema() -> ObjectBuilder {
        text(PATTERN)
            .max_length(Some(MAX_CHARS))
            .description(Some(format!(
                "An email address: letters, combining marks and digits of any script and \
             !#$%&'*+/=?^_`{{|}}~- in dot-separated parts, `@`, then at least two dot-separated \
             labels of letters, marks, digits and inner hyphens (at most 63 characters each, \
             starting with a letter or digit). At most {MAX_CHARS} characters (Unicode code \
             points); surrounding blanks are removed."
            )))
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses() {
        for ok in [
            "user@example.com",
            "first.last+tag@sub.example.org",
            "o'brien!#$%&*/=?^_`{|}~-@example.com",
            "user@xn--bcher-kva.example",
            "σασ-straße@exämple.com",
            "नमस्ते@उदाहरण.भारत",
            "user@例え.jp",
            "user@123.example",
            &format!("user@{}.com", "a".repeat(63)),
            "  padded@example.com ",
            "\u{3000}padded@example.com\u{A0}\n",
        ] {
            assert!(Email::parse(ok.into()).is_ok(), "{ok}");
        }
    }

    #[test]
    fn keeps_the_address_without_its_surrounding_blanks() {
        let email = Email::parse("\u{3000} User@Example.com\t".into()).unwrap();
        assert_eq!(email.as_str(), "User@Example.com");
    }

    #[test]
    fn rejects_malformed_or_long_addresses() {
        let long = format!("{}@example.com", "a".repeat(244));
        let long_label = format!("user@{}.com", "a".repeat(64));
        for bad in [
            "",
            "plain",
            "@example.com",
            "user@",
            "user@localhost",
            "user@example.",
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
            "😀@example.com",
            "user@😀.com",
            "user@\u{301}a.com",
            "user@example.com\0",
            "user\u{200B}@example.com",
            "Name <user@example.com>",
            &long_label,
            &long,
        ] {
            assert!(Email::parse(bad.into()).is_err(), "{bad}");
        }
        assert!(Email::parse(long[1..].to_owned()).is_ok());
    }
}

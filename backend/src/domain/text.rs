//! Short free-text fields, limited to 255 characters like the columns.

const MAX_CHARS: usize = 255;

/// At most 255 characters, and no NUL: PostgreSQL text cannot hold one, so
/// letting it through would turn bad input into a 500.
fn fits_text_column(raw: &str) -> Result<(), String> {
    if raw.chars().count() > MAX_CHARS {
        Err("must be at most 255 characters".into())
    } else if raw.contains('\0') {
        Err("must not contain NUL characters".into())
    } else {
        Ok(())
    }
}

/// An item title: 1 to 255 characters, not only blanks.
#[derive(Debug, Clone)]
pub struct Title(pub String);

impl Title {
    pub fn parse(raw: String) -> Result<Title, String> {
        if raw.trim().is_empty() {
            return Err("must not be empty".into());
        }
        fits_text_column(&raw).map(|()| Title(raw))
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

/// A user's full name: at most 255 characters.
#[derive(Debug, Clone)]
pub struct FullName(pub String);

impl FullName {
    pub fn parse(raw: String) -> Result<FullName, String> {
        fits_text_column(&raw).map(|()| FullName(raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_must_have_content_and_fit() {
        assert!(Title::parse("".into()).is_err());
        assert!(Title::parse("   ".into()).is_err());
        assert!(Title::parse("x".repeat(255)).is_ok());
        assert!(Title::parse("x".repeat(256)).is_err());
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

use std::fmt;

const MAX_CHARS: usize = 255;

/// A syntactically valid email address of at most 255 characters, with a
/// dotted domain. Stored as given; compared case-insensitively by the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: String) -> Result<Email, String> {
        let email = raw.trim();
        if email.chars().count() > MAX_CHARS {
            return Err("must be at most 255 characters".into());
        }
        if !email_address::EmailAddress::is_valid(email) || !is_ordinary(email) {
            return Err("value is not a valid email address".into());
        }
        Ok(Email(email.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// RFC 5322 allows more than mail services accept (and more than the
/// FastAPI template's validator): refuse quoted local parts, IP-literal domains and
/// single-label domains.
fn is_ordinary(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let label_ok = |label: &str| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    !local.contains(['"', ' ', '\\'])
        && domain.split('.').count() >= 2
        && domain.split('.').all(label_ok)
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
            "  padded@example.com ",
        ] {
            assert!(Email::parse(ok.into()).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_malformed_or_long_addresses() {
        let long = format!("{}@example.com", "a".repeat(250));
        for bad in [
            "",
            "plain",
            "@example.com",
            "user@",
            "user@localhost",
            "a b@example.com",
            "\"quoted\"@example.com",
            "user@[127.0.0.1]",
            "user@exa_mple.com",
            "user@-example.com",
            &long,
        ] {
            assert!(Email::parse(bad.into()).is_err(), "{bad}");
        }
    }
}

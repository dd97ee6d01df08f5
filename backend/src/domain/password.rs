use secrecy::{ExposeSecret, SecretString};
use utoipa::openapi::schema::{ObjectBuilder, Type};

use super::schema::Documented;

/// The fewest and the most characters (Unicode code points) of a new password.
pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 128;

/// A new password of `MIN_CHARS` to `MAX_CHARS` characters. Never printed by `Debug`.
#[derive(Debug, Clone)]
pub struct Password(SecretString);

impl Password {
    pub fn parse(raw: String) -> Result<Password, String> {
        let chars = raw.chars().count();
        if chars < MIN_CHARS {
            return Err(format!("must be at least {MIN_CHARS} characters"));
        }
        if chars > MAX_CHARS {
            return Err(format!("must be at most {MAX_CHARS} characters"));
        }
        Ok(Password(SecretString::from(raw)))
    }

    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl Documented for Password {
    fn schema() -> ObjectBuilder {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(MIN_CHARS))
            .max_length(Some(MAX_CHARS))
            .description(Some(format!(
                "{MIN_CHARS} to {MAX_CHARS} characters (Unicode code points), any characters; not trimmed."
            )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_limits_are_inclusive() {
        assert!(Password::parse("a".repeat(7)).is_err());
        assert!(Password::parse("a".repeat(8)).is_ok());
        assert!(Password::parse("é".repeat(128)).is_ok());
        assert!(Password::parse("a".repeat(129)).is_err());
    }

    #[test]
    fn debug_does_not_show_the_password() {
        let password = Password::parse("hunter2hunter2".into()).unwrap();
        assert!(!format!("{password:?}").contains("hunter2"));
    }
}

//! Checks on the secrets: refused in production, warned about elsewhere.

use secrecy::SecretString;

use super::env::{ConfigError, Env};
use super::{Environment, FirstSuperuser};

const MIN_SECRET_KEY_CHARS: usize = 32;
const MIN_PASSWORD_CHARS: usize = 8;

/// Values that ship in examples and must never guard a real deployment.
/// (`changethis`, `change-me`, ... are caught by their common start.)
const PLACEHOLDERS: &[&str] = &[
    "change",
    "replace",
    "placeholder",
    "your-secret",
    "example",
    "secret",
    "password",
];

pub fn is_placeholder(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    PLACEHOLDERS.iter().any(|p| lower.starts_with(p))
}

/// `SECRET_KEY` signs every access token. Outside production a missing key
/// is replaced by a random one (tokens then end with the process).
pub fn secret_key(
    env: &Env,
    environment: Environment,
    warnings: &mut Vec<String>,
) -> Result<SecretString, ConfigError> {
    let problem = match env.get("SECRET_KEY") {
        None => "is missing",
        Some(key) if key.chars().count() < MIN_SECRET_KEY_CHARS => {
            "is shorter than 32 characters (generate one with `openssl rand -hex 32`)"
        }
        Some(key) if is_placeholder(&key) => "is a placeholder value",
        Some(key) => return Ok(SecretString::from(key)),
    };
    if environment == Environment::Production {
        return Err(ConfigError::invalid("SECRET_KEY", problem));
    }
    warnings.push(format!(
        "SECRET_KEY {problem}; using a random key for this process"
    ));
    Ok(SecretString::from(random_key()))
}

/// The first superuser is created at start-up when `FIRST_SUPERUSER` is set;
/// its password must then be real in production.
pub fn first_superuser(
    env: &Env,
    environment: Environment,
    warnings: &mut Vec<String>,
) -> Result<Option<FirstSuperuser>, ConfigError> {
    let Some(email) = env.get("FIRST_SUPERUSER") else {
        return Ok(None);
    };
    let password = env.get("FIRST_SUPERUSER_PASSWORD");
    let problem = match &password {
        None => Some("is missing (FIRST_SUPERUSER is set)"),
        Some(p) if p.chars().count() < MIN_PASSWORD_CHARS => Some("is shorter than 8 characters"),
        Some(p) if is_placeholder(p) => Some("is a placeholder value"),
        Some(_) => None,
    };
    if let Some(problem) = problem {
        if environment == Environment::Production {
            return Err(ConfigError::invalid("FIRST_SUPERUSER_PASSWORD", problem));
        }
        warnings.push(format!("FIRST_SUPERUSER_PASSWORD {problem}"));
    }
    Ok(password.map(|password| FirstSuperuser {
        email,
        password: SecretString::from(password),
    }))
}

fn random_key() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Env {
        Env::from_pairs(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())))
    }

    const GOOD_KEY: &str = "0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn production_refuses_missing_short_or_placeholder_secret_key() {
        for pairs in [
            vec![],
            vec![("SECRET_KEY", "short")],
            vec![("SECRET_KEY", "changethis-changethis-changethis-changethis")],
        ] {
            let err = secret_key(&env(&pairs), Environment::Production, &mut vec![]).unwrap_err();
            assert_eq!(err.variable, "SECRET_KEY");
        }
    }

    #[test]
    fn development_warns_and_uses_a_random_key() {
        let mut warnings = vec![];
        secret_key(&env(&[]), Environment::Development, &mut warnings).unwrap();
        assert!(warnings[0].contains("SECRET_KEY"));
    }

    #[test]
    fn a_real_secret_key_is_accepted_everywhere() {
        let e = env(&[("SECRET_KEY", GOOD_KEY)]);
        let mut warnings = vec![];
        secret_key(&e, Environment::Production, &mut warnings).unwrap();
        assert!(warnings.is_empty());
    }

    #[test]
    fn production_refuses_placeholder_superuser_password() {
        for password in [None, Some("changethis"), Some("short")] {
            let mut pairs = vec![("FIRST_SUPERUSER", "admin@example.com")];
            if let Some(p) = password {
                pairs.push(("FIRST_SUPERUSER_PASSWORD", p));
            }
            let err = first_superuser(&env(&pairs), Environment::Production, &mut vec![]);
            assert_eq!(err.unwrap_err().variable, "FIRST_SUPERUSER_PASSWORD");
        }
    }

    #[test]
    fn no_first_superuser_when_unset() {
        let result = first_superuser(&env(&[]), Environment::Production, &mut vec![]);
        assert!(result.unwrap().is_none());
    }
}

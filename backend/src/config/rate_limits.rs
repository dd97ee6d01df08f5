//! `RATE_LIMIT_*`: how many attempts each limit allows, as `N/SECONDS`.

use std::time::Duration;

use super::env::{ConfigError, Env};
use crate::rate_limit::Limit;

/// One [`Limit`] per protected action.
#[derive(Debug, Clone)]
pub struct RateLimitConfig {
    pub login_per_ip: Limit,
    pub login_per_email: Limit,
    pub signup_per_ip: Limit,
    pub password_recovery_per_ip: Limit,
    pub password_recovery_per_email: Limit,
    /// Attempts at changing one's password, which guess the current one.
    pub password_change_per_user: Limit,
}

impl RateLimitConfig {
    pub(super) fn read(env: &Env) -> Result<RateLimitConfig, ConfigError> {
        Ok(RateLimitConfig {
            login_per_ip: limit(env, "RATE_LIMIT_LOGIN_PER_IP", "login_ip", "20/60")?,
            login_per_email: limit(env, "RATE_LIMIT_LOGIN_PER_EMAIL", "login_email", "5/60")?,
            signup_per_ip: limit(env, "RATE_LIMIT_SIGNUP_PER_IP", "signup_ip", "5/3600")?,
            password_recovery_per_ip: limit(
                env,
                "RATE_LIMIT_PASSWORD_RECOVERY_PER_IP",
                "password_recovery_ip",
                "5/3600",
            )?,
            password_recovery_per_email: limit(
                env,
                "RATE_LIMIT_PASSWORD_RECOVERY_PER_EMAIL",
                "password_recovery_email",
                "3/3600",
            )?,
            password_change_per_user: limit(
                env,
                "RATE_LIMIT_PASSWORD_CHANGE_PER_USER",
                "password_change_user",
                "5/900",
            )?,
        })
    }

    /// The same `max` per `window` for every limit (tests, benchmarks).
    pub fn uniform(max: u64, window: Duration) -> RateLimitConfig {
        RateLimitConfig {
            login_per_ip: Limit::new("login_ip", max, window),
            login_per_email: Limit::new("login_email", max, window),
            signup_per_ip: Limit::new("signup_ip", max, window),
            password_recovery_per_ip: Limit::new("password_recovery_ip", max, window),
            password_recovery_per_email: Limit::new("password_recovery_email", max, window),
            password_change_per_user: Limit::new("password_change_user", max, window),
        }
    }
}

fn limit(
    env: &Env,
    variable: &'static str,
    name: &'static str,
    default: &str,
) -> Result<Limit, ConfigError> {
    let raw = env.string_or(variable, default);
    let (max, window) = parse(&raw).ok_or_else(|| {
        ConfigError::invalid(
            variable,
            format!("must be `N/SECONDS` with both numbers above zero, e.g. `5/60` (got `{raw}`)"),
        )
    })?;
    Ok(Limit::new(name, max, window))
}

/// `"20/60"` → 20 per 60 seconds.
fn parse(raw: &str) -> Option<(u64, Duration)> {
    let (max, seconds) = raw.split_once('/')?;
    let max: u64 = max.trim().parse().ok().filter(|n| *n > 0)?;
    let seconds: u64 = seconds.trim().parse().ok().filter(|n| *n > 0)?;
    Some((max, Duration::from_secs(seconds)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> Result<RateLimitConfig, ConfigError> {
        RateLimitConfig::read(&Env::from_pairs(
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())),
        ))
    }

    #[test]
    fn the_defaults_apply_when_unset() {
        let config = read(&[]).unwrap();
        assert_eq!(
            (config.login_per_ip.max, config.login_per_ip.window),
            (20, Duration::from_secs(60))
        );
        assert_eq!(config.login_per_email.max, 5);
        assert_eq!(config.signup_per_ip.window, Duration::from_secs(3600));
        assert_eq!(config.password_recovery_per_ip.max, 5);
        assert_eq!(config.password_recovery_per_email.max, 3);
        assert_eq!(
            (
                config.password_change_per_user.max,
                config.password_change_per_user.window
            ),
            (5, Duration::from_secs(900))
        );
    }

    #[test]
    fn a_limit_is_read_as_count_per_seconds() {
        let config = read(&[("RATE_LIMIT_SIGNUP_PER_IP", " 3 / 10 ")]).unwrap();
        assert_eq!(config.signup_per_ip.max, 3);
        assert_eq!(config.signup_per_ip.window, Duration::from_secs(10));
        assert_eq!(config.signup_per_ip.name, "signup_ip");
    }

    #[test]
    fn a_malformed_limit_names_its_variable() {
        for bad in [
            "5", "5/", "/60", "0/60", "5/0", "-1/60", "five/60", "5/60/2", "5.5/60",
        ] {
            let err = read(&[("RATE_LIMIT_LOGIN_PER_EMAIL", bad)]).unwrap_err();
            assert_eq!(err.variable, "RATE_LIMIT_LOGIN_PER_EMAIL", "{bad}");
            assert!(err.reason.contains("N/SECONDS"), "{}", err.reason);
        }
    }
}

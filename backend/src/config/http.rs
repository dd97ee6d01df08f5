//! `HTTP_*` and `MAX_CONNECTIONS`: how long the API waits on a client
//! connection, and how many it holds open (see `server`).

use std::time::Duration;

use super::env::{ConfigError, Env};

#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// How long a client has to send a whole request head, counted from the
    /// connection's start or from the first byte of the head (a slow or
    /// silent client is disconnected).
    pub header_read_timeout: Duration,
    /// How long a kept-alive connection may sit idle between requests.
    /// Longer than the reverse proxy's own upstream keepalive timeout
    /// (nginx/: 60 s), so that the proxy, not the API, closes idle
    /// connections and never sends a request on one the API is closing.
    pub idle_timeout: Duration,
    /// Connections open at once; further ones are accepted and closed at
    /// once.
    pub max_connections: usize,
}

impl HttpConfig {
    pub(super) fn read(env: &Env) -> Result<HttpConfig, ConfigError> {
        Ok(HttpConfig {
            header_read_timeout: Duration::from_secs(
                env.positive_or("HTTP_HEADER_READ_TIMEOUT_SECONDS", 10)?,
            ),
            idle_timeout: Duration::from_secs(env.positive_or("HTTP_IDLE_TIMEOUT_SECONDS", 75)?),
            max_connections: env.positive_or("MAX_CONNECTIONS", 10_000)?,
        })
    }
}

/// The documented defaults.
impl Default for HttpConfig {
    fn default() -> HttpConfig {
        HttpConfig::read(&Env::from_pairs([])).expect("the defaults are valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> Result<HttpConfig, ConfigError> {
        HttpConfig::read(&Env::from_pairs(
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())),
        ))
    }

    #[test]
    fn the_defaults_apply_when_unset() {
        let config = read(&[]).unwrap();
        assert_eq!(config.header_read_timeout, Duration::from_secs(10));
        assert_eq!(config.idle_timeout, Duration::from_secs(75));
        assert_eq!(config.max_connections, 10_000);
    }

    #[test]
    fn each_setting_is_read_and_must_be_above_zero() {
        let config = read(&[
            ("HTTP_HEADER_READ_TIMEOUT_SECONDS", "5"),
            ("HTTP_IDLE_TIMEOUT_SECONDS", "120"),
            ("MAX_CONNECTIONS", "2000"),
        ])
        .unwrap();
        assert_eq!(config.header_read_timeout, Duration::from_secs(5));
        assert_eq!(config.idle_timeout, Duration::from_secs(120));
        assert_eq!(config.max_connections, 2000);
        for variable in [
            "HTTP_HEADER_READ_TIMEOUT_SECONDS",
            "HTTP_IDLE_TIMEOUT_SECONDS",
            "MAX_CONNECTIONS",
        ] {
            let err = read(&[(variable, "0")]).unwrap_err();
            assert_eq!(err.variable, variable);
        }
    }
}

//! Fixed-window rate limits, counted in Redis so that every API process
//! shares them.
//!
//! Each attempt increments the counter of the current window
//! (`{prefix}rate:{limit}:{subject}:{window index}`); past `max`, the answer is
//! a 429 with `Retry-After` (the seconds until the window ends). A fixed
//! window may let up to twice `max` through around a window boundary; for
//! slowing down password guessing that is fine, and it costs one round trip.
//!
//! Protecting a new action takes one line:
//! `rate_limit::check(&state.redis, &state.config.rate_limits.x, &subject).await?;`

mod client_ip;

use std::net::IpAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use metrics::counter;
use sha2::{Digest, Sha256};

pub use client_ip::{ClientIp, client_ip};

use crate::db::users;
use crate::error::AppError;
use crate::metrics::RATE_LIMITED_TOTAL;
use crate::redis_store::RedisStore;
use crate::state::AppState;

/// At most `max` attempts per subject in each `window`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    /// Names the limit in Redis keys and in `rate_limited_total{limit}`.
    pub name: &'static str,
    pub max: u64,
    pub window: Duration,
}

impl Limit {
    pub fn new(name: &'static str, max: u64, window: Duration) -> Limit {
        Limit { name, max, window }
    }
}

/// Counts one attempt by `subject` against `limit`; a 429 once over it.
///
/// When Redis is unavailable the attempt is let through (fail open). The
/// alternative, refusing every login and signup, would turn a cache outage
/// into a full outage of the ways in; the outage already shows in the logs,
/// `redis_errors_total` and `/health/ready`, and password hashing stays
/// deliberately slow, so guessing stays expensive meanwhile.
pub async fn check(redis: &RedisStore, limit: &Limit, subject: &str) -> Result<(), AppError> {
    let window = limit.window.as_secs().max(1);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let index = now / window;
    let key = redis.key(&format!("rate:{}:{subject}:{index}", limit.name));
    let mut pipeline = redis::pipe();
    pipeline
        .atomic()
        .incr(&key, 1)
        .expire(&key, window as i64)
        .ignore();
    let Some((count,)) = redis.pipeline::<(u64,)>(&pipeline).await else {
        return Ok(());
    };
    if count <= limit.max {
        return Ok(());
    }
    counter!(RATE_LIMITED_TOTAL, "limit" => limit.name).increment(1);
    let retry_after = (index + 1) * window - now;
    Err(AppError::too_many_requests(Duration::from_secs(
        retry_after,
    )))
}

/// Checks a per-client limit, then a per-email one (login, password
/// recovery). A client already over its limit is refused before its attempt
/// counts against the email (and before the database is asked anything).
///
/// The email is counted under the key PostgreSQL compares logins by
/// ([`users::email_key`]), so every spelling that reaches an account shares
/// its count, and spellings of an email nobody has share one just the same:
/// whether a variant is limited says nothing about whether the email is
/// registered. Asking PostgreSQL costs a round trip that touches no table,
/// the same for every email; the login it guards hashes a password.
pub async fn check_client_and_email(
    state: &AppState,
    (per_ip, per_email): (&Limit, &Limit),
    client_ip: IpAddr,
    email: &str,
) -> Result<(), AppError> {
    check(&state.redis, per_ip, &ip_subject(client_ip)).await?;
    let key = users::email_key(&state.db, email).await?;
    check(&state.redis, per_email, &email_subject(&key)).await
}

/// The subject for a per-IP limit. An IPv6 client usually controls a whole
/// /64, so IPv6 addresses are limited per /64; IPv4 per address.
pub fn ip_subject(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let [a, b, c, d, ..] = v6.segments();
            format!("{a:x}:{b:x}:{c:x}:{d:x}::/64")
        }
    }
}

/// The subject for a per-email limit, from the email's key
/// ([`users::email_key`]): hashed, so that Redis holds no email addresses
/// and an attacker's arbitrarily long `username` makes a fixed-size key.
pub fn email_subject(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_key_hashes_to_a_fixed_size_subject() {
        assert_eq!(
            email_subject("alice@example.com"),
            email_subject("alice@example.com")
        );
        assert_ne!(
            email_subject("alice@example.com"),
            email_subject("bob@example.com")
        );
        assert_eq!(email_subject(&"x".repeat(10_000)).len(), 64);
        assert!(!email_subject("alice@example.com").contains("alice"));
    }

    #[test]
    fn ipv4_is_limited_per_address_and_ipv6_per_64() {
        assert_eq!(ip_subject("203.0.113.7".parse().unwrap()), "203.0.113.7");
        assert_eq!(
            ip_subject("::ffff:203.0.113.7".parse().unwrap()),
            "203.0.113.7"
        );
        assert_eq!(
            ip_subject("2001:db8:1:2:aaaa::1".parse().unwrap()),
            ip_subject("2001:db8:1:2:bbbb::9".parse().unwrap())
        );
        assert_ne!(
            ip_subject("2001:db8:1:2::1".parse().unwrap()),
            ip_subject("2001:db8:1:3::1".parse().unwrap())
        );
    }
}

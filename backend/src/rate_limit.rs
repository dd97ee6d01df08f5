//! Fixed-window rate limits, counted in Redis so that every API process
//! shares them.
//!
//! Each attempt increments the counter of the current window
//! (`{prefix}rate:{limit}:{subject}:{window index}`); past `max`, the answer is
//! a 429 with `Retry-After` (the seconds until the window ends). A fixed
//! window may let up to twice `max` through around a window boundary; for
//! slowing down password guessing that is fine, and it costs one round trip.
//!
//! While Redis is unreachable, each process counts in memory instead (the
//! same limits and windows; see `local`).
//!
//! Protecting a new action takes one line:
//! `state.limiter.check(&state.config.rate_limits.x, &subject).await?;`

mod client_ip;
mod local;

use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use metrics::counter;
use sha2::{Digest, Sha256};

pub use client_ip::{ClientIp, client_ip};
use local::LocalWindows;

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

/// Counts attempts: in Redis, shared by every API process, or in this
/// process while Redis is unreachable.
#[derive(Clone)]
pub struct RateLimiter {
    redis: RedisStore,
    local: Arc<LocalWindows>,
}

impl RateLimiter {
    pub fn new(redis: RedisStore) -> RateLimiter {
        RateLimiter {
            redis,
            local: Arc::default(),
        }
    }

    /// Counts one attempt by `subject` against `limit`; a 429 once over it.
    ///
    /// When Redis is unavailable the attempt is counted in this process
    /// (fail safe, not open): refusing every login and signup would turn a
    /// cache outage into an outage of the ways in, and letting every attempt
    /// through would let password guessing run at full speed for as long as
    /// the outage lasts. With several API processes each counts on its own
    /// meanwhile, so up to `max` times their number get through; the counts
    /// start from zero when Redis goes away and when it comes back.
    pub async fn check(&self, limit: &Limit, subject: &str) -> Result<(), AppError> {
        let window = limit.window.as_secs().max(1);
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let index = now / window;
        let ends_at = (index + 1) * window;
        let count = match self.count_in_redis(limit, subject, index, window).await {
            Some(count) => count,
            None => self.local.hit(limit.name, subject, index, ends_at, now),
        };
        if count <= limit.max {
            return Ok(());
        }
        counter!(RATE_LIMITED_TOTAL, "limit" => limit.name).increment(1);
        Err(AppError::too_many_requests(Duration::from_secs(
            ends_at - now,
        )))
    }

    async fn count_in_redis(
        &self,
        limit: &Limit,
        subject: &str,
        index: u64,
        window: u64,
    ) -> Option<u64> {
        let key = self
            .redis
            .key(&format!("rate:{}:{subject}:{index}", limit.name));
        let mut pipeline = redis::pipe();
        pipeline
            .atomic()
            .incr(&key, 1)
            .expire(&key, window as i64)
            .ignore();
        let (count,) = self.redis.pipeline::<(u64,)>(&pipeline).await?;
        Some(count)
    }
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
    let limiter = &state.limiter;
    limiter.check(per_ip, &ip_subject(client_ip)).await?;
    let key = users::email_key(&state.db, email).await?;
    limiter.check(per_email, &email_subject(&key)).await
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

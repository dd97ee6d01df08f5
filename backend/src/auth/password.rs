//! Argon2id password hashing with OWASP's recommended parameters
//! (19 MiB of memory, 2 iterations, 1 lane).

use std::sync::Arc;

use anyhow::Context;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

#[derive(Clone)]
pub struct PasswordHasher {
    argon2: Argon2<'static>,
    /// Each hash takes 19 MiB and a core for tens of milliseconds; bounding
    /// how many run at once keeps a login flood from exhausting memory.
    permits: Arc<Semaphore>,
}

/// Verified against when the email is unknown, so that a login for an
/// unknown email costs the same as one for a known email. The hash of a
/// random password nobody knows, with the same parameters as real hashes
/// (a test checks both).
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$VHPK/RpCQRsYsBvuKMv4mg$tkT/dGWZFUqvKUTpM+SCuAVy0ajFCtKqXVwvJQptU00";

impl PasswordHasher {
    pub fn new() -> anyhow::Result<PasswordHasher> {
        let params = Params::new(19 * 1024, 2, 1, None)
            .map_err(|e| anyhow::anyhow!("argon2 params: {e}"))?;
        let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(PasswordHasher {
            argon2,
            permits: Arc::new(Semaphore::new(cores * 2)),
        })
    }

    pub async fn hash(&self, password: &str) -> anyhow::Result<String> {
        let argon2 = self.argon2.clone();
        let password = password.to_owned();
        self.run(move || hash_with(&argon2, &password)).await?
    }

    /// Whether `password` matches `hash`; malformed hashes never match.
    pub async fn verify(&self, password: &str, hash: &str) -> anyhow::Result<bool> {
        let argon2 = self.argon2.clone();
        let (password, hash) = (password.to_owned(), hash.to_owned());
        self.run(move || verify_with(&argon2, &password, &hash))
            .await
    }

    /// Spends the time of a real verification and always answers `false`.
    pub async fn verify_dummy(&self, password: &str) -> anyhow::Result<bool> {
        self.verify(password, DUMMY_HASH).await.map(|_| false)
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> anyhow::Result<T> {
        let _permit = self
            .permits
            .acquire()
            .await
            .context("password hasher closed")?;
        tokio::task::spawn_blocking(work)
            .await
            .context("password hashing task failed")
    }
}

fn hash_with(argon2: &Argon2<'_>, password: &str) -> anyhow::Result<String> {
    argon2
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

fn verify_with(argon2: &Argon2<'_>, password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .is_ok_and(|parsed| argon2.verify_password(password.as_bytes(), &parsed).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_dummy_hash_costs_what_a_real_hash_costs() {
        let hasher = PasswordHasher::new().unwrap();
        let real = hasher.hash("any password").await.unwrap();
        let params = |hash: &str| hash.split('$').nth(3).unwrap().to_owned();
        assert_eq!(params(DUMMY_HASH), params(&real));
        assert!(!hasher.verify_dummy("any password").await.unwrap());
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hasher = PasswordHasher::new().unwrap();
        let hash = hasher.hash("correct horse").await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(hasher.verify("correct horse", &hash).await.unwrap());
        assert!(!hasher.verify("wrong horse", &hash).await.unwrap());
        assert!(!hasher.verify("correct horse", "not a hash").await.unwrap());
    }
}

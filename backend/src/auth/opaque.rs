//! Opaque bearer tokens: 256 random bits, shown once to the client and stored
//! only as a SHA-256 hash. The prefix names the purpose, so a refresh token
//! pasted where a reset token is expected is refused before any lookup.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::db::tokens::Purpose;

pub struct OpaqueToken {
    /// What the client receives.
    pub value: String,
    /// What the database stores.
    pub hash: Vec<u8>,
}

fn prefix(purpose: Purpose) -> &'static str {
    match purpose {
        Purpose::Refresh => "rt_",
        Purpose::PasswordReset => "prt_",
        Purpose::EmailRevert => "ert_",
    }
}

impl OpaqueToken {
    pub fn generate(purpose: Purpose) -> OpaqueToken {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let value = format!("{}{}", prefix(purpose), URL_SAFE_NO_PAD.encode(bytes));
        let hash = hash(&value);
        OpaqueToken { value, hash }
    }

    /// The stored hash of a token presented for `purpose`, or `None` when the
    /// token is not even shaped like one.
    pub fn hash_presented(purpose: Purpose, presented: &str) -> Option<Vec<u8>> {
        let body = presented.strip_prefix(prefix(purpose))?;
        let decoded = URL_SAFE_NO_PAD.decode(body).ok()?;
        (decoded.len() == 32).then(|| hash(presented))
    }
}

fn hash(value: &str) -> Vec<u8> {
    Sha256::digest(value.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_recognised_only_for_its_purpose() {
        let token = OpaqueToken::generate(Purpose::Refresh);
        assert_eq!(
            OpaqueToken::hash_presented(Purpose::Refresh, &token.value),
            Some(token.hash)
        );
        assert_eq!(
            OpaqueToken::hash_presented(Purpose::PasswordReset, &token.value),
            None
        );
        assert_eq!(
            OpaqueToken::hash_presented(Purpose::Refresh, "rt_short"),
            None
        );
    }
}

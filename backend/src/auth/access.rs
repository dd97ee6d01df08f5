//! Short-lived JWT access tokens, signed with `SECRET_KEY` and `ALGORITHM`.
//! Each carries `typ: "access"`: a token minted for any other purpose, or
//! signed with any other algorithm, is refused.

use chrono::Utc;
use jsonwebtoken::{DecodingKey, EncodingKey, Header, Validation, decode, encode};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::config::AuthConfig;

const ACCESS: &str = "access";

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: Uuid,
    exp: i64,
    iat: i64,
    typ: String,
    /// The session (refresh-token family) the token was issued in.
    sid: Uuid,
}

/// Who a valid access token speaks for.
#[derive(Debug, Clone, Copy)]
pub struct AccessClaims {
    pub user_id: Uuid,
    pub session_id: Uuid,
    /// When the token was issued (seconds since the epoch).
    pub issued_at: i64,
}

pub struct AccessTokens {
    header: Header,
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: chrono::Duration,
}

impl AccessTokens {
    pub fn new(config: &AuthConfig) -> AccessTokens {
        let secret = config.secret_key.expose_secret().as_bytes();
        let mut validation = Validation::new(config.algorithm);
        validation.leeway = 0;
        // We never set `nbf`, but a token that carries one is honoured
        // (RFC 7519 §4.1.5): not accepted before that time.
        validation.validate_nbf = true;
        validation.set_required_spec_claims(&["exp", "sub"]);
        AccessTokens {
            header: Header::new(config.algorithm),
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            ttl: config.access_token_ttl,
        }
    }

    /// A signed token for the user and its lifetime in seconds.
    pub fn issue(&self, user_id: Uuid, session_id: Uuid) -> anyhow::Result<(String, i64)> {
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: user_id,
            iat: now,
            exp: now + self.ttl.num_seconds(),
            typ: ACCESS.to_owned(),
            sid: session_id,
        };
        let token = encode(&self.header, &claims, &self.encoding)?;
        Ok((token, self.ttl.num_seconds()))
    }

    /// The user the token was issued to, if it is a valid, unexpired access
    /// token signed by us.
    pub fn verify(&self, token: &str) -> Option<AccessClaims> {
        let claims = decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()?
            .claims;
        (claims.typ == ACCESS).then_some(AccessClaims {
            user_id: claims.sub,
            session_id: claims.sid,
            issued_at: claims.iat,
        })
    }
}

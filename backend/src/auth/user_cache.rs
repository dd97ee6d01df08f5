//! The authenticated-user lookup that every request makes, cached in Redis.
//!
//! Correctness comes before speed: a deactivated or deleted user must be
//! refused on the very next request. Each user has a generation counter,
//! bumped by every change; a cached entry is served only if it was stored
//! under the current generation, so an entry written by a request that raced
//! with a change is never served. If a change cannot reach Redis, this
//! process stops using the cache and, as soon as Redis answers again, bumps
//! a global epoch that makes every entry stale before using it again; it
//! retries in the background, so that other processes, which may hold no
//! trace of the missed change, stop serving the stale entry within
//! `EPOCH_RETRY` of Redis answering again.
//!
//! The same lookup tells whether the access token's session has ended
//! (logout, a reused refresh token, a password change): ending one stores a
//! marker under the session id for as long as its access tokens live, read
//! in the same round trip; on a miss, the database answers (the session's
//! refresh tokens are revoked) and the marker is put back.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use metrics::counter;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::users::{self, Account};
use crate::metrics::{CACHE_HITS_TOTAL, CACHE_MISSES_TOTAL};
use crate::redis_store::RedisStore;

/// Generation counters outlive any entry stored under them.
const GENERATION_TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// Bumped to make every cached user stale at once.
const EPOCH_KEY: &str = "user:epoch";

/// How often a missed invalidation is retried while Redis is unreachable.
const EPOCH_RETRY: Duration = Duration::from_millis(200);

#[derive(Clone)]
pub struct UserCache {
    redis: RedisStore,
    ttl: Duration,
    /// How long an ended session's marker is kept: the access tokens' lifetime.
    session_ttl: Duration,
    /// Set when an invalidation could not reach Redis.
    must_bump_epoch: Arc<AtomicBool>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    epoch: i64,
    generation: i64,
    account: Account,
}

/// The counters an entry must match to be served.
struct Stamp {
    epoch: i64,
    generation: i64,
}

impl UserCache {
    pub fn new(redis: RedisStore, ttl: Duration, session_ttl: Duration) -> UserCache {
        UserCache {
            redis,
            ttl,
            session_ttl,
            must_bump_epoch: Arc::default(),
        }
    }

    /// The user's account, and whether the session `session_id` has
    /// ended: from the cache when current, else from the database (then
    /// cached). `None` when no such user exists.
    pub async fn account(
        &self,
        db: &PgPool,
        id: Uuid,
        session_id: Uuid,
    ) -> sqlx::Result<Option<(Account, SessionEnded)>> {
        let stamp = match self.lookup(id, session_id).await {
            Lookup::Hit(account, ended) => {
                counter!(CACHE_HITS_TOTAL, "cache" => "user").increment(1);
                return Ok(Some((account, ended)));
            }
            Lookup::Miss(stamp) => stamp,
        };
        counter!(CACHE_MISSES_TOTAL, "cache" => "user").increment(1);
        let Some((user, ended)) = users::find_in_session(db, id, session_id).await? else {
            return Ok(None);
        };
        let account = Account::from(user);
        if let Some(stamp) = stamp {
            self.store(id, stamp, &account).await;
            if ended {
                self.end_sessions(&[session_id]).await;
            }
        }
        Ok(Some((account, ended)))
    }

    /// Ends the sessions for every API process: their access tokens are
    /// refused from the next request on.
    pub async fn end_sessions(&self, session_ids: &[Uuid]) {
        if session_ids.is_empty() {
            return;
        }
        let mut pipeline = redis::pipe();
        for id in session_ids {
            pipeline
                .set_ex(self.session_key(*id), 1, self.session_ttl.as_secs().max(1))
                .ignore();
        }
        if self.redis.pipeline::<()>(&pipeline).await.is_none() {
            // Entries served without the marker would accept the token:
            // make them all stale, so the next lookups ask the database.
            self.epoch_must_be_bumped();
        }
    }

    /// Makes every cached copy of the user stale, for every API process.
    /// Call after each change that affects what the cache holds.
    pub async fn forget(&self, id: Uuid) {
        let generation = self.generation_key(id);
        let mut pipeline = redis::pipe();
        pipeline
            .atomic()
            .incr(&generation, 1)
            .ignore()
            .expire(&generation, GENERATION_TTL.as_secs() as i64)
            .ignore()
            .del(self.entry_key(id))
            .ignore();
        if self.redis.pipeline::<()>(&pipeline).await.is_none() {
            self.epoch_must_be_bumped();
        }
    }

    /// Whether a change could not reach Redis and its invalidation is still
    /// pending (a process about to exit cannot retry it).
    pub fn missed_invalidation(&self) -> bool {
        self.must_bump_epoch.load(Ordering::SeqCst)
    }

    /// Records that an invalidation was missed, and retries the epoch bump
    /// in the background until Redis answers: other processes may hold no
    /// trace of the change, so waiting for this one's next request would
    /// let them serve the stale entry meanwhile.
    fn epoch_must_be_bumped(&self) {
        if self.must_bump_epoch.swap(true, Ordering::SeqCst) {
            return; // a retry is already under way
        }
        let cache = self.clone();
        tokio::spawn(async move {
            while cache.must_bump_epoch.load(Ordering::SeqCst) && !cache.bump_epoch().await {
                tokio::time::sleep(EPOCH_RETRY).await;
            }
        });
    }

    /// Holds the cached account (as an [`Entry`]).
    fn entry_key(&self, id: Uuid) -> String {
        self.redis.key(&format!("user:{id}"))
    }

    /// Present while the session's access tokens must be refused.
    fn session_key(&self, session_id: Uuid) -> String {
        self.redis.key(&format!("session:{session_id}:ended"))
    }

    /// Holds the user's generation counter, bumped by every change.
    fn generation_key(&self, id: Uuid) -> String {
        self.redis.key(&format!("user:{id}:generation"))
    }

    async fn lookup(&self, id: Uuid, session_id: Uuid) -> Lookup {
        if self.must_bump_epoch.load(Ordering::SeqCst) && !self.bump_epoch().await {
            return Lookup::Miss(None);
        }
        let keys = [
            self.redis.key(EPOCH_KEY),
            self.generation_key(id),
            self.entry_key(id),
            self.session_key(session_id),
        ];
        let Some(values) = self
            .redis
            .query::<Vec<Option<String>>>(redis::cmd("MGET").arg(&keys))
            .await
        else {
            return Lookup::Miss(None);
        };
        let number = |value: Option<&Option<String>>| {
            value.and_then(|v| v.as_deref()?.parse().ok()).unwrap_or(0)
        };
        let stamp = Stamp {
            epoch: number(values.first()),
            generation: number(values.get(1)),
        };
        let entry = values
            .get(2)
            .and_then(|v| v.as_deref())
            .and_then(|json| serde_json::from_str::<Entry>(json).ok());
        let session_ended = values.get(3).is_some_and(Option::is_some);
        match entry {
            Some(entry) if entry.epoch == stamp.epoch && entry.generation == stamp.generation => {
                Lookup::Hit(entry.account, session_ended)
            }
            _ => Lookup::Miss(Some(stamp)),
        }
    }

    async fn store(&self, id: Uuid, stamp: Stamp, account: &Account) {
        let entry = Entry {
            epoch: stamp.epoch,
            generation: stamp.generation,
            account: account.clone(),
        };
        let Ok(json) = serde_json::to_string(&entry) else {
            return;
        };
        let command = redis::cmd("SET")
            .arg(self.entry_key(id))
            .arg(json)
            .arg("EX")
            .arg(self.ttl.as_secs().max(1))
            .to_owned();
        let _ = self.redis.query::<()>(&command).await;
    }

    async fn bump_epoch(&self) -> bool {
        let command = redis::cmd("INCR").arg(self.redis.key(EPOCH_KEY)).to_owned();
        let bumped = self.redis.query::<i64>(&command).await.is_some();
        if bumped {
            self.must_bump_epoch.store(false, Ordering::SeqCst);
            tracing::info!("user cache invalidated after a missed change");
        }
        bumped
    }
}

/// Whether the access token's session has ended.
pub type SessionEnded = bool;

enum Lookup {
    Hit(Account, SessionEnded),
    /// Not served from the cache; the stamp to store under, if Redis answered.
    Miss(Option<Stamp>),
}

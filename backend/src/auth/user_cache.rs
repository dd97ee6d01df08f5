//! The authenticated-user lookup that every request makes, cached in Redis.
//!
//! Correctness comes before speed: a deactivated or deleted user must be
//! refused on the very next request. Each user has a generation counter,
//! bumped by every change; a cached entry is served only if it was stored
//! under the current generation, so an entry written by a request that raced
//! with a change is never served. If a change cannot reach Redis, this
//! process stops using the cache and, as soon as Redis answers again, bumps
//! a global epoch that makes every entry stale before using it again.

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

#[derive(Clone)]
pub struct UserCache {
    redis: RedisStore,
    ttl: Duration,
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
    pub fn new(redis: RedisStore, ttl: Duration) -> UserCache {
        UserCache {
            redis,
            ttl,
            must_bump_epoch: Arc::default(),
        }
    }

    /// The user's account: from the cache when current, else from the
    /// database (then cached). `None` when no such user exists.
    pub async fn account(&self, db: &PgPool, id: Uuid) -> sqlx::Result<Option<Account>> {
        let stamp = match self.lookup(id).await {
            Lookup::Hit(account) => {
                counter!(CACHE_HITS_TOTAL, "cache" => "user").increment(1);
                return Ok(Some(account));
            }
            Lookup::Miss(stamp) => stamp,
        };
        counter!(CACHE_MISSES_TOTAL, "cache" => "user").increment(1);
        let account = users::find_by_id(db, id).await?.map(Account::from);
        if let (Some(stamp), Some(account)) = (stamp, &account) {
            self.store(id, stamp, account).await;
        }
        Ok(account)
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
            self.must_bump_epoch.store(true, Ordering::SeqCst);
        }
    }

    /// Holds the cached account (as an [`Entry`]).
    fn entry_key(&self, id: Uuid) -> String {
        self.redis.key(&format!("user:{id}"))
    }

    /// Holds the user's generation counter, bumped by every change.
    fn generation_key(&self, id: Uuid) -> String {
        self.redis.key(&format!("user:{id}:generation"))
    }

    async fn lookup(&self, id: Uuid) -> Lookup {
        if self.must_bump_epoch.load(Ordering::SeqCst) && !self.bump_epoch().await {
            return Lookup::Miss(None);
        }
        let keys = [
            self.redis.key(EPOCH_KEY),
            self.generation_key(id),
            self.entry_key(id),
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
        match entry {
            Some(entry) if entry.epoch == stamp.epoch && entry.generation == stamp.generation => {
                Lookup::Hit(entry.account)
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

enum Lookup {
    Hit(Account),
    /// Not served from the cache; the stamp to store under, if Redis answered.
    Miss(Option<Stamp>),
}

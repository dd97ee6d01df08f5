//! Lua scripts: each moves a job between the queue's keys in one atomic
//! step, so a crash between two commands can neither lose nor duplicate it.

use std::sync::LazyLock;

use redis::Script;

/// Moves due jobs from `scheduled` to the stream.
/// KEYS: scheduled, stream. ARGV: now (ms), how many at most, now (µs).
pub static PROMOTE_DUE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
        for _, job in ipairs(due) do
            redis.call('ZREM', KEYS[1], job)
            redis.call('XADD', KEYS[2], '*', 'job', job, 'ready_us', ARGV[3])
        end
        return #due",
    )
});

/// Settles a delivered job: acknowledges it, removes it from the stream and,
/// for a failure, files it as scheduled (retry) or dead. Does nothing when
/// the delivery was already settled (by a worker that took it over).
/// KEYS: stream, scheduled-or-dead. ARGV: group, entry id, outcome
/// (`done` | `retry` | `dead`), envelope JSON, retry time (ms) or job id.
pub static SETTLE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
        if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
        redis.call('XDEL', KEYS[1], ARGV[2])
        if ARGV[3] == 'retry' then
            redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4])
        elseif ARGV[3] == 'dead' then
            redis.call('HSET', KEYS[2], ARGV[5], ARGV[4])
        end
        return 1",
    )
});

/// Moves one job from the dead-letter set back to the stream, unless
/// someone else did first. KEYS: dead, stream. ARGV: job id, envelope
/// JSON, now (µs).
pub static REQUEUE_DEAD: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
        if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('XADD', KEYS[2], '*', 'job', ARGV[2], 'ready_us', ARGV[3])
        return 1",
    )
});

/// Enqueues a periodic job for one tick, unless a worker already did.
/// KEYS: claim, stream. ARGV: claim lifetime (s), worker, envelope JSON,
/// now (µs).
pub static CLAIM_TICK: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
        if not redis.call('SET', KEYS[1], ARGV[2], 'NX', 'EX', ARGV[1]) then return 0 end
        redis.call('XADD', KEYS[2], '*', 'job', ARGV[3], 'ready_us', ARGV[4])
        return 1",
    )
});

"""Redis stops, with reads running through nginx and jobs queued, then starts
again.

Expected: Redis is an accelerator for requests, never a dependency they fail
on (backend/src/redis_store.rs): authenticated reads go on, the user lookup
falling back to PostgreSQL (auth/user_cache.rs). The worker lives through the
outage and resumes by itself once Redis is back, and no queued job is lost:
Redis persists the queue (append-only file, as in Compose), and a job cut off
by the outage runs again (docs/jobs.md, "At least once").
"""

from __future__ import annotations

import secrets
import time

from load import Load, make_clients, reads
from stack import Stack, wait_until

JOBS = 300
# Long enough that most jobs are still queued when Redis stops (16 at a time,
# so at least 4 s for the batch), short enough to keep the scenario short.
JOB_SLEEP_MS = 200
OUTAGE_SECONDS = 5
# A read during the outage "goes on" if it answers within this: far above a
# healthy read, far below the client's 30 s timeout that a hang would reach.
READ_KEEPS_WORKING_SECONDS = 5.0


def test_redis_outage(stack: Stack, report):
    """Redis stopped then started under traffic"""
    record = f"redis-outage-{secrets.token_hex(4)}"
    pids = [app.process.pid for app in [*stack.apis, stack.worker]]
    with Load(stack, make_clients(stack, 4), rate_per_client=4, mix=reads) as load:
        time.sleep(2)
        ids = set(stack.jobs("probe", "--count", str(JOBS), "--sleep-ms", str(JOB_SLEEP_MS),
                             "--record", record).split())

        def some_completed():
            """a few jobs completed"""
            return len(stack.probe_completed(record)) >= 20

        wait_until(some_completed, timeout=60)
        done_at_stop = len(stack.probe_completed(record))
        stopped_at = time.monotonic()
        stack.redis.stop()
        time.sleep(OUTAGE_SECONDS)
        started_at = time.monotonic()
        stack.redis.start()

        def all_completed():
            """every job completed"""
            return stack.probe_completed(record) >= ids

        last_job_after_start = wait_until(all_completed, timeout=120)
        stack.wait_ready(timeout=30)
        time.sleep(2)  # traffic after the recovery

    wait_until(stack.queue_empty, timeout=30)

    before = load.between(0, stopped_at)
    # Every read in progress at any moment of the outage, including one sent
    # just before it (a read stuck on the dead Redis would be one of those).
    during = [answer for answer in load.between(0, started_at)
              if answer.started + answer.seconds > stopped_at]
    after = load.between(started_at)
    slowest = max((answer.seconds for answer in during), default=0)
    completed = stack.probe_completed(record)
    runs = stack.probe_runs(record)
    dead = [line for line in stack.jobs("dead", "list").splitlines()
            if any(job in line for job in ids)]
    report.add("reads during the outage", f"{len(during) - len(Load.failed(during))} ok "
                                          f"of {len(during)}")
    report.add("slowest read during the outage", f"{slowest * 1000:.0f}ms")
    report.add("reads after the start", f"{len(after) - len(Load.failed(after))} ok "
                                        f"of {len(after)}")
    report.add("jobs completed", f"{len(completed & ids)} of {len(ids)} "
                                 f"({done_at_stop} when Redis stopped)")
    report.add("runs", f"{sum(runs.get(job, 0) for job in ids)} "
                       f"(re-run: {sum(runs.get(job, 0) > 1 for job in ids)})")
    report.add("last job completed after the start", f"{last_job_after_start:.1f}s")

    assert len(ids) == JOBS
    assert 0 < done_at_stop < JOBS, "the outage must catch the batch in the middle"
    assert not Load.failed(before), Load.failed(before)[:5]
    # Reads went on: every one answered 2xx without waiting long, and each
    # client kept sending (at least one read a second, of the four scheduled).
    assert not Load.failed(during), Load.failed(during)[:5]
    assert slowest < READ_KEEPS_WORKING_SECONDS
    assert len(during) >= OUTAGE_SECONDS * len(load.clients), len(during)
    assert after and not Load.failed(after), Load.failed(after)[:5]
    # The same processes, still running: nothing exited or was restarted.
    assert [app.process.pid for app in [*stack.apis, stack.worker]] == pids
    assert all(app.process.poll() is None for app in [*stack.apis, stack.worker])
    # None lost: every job completed, none is dead.
    assert completed >= ids
    assert not dead, dead[:3]

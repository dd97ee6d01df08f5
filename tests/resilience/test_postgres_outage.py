"""PostgreSQL stops, with traffic running through nginx, then starts again.

Expected (backend/src/db/health.rs): readiness says 503 within a second;
requests that need the database fail fast with 503 instead of waiting out
the pool's timeout; once PostgreSQL is back the API recovers by itself, with
no restart (the processes are the same before and after).
"""

from __future__ import annotations

import time

from load import Load, make_clients, reads_and_writes
from stack import Stack, wait_until

OUTAGE_SECONDS = 6
# An answer during the outage is "fast" within this (the pool's acquire
# timeout, which it would otherwise wait out, is 30 s by default).
FAST_SECONDS = 1.0


def test_postgres_outage(stack: Stack, report):
    """PostgreSQL stopped then started under traffic"""
    pids = [api.process.pid for api in stack.apis]
    with Load(stack, make_clients(stack, 4), rate_per_client=5, mix=reads_and_writes) as load:
        time.sleep(3)
        before = load.between(0)
        stopped_at = time.monotonic()
        stack.postgres.stop()
        wait_until(lambda: all(stack.ready(n) == 503 for n in range(len(stack.apis))),
                   timeout=5)
        readiness_after_stop = time.monotonic() - stopped_at
        time.sleep(OUTAGE_SECONDS)
        started_at = time.monotonic()
        stack.postgres.start()
        recovered = wait_until(lambda: all(stack.ready(n) == 200
                                           for n in range(len(stack.apis))), timeout=10)
        time.sleep(3)  # traffic after the recovery
        back_at = started_at + recovered

    during = load.between(stopped_at + 1, started_at)
    after = load.between(back_at + 0.5)
    slowest_503 = max((answer.seconds for answer in during if answer.status == 503), default=0)
    report.add("readiness 503 after the stop", f"{readiness_after_stop:.2f}s")
    report.add("answers during the outage", str(dict(sorted(Load.statuses(during).items()))))
    report.add("slowest 503", f"{slowest_503 * 1000:.0f}ms")
    report.add("recovered after the start", f"{recovered:.2f}s, same processes")
    report.add("failures after the recovery", f"{len(Load.failed(after))} of {len(after)}")

    assert not Load.failed(before), Load.failed(before)[:5]
    assert readiness_after_stop < 1.0
    assert during and all(answer.status == 503 for answer in during), \
        Load.statuses(during)
    assert slowest_503 < FAST_SECONDS
    assert [api.process.pid for api in stack.apis] == pids
    assert all(api.process.poll() is None for api in stack.apis)
    assert after and not Load.failed(after), Load.failed(after)[:5]

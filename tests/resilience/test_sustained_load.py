"""Minutes of steady traffic through nginx, each client below its rate limit.

Expected: every answer 2xx (no 429: each client stays under nginx's 10 r/s
per address; no 5xx), and each API instance's resident memory flat from
the end of a warm-up to the end of the run: a leak check, not a
performance assertion (the figures are reported, not judged).
"""

from __future__ import annotations

import os
import statistics
import time

from load import Load, make_clients, reads_and_writes
from stack import Stack

LOAD_SECONDS = int(os.environ.get("RESILIENCE_LOAD_SECONDS", "180"))
CLIENTS = 8
RATE_PER_CLIENT = 8  # requests per second; nginx allows 10 per address
# Until memory is measured: the pools fill up (database connections,
# Tokio's and the allocator's per-thread caches), so what follows is the
# steady state.
WARMUP_SECONDS = min(20, LOAD_SECONDS / 6)
# "Flat": what a steady state may still move (allocator fragmentation, a
# histogram or buffer growing once) is a few MiB; a leak of even 1 KiB per
# request grows by ~10 MiB per 10,000 requests, and keeps growing.
ALLOWED_GROWTH_KIB = 4 * 1024
ALLOWED_GROWTH_RATIO = 0.10
# The load generator keeps up (else the run proves less than it claims).
MIN_ACHIEVED_SHARE = 0.75


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def test_sustained_load(stack: Stack, report):
    """Sustained load behind nginx below the rate limit"""
    clients = make_clients(stack, CLIENTS)
    with Load(stack, clients, rate_per_client=RATE_PER_CLIENT, mix=reads_and_writes) as load:
        began = time.monotonic()
        time.sleep(WARMUP_SECONDS)
        rss_start = [api.rss_kib for api in stack.apis]
        peak = list(rss_start)
        while time.monotonic() - began < LOAD_SECONDS:
            time.sleep(1)
            peak = [max(kib, api.rss_kib) for kib, api in zip(peak, stack.apis)]
        rss_end = [api.rss_kib for api in stack.apis]
        load.stop()
        elapsed = time.monotonic() - began

    answers = load.between(0)
    failed = Load.failed(answers)
    seconds = [answer.seconds for answer in answers]
    achieved = len(answers) / elapsed
    report.add("requests", f"{len(answers)} in {elapsed:.0f}s from {CLIENTS} clients "
                           f"({sum(a.method == 'POST' for a in answers)} POST)")
    report.add("achieved rate", f"{achieved:.1f} r/s (target {CLIENTS * RATE_PER_CLIENT})")
    report.add("latency p50 / p99",
               f"{percentile(seconds, 0.5) * 1000:.0f}ms / {percentile(seconds, 0.99) * 1000:.0f}ms")
    report.add("failed", f"{len(failed)} {dict(sorted(Load.statuses(failed).items()))}")
    for index, (start, end, top) in enumerate(zip(rss_start, rss_end, peak)):
        report.add(f"api{index} RSS after warm-up → end",
                   f"{start / 1024:.1f} → {end / 1024:.1f} MiB (peak {top / 1024:.1f})")

    assert not failed, [(a.method, a.path, a.status, a.error) for a in failed[:10]]
    assert achieved >= MIN_ACHIEVED_SHARE * CLIENTS * RATE_PER_CLIENT
    for index, (start, end) in enumerate(zip(rss_start, rss_end)):
        allowed = start * ALLOWED_GROWTH_RATIO + ALLOWED_GROWTH_KIB
        assert end - start <= allowed, \
            f"api{index} grew from {start} to {end} KiB (allowed {allowed:.0f})"

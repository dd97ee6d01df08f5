"""Prints the benchmark table from the raw outputs run.sh left in results/.

Usage: report.py RESULTS_DIR CONNECTIONS DURATION POOL_SIZE
"""

import json
import os
import re
import sys
from pathlib import Path

ENDPOINTS = [  # (result name, what the table shows)
    ("health-check", "GET  /api/v1/utils/health-check/"),
    ("users-me", "GET  /api/v1/users/me"),
    ("items-list", "GET  /api/v1/items/?limit=20"),
    ("items-create", "POST /api/v1/items/"),
]
PGBENCH = [
    ("items-list", "items-list SQL (caller check + page)"),
]
# Targets are reported, not enforced.
TARGET_RATIO = 0.6
TARGET_ME_P99_MS = 20.0
TARGET_IDLE_RSS_MIB = 30.0


def wrk_result(path: Path) -> dict:
    """The JSON line that common.lua's done() prints."""
    for line in path.read_text().splitlines():
        if line.startswith("BENCH_RESULT "):
            return json.loads(line.removeprefix("BENCH_RESULT "))
    raise SystemExit(f"no BENCH_RESULT line in {path}")


def pgbench_result(path: Path) -> dict:
    text = path.read_text()

    def number(pattern: str) -> float:
        match = re.search(pattern, text, re.MULTILINE)
        if not match:
            raise SystemExit(f"{path}: no match for {pattern!r}")
        return float(match.group(1))

    failed = re.search(r"^number of failed transactions: (\d+)", text, re.MULTILINE)
    return {
        "tps": number(r"^tps = ([\d.]+)"),
        "latency_ms": number(r"^latency average = ([\d.]+) ms"),
        "failed": int(failed.group(1)) if failed else 0,
    }


def rss_values(path: Path) -> tuple[int, int, int, dict[str, int]]:
    idle = setup = hwm = 0
    peaks = {}
    for line in path.read_text().splitlines():
        key, *rest = line.split()
        if key == "idle_rss_kb":
            idle = int(rest[0])
        elif key == "setup_rss_kb":
            setup = int(rest[0])
        elif key == "hwm_kb":
            hwm = int(rest[0])
        elif key == "peak_rss_kb":
            peaks[rest[0]] = int(rest[1])
    return idle, setup, hwm, peaks


def mib(kb: int) -> str:
    return f"{kb / 1024:.1f} MiB"


def ms(us: float) -> str:
    return f"{us / 1000:.2f} ms"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> None:
    results = Path(sys.argv[1])
    connections, duration, pool = sys.argv[2:5]
    idle_kb, setup_kb, hwm_kb, peaks = rss_values(results / "rss.txt")

    print()
    print(f"API: {connections} connections, 2 wrk threads, {duration} s per endpoint, "
          f"DB pool {pool}, release build, ENVIRONMENT=production")
    load = (results / "loadavg.txt").read_text().split()
    print(f"load average before the runs: {' '.join(load)} on {os.cpu_count()} CPUs "
          "(other work on the machine lowers every figure)")
    header = f"{'endpoint':<34} {'req/s':>9} {'p50':>9} {'p99':>9} {'errors':>7} {'peak RSS':>10}"
    print(header)
    print("-" * len(header))
    api = {}
    for name, label in ENDPOINTS:
        r = wrk_result(results / f"wrk_{name}.txt")
        r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
        api[name] = r
        errors = r["non2xx"] + r["socket_errors"]
        print(f"{label:<34} {r['rps']:>9.0f} {ms(r['p50_us']):>9} {ms(r['p99_us']):>9} "
              f"{errors:>7} {mib(peaks.get(name, 0)):>10}")
    print("errors = non-2xx responses + socket errors (connect/read/write/timeout);")
    print("peak RSS = highest VmRSS sampled every 100 ms during that run")

    print()
    print(f"pgbench: {connections} clients, 2 threads, {duration} s, -M prepared, "
          f"the user's 50 items (see items_list.sql)")
    pg = {}
    for name, label in PGBENCH:
        r = pgbench_result(results / f"pgbench_{name}.txt")
        pg[name] = r
        print(f"  {label:<36} {r['tps']:>9.0f} tps   latency avg {r['latency_ms']:.2f} ms"
              f"   failed {r['failed']}")

    print()
    items_rps = api["items-list"]["rps"]
    # The endpoint runs exactly this one statement per request.
    ratio = items_rps / pg["items-list"]["tps"]
    print(f"items list API req/s / pgbench tps:     {ratio:5.2f}   "
          f"target >= {TARGET_RATIO:.2f}   {verdict(ratio >= TARGET_RATIO)}")
    me_p99 = api["users-me"]["p99_us"] / 1000
    print(f"/users/me p99:                            {me_p99:5.2f} ms   "
          f"target <= {TARGET_ME_P99_MS:.0f} ms  {verdict(me_p99 <= TARGET_ME_P99_MS)}")
    idle = idle_kb / 1024
    print(f"idle RSS (before load):                   {idle:5.1f} MiB  "
          f"target <= {TARGET_IDLE_RSS_MIB:.0f} MiB {verdict(idle <= TARGET_IDLE_RSS_MIB)}")
    print(f"RSS after set-up, before load:            {setup_kb / 1024:5.1f} MiB  "
          "(2 signups + 2 logins: Argon2, 19 MiB per hash)")
    print(f"peak RSS of the process (VmHWM):          {hwm_kb / 1024:5.1f} MiB")
    print()
    print(f"raw outputs: {results}")


if __name__ == "__main__":
    main()

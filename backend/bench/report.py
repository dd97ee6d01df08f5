"""Prints the benchmark table from the raw outputs run.sh left in results/.

Usage: report.py RESULTS_DIR CONNECTIONS DURATION POOL_SIZE ROUNDS

Every figure is the median of the rounds. CPU per request: the CPU time the
process (or all of PostgreSQL's) used during the run, from /proc (cpu.py),
divided by the requests the run completed.
"""

import json
import os
import re
import statistics
import sys
from pathlib import Path

ENDPOINTS = [  # (result name, what the table shows)
    ("health-check", "GET  /api/v1/utils/health-check/"),
    ("users-me", "GET  /api/v1/users/me"),
    ("items-list", "GET  /api/v1/items/?limit=20"),
    ("items-create", "POST /api/v1/items/"),
]
HOT = ("users-me", "items-list", "items-create")
# Targets are reported, not enforced.
TARGET_API_PG_CPU = 0.6  # items list: API CPU per request / PostgreSQL's
TARGET_RATIO = 0.5  # items list: API req/s / pgbench tps
TARGET_ME_SPEEDUP = 1.5  # /users/me req/s against the baseline's
TARGET_P99_MS = 10.0
TARGET_IDLE_RSS_MIB = 20.0
# Below this share of the baseline's req/s an endpoint counts as slower: the
# rounds of one build differ by a few per cent on their own.
SLOWER_BELOW = 0.97


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
        "transactions": number(r"^number of transactions actually processed: (\d+)"),
        "latency_ms": number(r"^latency average = ([\d.]+) ms"),
        "failed": int(failed.group(1)) if failed else 0,
    }


def cpu_us(results: Path, run: str, requests: float) -> dict[str, float | None]:
    """Microseconds of CPU per request of each process during run RUN."""
    before = json.loads((results / f"cpu_{run}_before.json").read_text())
    after = json.loads((results / f"cpu_{run}_after.json").read_text())
    per_tick = 1e6 / after["ticks_per_second"]
    return {who: None if after[who] is None or before[who] is None
            else (after[who] - before[who]) * per_tick / max(requests, 1)
            for who in ("api", "postgres", "redis")}


def rss_values(path: Path) -> dict[str, dict]:
    """Per build: idle, setup and hwm (kB), and the peak of each endpoint."""
    values: dict[str, dict] = {}
    for line in path.read_text().splitlines():
        key, build, *rest = line.split()
        entry = values.setdefault(build, {"peaks": {}})
        if key == "peak_rss_kb":
            name, kb = rest
            entry["peaks"][name] = max(entry["peaks"].get(name, 0), int(kb))
        else:
            entry[key.removesuffix("_rss_kb").removesuffix("_kb")] = int(rest[0])
    return values


def median(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def round_figures(results: Path, build: str, name: str, round_: int) -> dict:
    """One run's wrk result, its req/s and its CPU per request."""
    run = f"{build}_{name}_{round_}"
    r = wrk_result(results / f"wrk_{run}.txt")
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
    r.update(cpu_us(results, run, r["requests"]))
    return r


def run_figures(results: Path, build: str, name: str, rounds: int) -> dict:
    """The medians over the rounds of one build's runs of one endpoint."""
    per_round = [round_figures(results, build, name, r) for r in range(1, rounds + 1)]
    figures = {key: median([r[key] for r in per_round])
               for key in ("rps", "p50_us", "p99_us", "api", "postgres", "redis")}
    figures["rps_per_round"] = [r["rps"] for r in per_round]
    figures["errors"] = sum(r["non2xx"] + r["socket_errors"] for r in per_round)
    # Only where the request uses the database (the health check does not).
    ratios = [r["api"] / r["postgres"] for r in per_round
              if r["api"] is not None and r["postgres"] is not None and r["postgres"] >= 1]
    figures["api_pg"] = median(ratios)
    return figures


def us(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def pg_transport(path: Path) -> str:
    """Whether the connections to PostgreSQL (the API's and pgbench's) used TLS."""
    if path.read_text().strip() == "t":
        return ("PostgreSQL connections: with TLS (the server offers it; "
                "?sslmode=disable in BENCH_DATABASE_URL measures without)")
    return "PostgreSQL connections: without TLS"


def main() -> None:
    results = Path(sys.argv[1])
    connections, duration, pool, rounds = sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    builds = dict(line.split(" ", 1) for line in (results / "builds.txt").read_text().splitlines())
    rss = rss_values(results / "rss.txt")

    print()
    print(f"API: {connections} connections, 2 wrk threads, {duration} s per run, DB pool {pool}, "
          f"release build, ENVIRONMENT=production; {rounds} interleaved round(s), medians shown")
    for build, label in builds.items():
        print(f"  {build:<8} {label}")
    load = (results / "loadavg.txt").read_text().split()
    print(f"load average before the runs: {' '.join(load)} on {os.cpu_count()} CPUs "
          "(other work on the machine lowers every figure)")
    print(pg_transport(results / "pg_tls.txt"))
    header = (f"{'endpoint':<33} {'build':<8} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
              f"{'API us':>7} {'PG us':>6} {'Redis us':>8} {'API/PG':>6} {'peak MiB':>8}")
    print(header)
    print("-" * len(header))
    figures: dict[tuple[str, str], dict] = {}
    for name, label in ENDPOINTS:
        for build in builds:
            f = run_figures(results, build, name, rounds)
            figures[(build, name)] = f
            api_pg = "n/a" if f["api_pg"] is None else f"{f['api_pg']:.2f}"
            print(f"{label:<33} {build:<8} {f['rps']:>8.0f} {f['p50_us'] / 1000:>7.2f} {f['p99_us'] / 1000:>7.2f} "
                  f"{f['errors']:>6} {us(f['api']):>7} {us(f['postgres']):>6} {us(f['redis']):>8} {api_pg:>6} "
                  f"{rss[build]['peaks'].get(name, 0) / 1024:>8.1f}")
    print("API us, PG us, Redis us = CPU microseconds per request of the API process, of all of")
    print("PostgreSQL's processes and of Redis over the run; errors = non-2xx + socket errors (all rounds);")
    print("peak MiB = highest VmRSS of the API sampled every 100 ms (all rounds)")

    print()
    pg_rounds = [pgbench_result(results / f"pgbench_items-list_{r}.txt") for r in range(1, rounds + 1)]
    pg_cpu = [cpu_us(results, f"pgbench_items-list_{r}", p["transactions"])["postgres"]
              for r, p in enumerate(pg_rounds, start=1)]
    tps = median([p["tps"] for p in pg_rounds])
    print(f"pgbench: {connections} clients, 2 threads, {duration} s, -M prepared, the items-list SQL "
          f"(items_list.sql): {tps:.0f} tps, PostgreSQL {us(median(pg_cpu))} CPU us per transaction, "
          f"failed {sum(p['failed'] for p in pg_rounds)}")

    # The API's items list against pgbench, round by round (both in the same round).
    list_rps = figures[("current", "items-list")]["rps_per_round"]
    ratio = median([rps / p["tps"] for rps, p in zip(list_rps, pg_rounds)])
    current = {name: figures[("current", name)] for name, _ in ENDPOINTS}
    print()
    print("targets (this checkout):")
    api_pg = current["items-list"]["api_pg"]
    if api_pg is not None:
        print(f"  items list API CPU / PostgreSQL CPU per request: {api_pg:5.2f}   "
              f"target <= {TARGET_API_PG_CPU:.2f}   {verdict(api_pg <= TARGET_API_PG_CPU)}")
    else:
        print("  items list API CPU / PostgreSQL CPU per request: n/a (PostgreSQL is not on this machine)")
    print(f"  items list API req/s / pgbench tps:              {ratio:5.2f}   "
          f"target >= {TARGET_RATIO:.2f}   {verdict(ratio >= TARGET_RATIO)}")
    for name in HOT + ("health-check",):
        p99 = current[name]["p99_us"] / 1000
        print(f"  {name + ' p99:':<48} {p99:5.2f} ms  target <= {TARGET_P99_MS:.0f} ms  "
              f"{verdict(p99 <= TARGET_P99_MS)}")
    idle = rss["current"]["idle"] / 1024
    print(f"  idle RSS (before load):                          {idle:5.1f} MiB  "
          f"target <= {TARGET_IDLE_RSS_MIB:.0f} MiB {verdict(idle <= TARGET_IDLE_RSS_MIB)}")
    if "baseline" in builds:
        base = {name: figures[("baseline", name)] for name, _ in ENDPOINTS}
        speedup = current["users-me"]["rps"] / base["users-me"]["rps"]
        print(f"  /users/me req/s against the baseline:            {speedup:5.2f}x  "
              f"target >= {TARGET_ME_SPEEDUP:.1f}x  {verdict(speedup >= TARGET_ME_SPEEDUP)}")
        for name, label in ENDPOINTS:
            share = current[name]["rps"] / base[name]["rps"]
            print(f"  {label.strip():<33} against the baseline: {share:5.2f}x  "
                  f"no slower (>= {SLOWER_BELOW:.2f}x)   {verdict(share >= SLOWER_BELOW)}")
        print(f"  idle RSS of the baseline:                        {rss['baseline']['idle'] / 1024:5.1f} MiB")
    print(f"RSS after set-up, before load: {rss['current']['setup'] / 1024:.1f} MiB (2 signups + 2 logins: "
          f"Argon2, 19 MiB per hash); peak of the process (VmHWM): {rss['current']['hwm'] / 1024:.1f} MiB")
    print()
    print(f"raw outputs: {results}")


if __name__ == "__main__":
    main()

"""The end-to-end suite's database and Redis keys (frontend/e2e/stack/stores.mjs):
what a run killed with SIGKILL left behind is swept by the next run, and what a
live run uses never is. The runs are real Node processes holding their lock as
the suite's runner does, killed with SIGKILL as an interrupted run is."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STORES = REPO / "frontend" / "e2e" / "stack" / "stores.mjs"

# A run: its lock, the sweep, a database and a Redis key; prints them, then
# waits (never dropping them) until its input closes.
RUN = f"""
import {{ spawnSync }} from "node:child_process";
import {{ createDatabase, REDIS_URL, startRun }} from "{STORES.as_uri()}";
const run = await startRun();
createDatabase(run.dbName);
spawnSync("redis-cli", ["-u", REDIS_URL, "SET", `${{run.redisPrefix}}probe`, "1"]);
console.log(`${{run.dbName}} ${{run.redisPrefix}}probe`);
process.stdin.resume();
process.stdin.on("end", async () => {{ await run.end(); process.exit(0); }});
"""

SWEEP = f"""
import {{ sweep }} from "{STORES.as_uri()}";
console.log(JSON.stringify(sweep()));
"""


def psql(sql: str) -> str:
    env = {**os.environ, "PGHOST": os.environ.get("DB_HOST", "127.0.0.1"),
           "PGPORT": os.environ.get("DB_PORT", "5432"), "PGUSER": os.environ.get("DB_USER", "postgres"),
           "PGPASSWORD": os.environ.get("DB_PASSWORD", ""), "PGDATABASE": "postgres"}
    return subprocess.run(["psql", "-X", "-A", "-t", "-c", sql], env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def redis(*args: str) -> str:
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    return subprocess.run(["redis-cli", "-u", url, *args], capture_output=True, text=True, check=True).stdout.strip()


def start_run() -> tuple[subprocess.Popen, str, str]:
    run = subprocess.Popen(["node", "--input-type=module", "-e", RUN],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = run.stdout.readline().split()
    assert len(line) == 2, f"the run failed (exit status {run.poll()})"
    return run, line[0], line[1]


def left(database: str, key: str) -> tuple[bool, bool]:
    """Whether the database and the Redis key are still there."""
    return (psql(f"SELECT count(*) FROM pg_database WHERE datname = '{database}'") == "1",
            redis("EXISTS", key) == "1")


def swept(database: str, key: str, timeout: float = 10) -> bool:
    """Whether a sweep removes both within `timeout` (the server sees a killed
    run's session close a moment after the kill)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        subprocess.run(["node", "--input-type=module", "-e", SWEEP], check=True, capture_output=True)
        if left(database, key) == (False, False):
            return True
        time.sleep(0.2)
    return False


def test_a_killed_run_leaves_nothing_behind_and_a_live_run_keeps_its_database_and_keys():
    killed, killed_db, killed_key = start_run()
    live, live_db, live_key = start_run()
    try:
        killed.kill()
        killed.wait()
        assert left(killed_db, killed_key) == (True, True)
        assert swept(killed_db, killed_key), f"{killed_db} or {killed_key} was left"
        assert left(live_db, live_key) == (True, True), "a live run's database or key was swept"
    finally:
        live.stdin.close()
        live.wait()
    # Its run over (it never dropped its database), the next sweep takes it.
    assert swept(live_db, live_key), f"{live_db} or {live_key} was left"

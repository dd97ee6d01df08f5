"""The suites' throw-away databases: what a killed run left behind is dropped
by the next sweep, and what a live run uses never is. The runs are real
processes (a Python child each), killed with SIGKILL as an interrupted run is."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from support.scratch_databases import new_name, owner, psql, sweep

ADMIN_URL = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
TESTS = Path(__file__).resolve().parents[1]

# A run that creates one database, prints its name, and waits (never dropping it).
RUN = """
import sys
sys.path.insert(0, sys.argv[1])
from support.scratch_databases import new_name, psql
name = new_name(sys.argv[2], "sweep")
psql(sys.argv[2], f'CREATE DATABASE "{name}"')
print(name, flush=True)
sys.stdin.read()
"""


def start_run() -> tuple[subprocess.Popen, str]:
    run = subprocess.Popen([sys.executable, "-c", RUN, str(TESTS), ADMIN_URL],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    name = run.stdout.readline().strip()
    assert name, f"the run failed (exit status {run.poll()})"
    return run, name


def exists(name: str) -> bool:
    return psql(ADMIN_URL, f"SELECT count(*) FROM pg_database WHERE datname = '{name}'") == "1"


def swept(name: str, timeout: float = 10) -> bool:
    """Whether a sweep drops the database within `timeout` (the server sees a
    killed run's session close a moment after the kill)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sweep(ADMIN_URL)
        if not exists(name):
            return True
        time.sleep(0.2)
    return False


def test_a_killed_run_leaves_nothing_behind_and_a_live_run_keeps_its_database():
    killed, leftover = start_run()
    live, in_use = start_run()
    try:
        killed.kill()
        killed.wait()
        assert exists(leftover)
        assert swept(leftover), f"{leftover} was left"
        assert exists(in_use), f"{in_use}, of a live run, was dropped"
    finally:
        live.stdin.close()
        live.wait()
    # Its run over (it never dropped its database), the next sweep takes it.
    assert swept(in_use), f"{in_use} was left"


def test_names_tell_the_run_that_made_the_database():
    name = new_name(ADMIN_URL, "tag")
    assert owner(name) is not None
    assert name.split("_")[2] == "tag"
    for other in ["test_0123456789abcdef0123456789abcdef", "test_template_0123456789abcdef",
                  "test_backup_0123456789ab", "test_80000000_x", "e2e_0000002a_x", "postgres"]:
        assert owner(other) is None, other

"""Names for the throw-away databases a suite creates on a shared PostgreSQL,
and the sweep of those a killed run left behind.

The backend's test harness does the same (backend/tests/api/support/database.rs),
with the same names and lock, so either drops what the other left. A run (this
pytest process) has a random id and names its databases test_<run>_<tag>_<hex>.
For as long as the process lives, a psql session of its own holds a shared
advisory lock on the run's id; however the process ends, psql then sees its
input close and quits, and the lock goes. The first name a run asks for sweeps
first: every test_<run>_... database whose run holds no lock is dropped, on
this machine or any other using the server; anything else is left alone.
"""

from __future__ import annotations

import re
import secrets
import subprocess

# The first key of the two-key advisory lock marking a live run (the second is
# the run's id); the backend's harness uses the same.
RUN_LOCKS = 720311

RUN_NAME = re.compile(r"test_([0-9a-f]{8})_")

# This run's id, and its lock-holding psql session on each server it uses.
RUN = secrets.randbelow(2**31)
_markers: dict[str, subprocess.Popen] = {}


def psql(admin_url: str, sql: str) -> str:
    result = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", admin_url],
                            input=sql, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"psql failed: {result.stderr}")
    return result.stdout.strip()


def mark_alive(admin_url: str, run: int) -> subprocess.Popen:
    """A psql session holding the run's lock until its input closes (when
    this process ends, or `stdin.close()`); returns once the lock is held."""
    session = subprocess.Popen(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", admin_url],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    # The server must never end the idle session while the run lives: its
    # databases would be swept from under it.
    session.stdin.write(f"SET idle_session_timeout = 0;\n"
                        f"SELECT pg_advisory_lock_shared({RUN_LOCKS}, {run});\n\\echo locked\n")
    session.stdin.flush()
    for line in session.stdout:
        if line.strip() == "locked":
            return session
    raise RuntimeError(f"psql could not take the run's lock (exit status {session.wait()})")


def owner(name: str) -> int | None:
    """The id of the run that made the database, from its name (None: not a run's)."""
    match = RUN_NAME.match(name)
    run = int(match.group(1), 16) if match else None
    return run if run is not None and run < 2**31 else None


def sweep(admin_url: str) -> list[str]:
    """Drops every database of a run that no longer runs; returns their names."""
    # The databases first, the locks second: a run takes its lock before it
    # creates a database, so each database listed whose run is alive has its
    # lock listed too.
    names = psql(admin_url, r"SELECT datname FROM pg_database WHERE datname LIKE 'test\_%'").split()
    held = {int(key) for key in psql(
        admin_url,
        "SELECT objid::int8 FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 "
        f"AND classid::int8 = {RUN_LOCKS}").split()}
    dropped = [name for name in names if owner(name) is not None and owner(name) not in held]
    for name in dropped:
        psql(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return dropped


def new_name(admin_url: str, tag: str) -> str:
    """A name for a new database of this run on the server (test_<run>_<tag>_<hex>).
    The first call for a server marks the run alive there and sweeps what dead
    runs left."""
    if admin_url not in _markers:
        _markers[admin_url] = mark_alive(admin_url, RUN)
        sweep(admin_url)
    return f"test_{RUN:08x}_{tag}_{secrets.token_hex(6)}"

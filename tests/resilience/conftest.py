"""Fixtures and the report of the resilience suite.

- `api`: one API process on the machine's PostgreSQL and Redis, for the
  fuzzer (api.py);
- `stack`: PostgreSQL, Redis, two API instances behind nginx and a worker,
  all of their own, for the fault and load scenarios (stack.py); each
  scenario leaves it healthy for the next;
- `report`: the figures a scenario reports. At the end the suite prints one
  line per scenario: its name (the test's docstring, first line), its figures
  and PASS or FAIL.

Logs stay in the temp directories when a test fails (KEEP_RESILIENCE_LOGS=1
keeps them always); their paths are printed.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

# tests/ holds the `support` package the suites share.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api import start_api  # noqa: E402
from stack import start_stack  # noqa: E402
from support.report import pytest_runtest_makereport, report  # noqa: E402,F401 (fixture and hook)
from support.report import rows as report_rows  # noqa: E402

# Generous app-level limits (`N/SECONDS`, config/rate_limits.rs): the fuzzer
# logs in, signs up and asks for password recovery far more often than a
# person, and 429s would hide what the handlers behind the limiter do.
GENEROUS_LIMITS = {
    name: "100000/60"
    for name in ("RATE_LIMIT_LOGIN_PER_IP", "RATE_LIMIT_LOGIN_PER_EMAIL",
                 "RATE_LIMIT_SIGNUP_PER_IP", "RATE_LIMIT_PASSWORD_RECOVERY_PER_IP",
                 "RATE_LIMIT_PASSWORD_RECOVERY_PER_EMAIL", "RATE_LIMIT_PASSWORD_CHANGE_PER_USER")
}

@contextmanager
def log_directory(request, prefix: str, what: str) -> Iterator[Path]:
    """A temp directory for a fixture's processes, removed at the end unless
    a test failed meanwhile (or KEEP_RESILIENCE_LOGS is set)."""
    root = Path(tempfile.mkdtemp(prefix=prefix))
    failed_before = request.session.testsfailed
    try:
        yield root
    finally:
        if request.session.testsfailed > failed_before or os.environ.get("KEEP_RESILIENCE_LOGS"):
            print(f"\n{what} logs kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def api(request):
    with log_directory(request, "resilience-api-", "fuzzed API") as root:
        api = start_api(root, GENEROUS_LIMITS)
        try:
            yield api
        finally:
            api.stop()


@pytest.fixture(scope="session")
def stack(request):
    with log_directory(request, "resilience-stack-", "resilience stack") as root:
        stack = start_stack(root)
        try:
            yield stack
        finally:
            stack.stop()


def pytest_terminal_summary(terminalreporter, config):
    rows = report_rows(config)
    if not rows:
        return
    write = terminalreporter.write_line
    terminalreporter.section("resilience report")
    for name, figures, verdict in rows:
        write(f"{verdict}  {name}")
        for figure in figures:
            write(f"        {figure}")
    failed = sum(verdict == "FAIL" for _, _, verdict in rows)
    write(f"resilience: {len(rows) - failed} of {len(rows)} scenarios passed")

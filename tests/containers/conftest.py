"""Fixtures and the report of the container suite (docs/containers.md).

- `engine`: the suite's own dockerd (engine.py), stopped at the end;
- `images`: the stand-in images built into it (images/build.sh);
- `checkout`: a copy of the project with a fresh `.env` from `make init`,
  plus the few settings this machine needs (free ports, no Grafana or
  cAdvisor, an alert receiver for production);
- `prod`, `dev`: the two stacks of that copy, run with the Make targets
  (Compose 2.40 for prod, 2.22, the oldest supported, for dev);
- `report`: figures for a check's line in the report. At the end the suite
  prints one line per check, PASS or FAIL with its figures, and
  `containers: N passed, N failed`.

Logs (make output, dockerd) stay in a temp folder whose path is printed.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
# tests/ holds the `support` package the suites share.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checkout import copy_checkout, set_env  # noqa: E402
from engine import CACHE, compose_plugin, start_engine  # noqa: E402
from stack import Stack  # noqa: E402
from support.report import pytest_runtest_makereport, report  # noqa: E402,F401 (fixture and hook)
from support.report import rows as report_rows  # noqa: E402

HERE = Path(__file__).resolve().parent
PROD_COMPOSE = "2.40.3"
DEV_COMPOSE = "2.22.0"
# Neither has a package or a build reachable from this machine.
NOT_RUN_HERE = ("grafana", "cadvisor")

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def logs() -> Path:
    path = Path(tempfile.mkdtemp(prefix="container-suite-logs-"))
    print(f"\ncontainer suite logs: {path}")
    return path


@pytest.fixture(scope="session")
def engine(logs):
    engine = start_engine(logs / "dockerd.log")
    yield engine
    engine.stop()


@pytest.fixture(scope="session")
def images(engine, logs):
    result = subprocess.run(["bash", str(HERE / "images/build.sh"), str(CACHE / "images")],
                            env=engine.env(compose_plugin(PROD_COMPOSE)), capture_output=True, text=True)
    (logs / "images.log").write_text(result.stdout + result.stderr)
    assert result.returncode == 0, f"stand-in images failed:\n{result.stderr[-4000:]}"
    return result.stderr


@pytest.fixture(scope="session")
def checkout(engine, images, logs):
    root = copy_checkout(Path(tempfile.mkdtemp(prefix="container-suite-")) / "app")
    subprocess.run(["make", "--no-print-directory", "init"], cwd=root, check=True, capture_output=True)
    shutil.copy(root / ".env", logs / "fresh.env")
    ports = ["HTTP_PORT", "HTTPS_PORT", "API_PORT", "DB_PORT", "REDIS_PORT", "WORKER_METRICS_PORT",
             "FRONTEND_PORT", "PROMETHEUS_PORT", "GRAFANA_PORT", "ALERTMANAGER_PORT", "MAILPIT_UI_PORT",
             "MAILPIT_SMTP_PORT"]
    set_env(root, COMPOSE_PROFILES="", ALERT_WEBHOOK_URL="http://127.0.0.1:9/alerts",
            **{name: str(free_port()) for name in ports})
    # What `make setup` would add (a REDIS_PASSWORD), for the checks that run before it.
    subprocess.run(["make", "--no-print-directory", "docker-env-dev"], cwd=root, check=True,
                   capture_output=True, env=engine.env(compose_plugin(PROD_COMPOSE)))
    yield root
    shutil.rmtree(root.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def prod(engine, checkout, logs):
    stack = Stack("prod", checkout, engine, compose_plugin(PROD_COMPOSE), logs)
    yield stack
    stack.make("prod-down", check=False)


@pytest.fixture(scope="session")
def dev(engine, checkout, logs, prod):
    stack = Stack("dev", checkout, engine, compose_plugin(DEV_COMPOSE), logs)
    yield stack
    stack.make("clean", "CONFIRM=yes", check=False)
    stack.remove_images()


def pytest_terminal_summary(terminalreporter, config):
    rows = report_rows(config)
    if not rows:
        return
    write = terminalreporter.write_line
    terminalreporter.section("container suite report")
    for name, figures, verdict in rows:
        write(f"{verdict}  {name}" + (f"  ({'; '.join(figures)})" if figures else ""))
    write(f"NOT RUN  {', '.join(NOT_RUN_HERE)}: no package or build of either is reachable from "
          "this machine (their Compose profiles are off; Grafana's provisioning and dashboards "
          "are checked natively by tests/observability)")
    passed = sum(verdict == "PASS" for _, _, verdict in rows)
    write(f"containers: {passed} passed, {len(rows) - passed} failed")

"""`make health` (scripts/health.sh), run for real from a temporary copy of the
Makefile, mk/ and the script, so that a developer's .env is never read.

The Docker branch talks to fake_docker.py (no engine can run images here); the
native branch probes the real local PostgreSQL (127.0.0.1:5432) and Redis
(127.0.0.1:6379), and small HTTP servers standing in for the API and the worker.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FAKE_DOCKER = Path(__file__).with_name("fake_docker.py")
NATIVE_ENV = ("API_PORT", "WORKER_METRICS_PORT", "DB_HOST", "DB_PORT", "REDIS_HOST", "REDIS_PORT")
HEALTHY = [
    ["db", "running", 0, "healthy"], ["redis", "running", 0, "healthy"],
    ["migrate", "exited", 0, ""], ["backend", "running", 0, "healthy"],
    ["worker", "running", 0, "healthy"], ["frontend", "running", 0, "healthy"],
    ["nginx", "running", 0, "healthy"], ["prometheus", "running", 0, ""],
]


class Checkout:
    """What `make health` needs of a checkout, plus the fake docker on PATH."""

    def __init__(self, root: Path):
        self.path = root / "checkout"
        (self.path / "scripts").mkdir(parents=True)
        shutil.copy(REPO / "Makefile", self.path)
        shutil.copytree(REPO / "mk", self.path / "mk")
        shutil.copy(REPO / "scripts" / "health.sh", self.path / "scripts")
        self.bin = root / "bin"
        self.bin.mkdir()
        shutil.copy(FAKE_DOCKER, self.bin / "docker")
        (self.bin / "docker").chmod(0o755)
        self.state = root / "docker-state"
        self.state.mkdir()

    def docker(self, **scenario) -> None:
        (self.state / "scenario.json").write_text(json.dumps(scenario))

    def health(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        clean = {k: v for k, v in os.environ.items()
                 if k not in NATIVE_ENV and k not in ("STACK", "COMPOSE", "MAKEFLAGS", "MAKELEVEL")}
        clean.update(PATH=f"{self.bin}{os.pathsep}{clean['PATH']}", FAKE_DOCKER_DIR=str(self.state),
                     DB_HOST="127.0.0.1", DB_PORT="5432", REDIS_HOST="127.0.0.1", REDIS_PORT="6379")
        clean.update(env)
        return subprocess.run(["make", "--no-print-directory", "health", *args], cwd=self.path,
                              env=clean, capture_output=True, text=True, timeout=60)

    def ps_calls(self) -> list[list[str]]:
        path = self.state / "calls.jsonl"
        calls = [json.loads(line)["argv"] for line in path.read_text().splitlines()]
        return [argv for argv in calls if "ps" in argv]


def line(result: subprocess.CompletedProcess, name: str) -> str:
    """The report's line for NAME: 'ok  detail' or 'FAIL  detail'."""
    found = re.search(rf"^  {re.escape(name)} +((?:ok|FAIL) .*)$", result.stdout, re.M)
    assert found, f"no line for {name}:\n{result.stdout}{result.stderr}"
    return found.group(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def checkout(tmp_path):
    return Checkout(tmp_path)


# --- the Docker stack -------------------------------------------------------------


def test_a_healthy_stack_passes_and_the_native_ports_are_not_probed(checkout):
    checkout.docker(containers=HEALTHY)
    result = checkout.health("STACK=prod")
    assert result.returncode == 0, result.stdout + result.stderr
    for service in ("db", "redis", "backend", "worker", "frontend", "nginx"):
        assert line(result, service) == "ok    running, healthy"
    assert line(result, "migrate").startswith("ok    exited with code 0")
    assert line(result, "prometheus") == "ok    running, no health check"
    assert "api " not in result.stdout and "Containers: skipped" not in result.stdout
    assert checkout.ps_calls() == [[
        "compose", "-f", "docker-compose.yml", "-f", "docker-compose.prod.yml",
        "ps", "-a", "--format", "{{.Service}} {{.State}} {{.ExitCode}} {{.Health}}"]]


def test_without_stack_prod_the_dev_stack_is_judged(checkout):
    checkout.docker(containers=HEALTHY)
    assert checkout.health().returncode == 0
    assert checkout.ps_calls()[0][1:5] == ["-f", "docker-compose.yml", "-f", "docker-compose.dev.yml"]


@pytest.mark.parametrize("service, container, expected", [
    ("backend", ["running", 0, "unhealthy"], "FAIL  running, unhealthy"),
    ("backend", ["running", 0, "starting"], "FAIL  running, starting (not healthy yet)"),
    ("worker", ["restarting", 1, ""], "FAIL  restarting (last exit code 1)"),
    ("nginx", ["exited", 137, ""], "FAIL  exited with code 137"),
    ("migrate", ["exited", 1, ""], "FAIL  exited with code 1"),
])
def test_a_container_that_is_not_running_and_healthy_fails(checkout, service, container, expected):
    containers = [c if c[0] != service else [service, *container] for c in HEALTHY]
    checkout.docker(containers=containers)
    result = checkout.health("STACK=prod")
    assert result.returncode != 0, result.stdout
    assert line(result, service) == expected
    assert line(result, "db") == "ok    running, healthy"


def test_a_missing_long_running_service_fails(checkout):
    checkout.docker(containers=[c for c in HEALTHY if c[0] != "backend"])
    result = checkout.health("STACK=prod")
    assert result.returncode != 0, result.stdout
    assert line(result, "backend") == "FAIL  no container"


def test_a_missing_one_shot_or_extra_service_is_fine(checkout):
    checkout.docker(containers=[c for c in HEALTHY if c[0] not in ("migrate", "prometheus")])
    result = checkout.health("STACK=prod")
    assert result.returncode == 0, result.stdout + result.stderr


# --- the native services ----------------------------------------------------------


class Probe(BaseHTTPRequestHandler):
    """The API's /health/ready and the worker's /health: 200 (or server.status)."""

    def do_GET(self):  # noqa: N802 (the http.server API)
        status = self.server.status if self.path in ("/health/ready", "/health") else 404
        self.send_response(status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    servers = []

    def start(status: int = 200) -> int:
        server = ThreadingHTTPServer(("127.0.0.1", 0), Probe)
        server.status = status
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.server_address[1]

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def local_services():
    for port in (5432, 6379):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            pytest.skip(f"nothing listens on 127.0.0.1:{port} (the local PostgreSQL and Redis)")


@pytest.mark.parametrize("docker, note", [
    ({"engine": False}, "no docker CLI, Docker Compose v2 or reachable engine"),
    ({"containers": []}, "the stack has no containers"),
    ({"fail": ["ps"]}, "`docker compose -f docker-compose.yml -f docker-compose.dev.yml ps` failed: "
                       "required variable POSTGRES_PASSWORD is missing a value"),
])
def test_without_a_docker_stack_the_native_services_are_probed(
        checkout, http_server, local_services, docker, note):
    checkout.docker(**docker)
    api, worker = http_server(), http_server()
    result = checkout.health(API_PORT=str(api), WORKER_METRICS_PORT=str(worker))
    assert result.returncode == 0, result.stdout + result.stderr
    assert line(result, "api") == f"ok    http://127.0.0.1:{api}/health/ready"
    assert line(result, "worker") == f"ok    http://127.0.0.1:{worker}/health"
    assert line(result, "postgresql").startswith("ok ")
    assert line(result, "redis").startswith("ok    PING 127.0.0.1:6379")
    assert f"Containers: skipped ({note})" in result.stdout


def test_a_service_that_is_down_or_not_ready_fails(checkout, http_server, local_services):
    checkout.docker(engine=False)
    result = checkout.health(API_PORT=str(http_server(503)), WORKER_METRICS_PORT=str(free_port()))
    assert result.returncode != 0, result.stdout
    assert line(result, "api").startswith("FAIL ")
    assert line(result, "worker").startswith("FAIL ")
    assert line(result, "postgresql").startswith("ok ")
    result = checkout.health(API_PORT=str(http_server()), WORKER_METRICS_PORT=str(http_server()),
                             REDIS_PORT=str(free_port()))
    assert result.returncode != 0, result.stdout
    assert line(result, "redis").startswith("FAIL ")
    assert line(result, "api").startswith("ok ")


def test_dotenv_fills_in_what_the_environment_does_not_set(checkout, http_server, local_services):
    checkout.docker(engine=False)
    api, worker = http_server(), http_server()
    (checkout.path / ".env").write_text(f"API_PORT=1\nWORKER_METRICS_PORT={worker}\n")
    result = checkout.health(API_PORT=str(api))
    assert result.returncode == 0, result.stdout + result.stderr
    assert line(result, "api") == f"ok    http://127.0.0.1:{api}/health/ready"
    assert line(result, "worker") == f"ok    http://127.0.0.1:{worker}/health"

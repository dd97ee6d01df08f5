"""`make run`'s ports: checked before anything is built or started (a second
instance stops at once, naming each taken port and the setting that chooses
it), and printed in the ready banner as the processes use them: the
environment, else .env, else the defaults."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PORT_SETTINGS = ("API_PORT", "FRONTEND_PORT", "WORKER_METRICS_PORT", "FIRST_SUPERUSER")


@pytest.fixture
def checkout(tmp_path):
    """What `make run` needs before it builds: the Makefile, mk/ and scripts/."""
    root = tmp_path / "app"
    shutil.copytree(REPO / "scripts", root / "scripts")
    shutil.copytree(REPO / "mk", root / "mk")
    shutil.copy(REPO / "Makefile", root)
    (root / ".env").write_text("")
    return root


@pytest.fixture
def listener():
    """Real listening sockets on free ports of 127.0.0.1."""
    sockets = []

    def listen() -> int:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        sockets.append(sock)
        return sock.getsockname()[1]

    yield listen
    for sock in sockets:
        sock.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def env(**settings: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k not in PORT_SETTINGS and not k.startswith("MAKE")}
    return {**clean, **settings}


def check_ports(root: Path, **settings: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(root / "scripts" / "check-ports.sh")], env=env(**settings),
                          capture_output=True, text=True, timeout=30)


def names(stderr: str, port: str | int, setting: str) -> bool:
    """The message lists `port` with the setting that chose it."""
    return re.search(rf"^\s+{port}\s+{setting} ", stderr, re.M) is not None


def free_ports(**overrides: str) -> dict[str, str]:
    ports = {name: str(free_port()) for name in ("API_PORT", "FRONTEND_PORT", "WORKER_METRICS_PORT")}
    return {**ports, **overrides}


def test_free_ports_pass_silently(checkout):
    result = check_ports(checkout, **free_ports())
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_taken_port_is_named_with_its_setting(checkout, listener):
    taken = str(listener())
    result = check_ports(checkout, **free_ports(WORKER_METRICS_PORT=taken))
    assert result.returncode == 1
    assert "another instance of the app seems to be running" in result.stderr
    assert names(result.stderr, taken, "WORKER_METRICS_PORT"), result.stderr
    assert "API_PORT" not in result.stderr and "FRONTEND_PORT" not in result.stderr


def test_every_taken_port_is_named(checkout, listener):
    api, spa, worker = (str(listener()) for _ in range(3))
    result = check_ports(checkout, API_PORT=api, FRONTEND_PORT=spa, WORKER_METRICS_PORT=worker)
    assert result.returncode == 1
    for port, setting in ((api, "API_PORT"), (spa, "FRONTEND_PORT"), (worker, "WORKER_METRICS_PORT")):
        assert names(result.stderr, port, setting), result.stderr


def test_ports_come_from_the_environment_over_dotenv(checkout, listener):
    taken = listener()
    ports = free_ports()
    (checkout / ".env").write_text(f'API_PORT="{taken}"\nFRONTEND_PORT={ports["FRONTEND_PORT"]}\n'
                                   f'WORKER_METRICS_PORT={ports["WORKER_METRICS_PORT"]}\n')
    from_dotenv = check_ports(checkout)
    assert from_dotenv.returncode == 1
    assert names(from_dotenv.stderr, taken, "API_PORT"), from_dotenv.stderr
    # The environment wins over .env, as with the API itself.
    assert check_ports(checkout, API_PORT=ports["API_PORT"]).returncode == 0


@pytest.mark.parametrize("settings, message", [
    ({"API_PORT": "eighty"}, "API_PORT=eighty is not a port number"),
    ({"FRONTEND_PORT": "70000"}, "FRONTEND_PORT=70000 is not a port number"),
    ({"FRONTEND_PORT": "same", "WORKER_METRICS_PORT": "same"},
     "FRONTEND_PORT and WORKER_METRICS_PORT are both"),
])
def test_bad_ports_are_refused(checkout, settings, message):
    if "same" in settings.values():
        port = str(free_port())
        settings = {name: port for name in settings}
        message = message.replace("both", f"both {port}")
    result = check_ports(checkout, **free_ports(**settings))
    assert result.returncode == 1
    assert message in result.stderr


def test_make_run_stops_before_building_when_a_port_is_taken(checkout, listener):
    taken = str(listener())
    result = subprocess.run(["make", "--no-print-directory", "run"], cwd=checkout,
                            env=env(**free_ports(API_PORT=taken)),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert names(result.stderr, taken, "API_PORT"), result.stderr
    assert "cargo" not in result.stdout + result.stderr
    assert "npm" not in result.stdout + result.stderr


def banner(root: Path, **settings: str) -> str:
    script = 'root=$1; source "$root/scripts/lib/run-env.sh"; print_banner'
    result = subprocess.run(["bash", "-c", script, "_", str(root)], env=env(**settings),
                            capture_output=True, text=True, timeout=30, check=True)
    return result.stdout


def test_the_banner_prints_the_ports_in_use(checkout):
    assert "http://localhost:3000\n" in banner(checkout)
    assert "http://localhost:8000/api/v1" in banner(checkout)
    assert "http://localhost:9100/metrics" in banner(checkout)

    (checkout / ".env").write_text("API_PORT=8100\nFRONTEND_PORT=3100\nWORKER_METRICS_PORT=9200\n"
                                   "FIRST_SUPERUSER=boss@example.com\n")
    text = banner(checkout, FRONTEND_PORT="3300", WORKER_METRICS_PORT="9300")
    assert "App:          http://localhost:3300\n" in text
    assert "API:          http://localhost:8100/api/v1" in text
    assert "Swagger UI:   http://localhost:8100/docs" in text
    assert "Worker:       http://localhost:9300/metrics" in text
    assert "Superuser:    boss@example.com" in text
    assert "3000" not in text and "9100" not in text and "8000" not in text

"""Starting and stopping the real services the suites run as plain processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process exited ({process.returncode}):\n{log.read_text()[-4000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on {port} after {timeout}s:\n{log.read_text()[-4000:]}")


def start(command: list, log: Path, *, env: dict | None = None, port: int | None = None,
          timeout: float = 30) -> subprocess.Popen:
    """Starts a command with its output in `log`; waits for `port` if given."""
    process = subprocess.Popen([str(part) for part in command], env=env, stdout=open(log, "ab"),
                               stderr=subprocess.STDOUT)
    if port is not None:
        try:
            wait_for_port(port, process, log, timeout)
        except Exception:
            stop(process)
            raise
    return process


def stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# Settings that would override what a test sets (DATABASE_URL, REDIS_URL) or
# send its mail elsewhere, if the caller's environment had them.
UNSET_FOR_APPS = ("SMTP_HOST", "DB_HOST", "DB_PORT", "DB_NAME", "RUST_LOG")


def app_environment(**settings: str) -> dict[str, str]:
    """The environment of an API or worker process a test starts: the
    caller's, without UNSET_FOR_APPS, plus `settings`."""
    env = {name: value for name, value in os.environ.items() if name not in UNSET_FOR_APPS}
    env.update(settings)
    return env


def app_binary() -> Path:
    """The API/worker binary: APP_BIN, or the debug build (built if missing)."""
    binary = Path(os.environ.get("APP_BIN", REPO / "backend" / "target" / "debug" / "app"))
    if not binary.exists():
        subprocess.run(["cargo", "build", "--quiet"], cwd=REPO / "backend", check=True)
    return binary

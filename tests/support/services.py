"""PostgreSQL, Redis and nginx of a suite's own, as plain processes, so that a
test may stop, kill or fill them without touching the machine's servers."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from support.processes import REPO, free_port, start, stop, wait_for_port


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} is not installed (apt-get install {name})")
    return path


def pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} not found (apt-get install postgresql)")
    return found[-1]


class PostgresCluster:
    """A throw-away cluster; as root, it runs as the postgres user."""

    def __init__(self, root: Path):
        self.root = root
        self.data = root / "data"
        self.port = free_port()
        self.log = root / "postgres.log"

    def _run(self, *args: str) -> None:
        command = list(args)
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True)

    def init(self) -> None:
        self.root.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        self._run(pg_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                  "--no-sync")

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} -c fsync=off"
        self._run(pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log),
                  "-w", "start")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"


class RedisServer:
    """A Redis server persisting as the Compose one does (append-only file), so
    that a stop and a start lose nothing that was acknowledged."""

    def __init__(self, root: Path):
        self.root = root
        self.port = free_port()
        self.log = root / "redis-server.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.root.mkdir(exist_ok=True)
        # Appended to, so that the log of a restart keeps the earlier runs.
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [tool("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
                 "--dir", str(self.root), "--appendonly", "yes", "--save", ""],
                stdout=log, stderr=subprocess.STDOUT)
        wait_for_port(self.port, self.process, self.log)
        # The port opens before the append-only file is loaded.
        deadline = time.monotonic() + 30
        while self.cli("PING") != "PONG":
            if time.monotonic() > deadline:
                raise RuntimeError(f"Redis not loaded after 30s:\n{self.log.read_text()[-2000:]}")
            time.sleep(0.1)

    def stop(self) -> None:
        """SIGTERM: Redis flushes the append-only file and exits."""
        stop(self.process)

    def cli(self, *args: str) -> str:
        result = subprocess.run([tool("redis-cli"), "-p", str(self.port), *args],
                                capture_output=True, text=True)
        return result.stdout.strip()


class Nginx:
    """The project's nginx configuration (scripts/render-nginx.sh), rendered
    for loopback ports and run by Debian's nginx."""

    def __init__(self, root: Path, api_upstreams: list[str], auth_rate_limit: str,
                 ports: dict[str, int] | None = None):
        self.root = root
        self.log = root / "nginx.log"
        self.ports = ports or {name: free_port() for name in ("http", "https", "status")}
        self.api_upstreams = api_upstreams
        self.auth_rate_limit = auth_rate_limit
        self.process: subprocess.Popen | None = None

    @property
    def cert(self) -> Path:
        return self.root / "ssl" / "fullchain.pem"

    def render(self) -> None:
        (self.root / "temp").mkdir(parents=True)
        self.root.chmod(0o755)
        subprocess.run([REPO / "scripts" / "make-certs.sh", self.root / "ssl"], check=True,
                       capture_output=True)
        env = dict(
            os.environ,
            API_UPSTREAM=" ".join(self.api_upstreams),
            # No SPA here: only the API is exercised.
            FRONTEND_UPSTREAM=f"127.0.0.1:{free_port()}",
            SERVER_NAME="localhost",
            LISTEN_ADDRESS="127.0.0.1",
            HTTP_PORT=str(self.ports["http"]),
            HTTPS_PORT=str(self.ports["https"]),
            STATUS_PORT=str(self.ports["status"]),
            SSL_CERT_DIR=str(self.root / "ssl"),
            ACME_WEBROOT=str(self.root / "acme"),
            NGINX_TEMP_DIR=str(self.root / "temp"),
            AUTH_RATE_LIMIT=self.auth_rate_limit,
        )
        subprocess.run([REPO / "scripts" / "render-nginx.sh", self.root / "conf"], env=env,
                       check=True, capture_output=True)

    def start(self) -> None:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        command = [nginx, "-p", self.root, "-e", "stderr", "-c", self.root / "conf" / "nginx.conf",
                   "-g", f"pid {self.root / 'nginx.pid'}; daemon off;"]
        self.process = start(command, self.log, port=self.ports["https"])
        wait_for_port(self.ports["status"], self.process, self.log)

    def stop(self) -> None:
        stop(self.process, signal.SIGQUIT)

"""The stack the fault and load scenarios break: a PostgreSQL cluster and a
Redis server of its own (so they can be stopped), two API instances behind the
project's nginx, and one worker, each a plain process on free loopback ports.

The apps run with the staging settings (JSON logs) and read the same
variables as in Compose; nginx runs the project's configuration, its API
upstream listing both instances as Compose's DNS would.
"""

from __future__ import annotations

import json
import secrets
import signal
import ssl
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from support.processes import app_binary, app_environment, free_port, start
from support.services import Nginx, PostgresCluster, RedisServer

SUPERUSER = "admin@example.com"
SUPERUSER_PASSWORD = "resilience-stack-password"
API = "/api/v1"


def wait_until(condition, timeout: float, step: float = 0.05) -> float:
    """Seconds until `condition()` held; fails after `timeout`, naming the
    condition by its docstring."""
    began = time.monotonic()
    while not condition():
        if time.monotonic() - began > timeout:
            raise AssertionError(f"not within {timeout}s: {condition.__doc__ or condition}")
        time.sleep(step)
    return time.monotonic() - began


@dataclass
class AppProcess:
    """The API (`serve`) or the worker, restartable with the same port and env."""

    name: str
    command: str
    port: int
    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = None
    starts: int = 0

    def start(self) -> None:
        # One log per start, so a restart does not hide the previous run's end.
        self.starts += 1
        log = self.log.with_name(f"{self.name}.{self.starts}.log")
        self.process = start([app_binary(), self.command], log, env=self.env, port=self.port)

    def send(self, sig: int) -> None:
        """Sends `sig` if the process still runs."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
        """Sends `sig` and waits for the exit; returns the exit status."""
        if self.process is None:
            return 0
        self.send(sig)
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    @property
    def rss_kib(self) -> int:
        """Resident memory now, from /proc (VmRSS, KiB)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
        return int(line.split()[1])

    def logs(self) -> str:
        return "".join(self.log.with_name(f"{self.name}.{n}.log").read_text(errors="replace")
                       for n in range(1, self.starts + 1))


@dataclass
class Stack:
    root: Path
    postgres: PostgresCluster
    redis: RedisServer
    nginx: Nginx | None = None
    apis: list[AppProcess] = field(default_factory=list)
    worker: AppProcess | None = None
    redis_prefix: str = "resilience:"
    secret_key: str = field(default_factory=lambda: secrets.token_hex(32))

    @property
    def url(self) -> str:
        """The public entry point: HTTPS through nginx."""
        return f"https://localhost:{self.nginx.ports['https']}"

    def api_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.apis[index].port}"

    def app_env(self, port: int) -> dict[str, str]:
        return app_environment(
            ENVIRONMENT="staging",  # JSON log lines, as in staging and production
            LOG_LEVEL="INFO",
            API_HOST="127.0.0.1",
            API_PORT=str(port),
            WORKER_METRICS_PORT=str(port),
            DATABASE_URL=self.postgres.url("app"),
            REDIS_URL=self.redis.url,
            REDIS_KEY_PREFIX=self.redis_prefix,
            SECRET_KEY=self.secret_key,
            FIRST_SUPERUSER=SUPERUSER,
            FIRST_SUPERUSER_PASSWORD=SUPERUSER_PASSWORD,
            TRUSTED_PROXIES="127.0.0.1",  # nginx; clients use other loopback addresses
            JOB_RETRY_BASE_DELAY_MS="100",
            # The default, stated: the worker-kill scenario bounds re-runs by it.
            WORKER_CONCURRENCY="16",
            # A killed worker's unfinished jobs are taken over after this long
            # (default 30 s); shorter keeps the worker-kill scenario short, and
            # is still three heartbeats (one per third) on a busy machine.
            JOB_VISIBILITY_TIMEOUT_SECONDS="10",
            FRONTEND_HOST="https://localhost",
        )

    def session(self, source: str = "127.0.0.1") -> requests.Session:
        """A keep-alive HTTPS session to nginx from a given loopback address
        (nginx limits requests per client address)."""
        session = requests.Session()
        adapter = SourceAddressAdapter(source, str(self.nginx.cert))
        session.mount("https://", adapter)
        return session

    def login(self, email: str, password: str) -> str:
        reply = requests.post(f"{self.api_url(0)}{API}/login/access-token",
                              data={"username": email, "password": password}, timeout=30)
        reply.raise_for_status()
        return reply.json()["access_token"]

    def create_user(self, admin_token: str) -> tuple[str, str]:
        """A new active user; its id and access token (straight to an API
        instance, so set-up does not count against nginx's limits)."""
        email = f"user-{secrets.token_hex(6)}@example.com"
        password = secrets.token_urlsafe(16)
        reply = requests.post(f"{self.api_url(0)}{API}/users/", timeout=30,
                              headers={"Authorization": f"Bearer {admin_token}"},
                              json={"email": email, "password": password})
        reply.raise_for_status()
        return reply.json()["id"], self.login(email, password)

    def jobs(self, *args: str) -> str:
        """`app jobs ...` against this stack's Redis."""
        return subprocess.run([app_binary(), "jobs", *args], env=self.app_env(0), check=True,
                              capture_output=True, text=True).stdout

    def queue_stats(self) -> dict[str, int]:
        """Jobs ready, running (delivered, not settled), scheduled and dead."""
        return json.loads(self.jobs("stats"))

    def queue_empty(self) -> bool:
        """nothing left ready, running or scheduled"""
        stats = self.queue_stats()
        return stats["ready"] == stats["running"] == stats["scheduled"] == 0

    def probe_runs(self, record: str) -> dict[str, int]:
        """Runs per job id of the probe jobs recorded under `record`
        (`app jobs probe --record`, keys in backend/src/jobs/keys.rs)."""
        flat = self.redis.cli("HGETALL", f"{self.redis_prefix}jobs:probe:{record}:runs").split()
        return {job: int(runs) for job, runs in zip(flat[::2], flat[1::2])}

    def probe_completed(self, record: str) -> set[str]:
        """The ids of the probe jobs recorded under `record` that completed."""
        return set(self.redis.cli("SMEMBERS",
                                  f"{self.redis_prefix}jobs:probe:{record}:completed").split())

    def ready(self, index: int) -> int:
        """/health/ready's status on one API instance (0 when it does not answer)."""
        try:
            return requests.get(f"{self.api_url(index)}/health/ready", timeout=5).status_code
        except requests.RequestException:
            return 0

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not all(self.ready(n) == 200 for n in range(len(self.apis))):
            if time.monotonic() > deadline:
                raise AssertionError("the API instances are not ready")
            time.sleep(0.1)

    def stop(self) -> None:
        # SIGTERM to every app first: each API drains for seconds (shutdown.rs).
        apps = [app for app in [*self.apis, self.worker] if app is not None]
        for app in apps:
            app.send(signal.SIGTERM)
        for app in apps:
            app.stop()
        if self.nginx is not None:
            self.nginx.stop()
        self.redis.stop()
        self.postgres.stop()


class SourceAddressAdapter(requests.adapters.HTTPAdapter):
    """Connects from a given local address (each simulated client has its own)
    and trusts the test certificate. The plain `ssl` context, not urllib3's,
    which is strict and refuses a self-signed certificate as its own CA."""

    def __init__(self, source: str, cafile: str):
        self.source = source
        self.context = ssl.create_default_context(cafile=cafile)
        super().__init__(pool_maxsize=4)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        kwargs["ssl_context"] = self.context
        super().init_poolmanager(*args, **kwargs)


def start_stack(root: Path, api_instances: int = 2) -> Stack:
    root.chmod(0o755)  # PostgreSQL runs as its own user when we are root
    stack = Stack(root, PostgresCluster(root / "postgres"), RedisServer(root / "redis"))
    try:
        stack.postgres.init()
        stack.postgres.start()
        subprocess.run(["psql", stack.postgres.url("postgres"), "-qc", "CREATE DATABASE app"],
                       check=True, capture_output=True)
        stack.redis.start()
        subprocess.run([app_binary(), "migrate", "up"], env=stack.app_env(0), check=True,
                       capture_output=True)
        for n in range(api_instances):
            port = free_port()
            stack.apis.append(AppProcess(f"api{n}", "serve", port, stack.app_env(port),
                                         root / f"api{n}.log"))
        port = free_port()
        stack.worker = AppProcess("worker", "worker", port, stack.app_env(port),
                                  root / "worker.log")
        for app in [*stack.apis, stack.worker]:
            app.start()
        stack.nginx = Nginx(root / "nginx", [f"127.0.0.1:{api.port}" for api in stack.apis],
                            auth_rate_limit="5r/m")
        stack.nginx.render()
        stack.nginx.start()
        stack.wait_ready()
    except BaseException:
        stack.stop()
        raise
    return stack

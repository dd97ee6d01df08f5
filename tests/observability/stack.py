"""The monitored stack, natively: every process the Compose file runs for
observability, as a plain process on free loopback ports.

- PostgreSQL: a cluster of its own (initdb in a temp directory), so that the
  fault test can stop it without touching the machine's server;
- Redis: a server of its own;
- the API (JSON logs, as in staging) and the worker, from backend/target;
- nginx with the project's configuration (scripts/render-nginx.sh), including
  the stub_status server the nginx exporter reads;
- one real backup (scripts/backup-scheduler.sh --once), whose textfile
  metrics node_exporter publishes;
- Debian's exporters: postgres, redis, node, nginx;
- Alertmanager with the project's rendered configuration, its webhook
  receiver pointing at a recorder in this process;
- Debian's Prometheus with the project's prometheus.yml and alert_rules.yml,
  each job's target rewritten to the local port (see `prometheus_config`).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import ssl
import subprocess
import threading
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from support.processes import REPO, app_binary, app_environment, free_port, start, stop
from support.services import Nginx, PostgresCluster, tool

PROMETHEUS_DIR = REPO / "monitoring" / "prometheus"
ALERTMANAGER_DIR = REPO / "monitoring" / "alertmanager"

# Jobs of prometheus.yml that cannot run on this machine, and why. Every
# other job must be scraped successfully.
NOT_NATIVE = {"cadvisor": "cAdvisor is not packaged for Debian 12; it runs in Compose only"}

# Fast enough for a test: the project's rules and `for` durations are kept.
SCRAPE_INTERVAL = "1s"

SUPERUSER = "admin@example.com"
SUPERUSER_PASSWORD = "observability-test-password"


# --- Alertmanager's webhook receiver ------------------------------------------------


class AlertRecorder:
    """Records the notifications Alertmanager posts to the webhook receiver."""

    def __init__(self):
        self.notifications: list[dict] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                recorder.notifications.append(json.loads(body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def firing(self, alertname: str) -> list[dict]:
        return [alert for note in self.notifications for alert in note.get("alerts", [])
                if alert["labels"].get("alertname") == alertname and alert["status"] == "firing"]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# --- Prometheus's configuration, for local ports ------------------------------------


def prometheus_config(targets: dict[str, str], alertmanager: str) -> dict:
    """The project's prometheus.yml with each job's target replaced by the local
    address of the same service, and the scrape/evaluation interval shortened.
    A job with no local address fails, unless NOT_NATIVE explains why."""
    config = yaml.safe_load((PROMETHEUS_DIR / "prometheus.yml").read_text())
    config["global"]["scrape_interval"] = SCRAPE_INTERVAL
    config["global"]["evaluation_interval"] = SCRAPE_INTERVAL
    jobs = []
    for job in config["scrape_configs"]:
        name = job["job_name"]
        if name in NOT_NATIVE:
            continue
        if name not in targets:
            raise RuntimeError(f"prometheus.yml job {name!r} has no local target")
        job.pop("scrape_interval", None)
        job["static_configs"] = [{"targets": [targets[name]]}]
        jobs.append(job)
    unknown = set(targets) - {job["job_name"] for job in jobs}
    if unknown:
        raise RuntimeError(f"local targets for jobs prometheus.yml lacks: {sorted(unknown)}")
    config["scrape_configs"] = jobs
    for manager in config.get("alerting", {}).get("alertmanagers", []):
        manager["static_configs"] = [{"targets": [alertmanager]}]
    return config


# --- HTTP --------------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


class Client:
    """HTTPS through the project's nginx, from a given loopback address."""

    def __init__(self, port: int, cert: Path, source: str = "127.0.0.1"):
        import http.client

        self._connection = lambda: http.client.HTTPSConnection(
            "127.0.0.1", port, context=ssl.create_default_context(cafile=str(cert)),
            source_address=(source, 0), timeout=30)

    def request(self, method: str, path: str, *, token: str | None = None,
                json_body=None, form: dict | None = None) -> Reply:
        headers = {}
        body = None
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if json_body is not None:
            body = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = self._connection()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()},
                         response.read())
        finally:
            conn.close()

    def login(self, email: str, password: str) -> Reply:
        return self.request("POST", "/api/v1/login/access-token",
                            form={"username": email, "password": password})


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


# --- The stack ---------------------------------------------------------------------------


@dataclass
class Stack:
    root: Path
    postgres: PostgresCluster
    alerts: AlertRecorder
    ports: dict[str, int] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    redis_prefix: str = field(default_factory=lambda: f"obs-{uuid.uuid4().hex[:8]}:")

    def log(self, name: str) -> Path:
        return self.root / f"{name}.log"

    @property
    def cert(self) -> Path:
        return self.root / "nginx" / "ssl" / "fullchain.pem"

    def client(self, source: str = "127.0.0.1") -> Client:
        return Client(self.ports["https"], self.cert, source)

    def url(self, name: str, path: str = "") -> str:
        return f"http://127.0.0.1:{self.ports[name]}{path}"

    # Prometheus's HTTP API.
    def query(self, expr: str) -> dict:
        return get_json(self.url("prometheus", "/api/v1/query?")
                        + urllib.parse.urlencode({"query": expr}))

    def alerts_api(self) -> list[dict]:
        return get_json(self.url("prometheus", "/api/v1/alerts"))["data"]["alerts"]

    def targets(self) -> list[dict]:
        return get_json(self.url("prometheus", "/api/v1/targets"))["data"]["activeTargets"]

    def app_env(self) -> dict[str, str]:
        return app_environment(
            ENVIRONMENT="staging",  # JSON log lines, as in staging and production
            LOG_LEVEL="INFO",
            API_HOST="127.0.0.1",
            API_PORT=str(self.ports["api"]),
            WORKER_METRICS_PORT=str(self.ports["worker"]),
            DATABASE_URL=self.postgres.url("app"),
            REDIS_URL=f"redis://127.0.0.1:{self.ports['redis_server']}/0",
            REDIS_KEY_PREFIX=self.redis_prefix,
            SECRET_KEY=uuid.uuid4().hex + uuid.uuid4().hex,
            FIRST_SUPERUSER=SUPERUSER,
            FIRST_SUPERUSER_PASSWORD=SUPERUSER_PASSWORD,
            TRUSTED_PROXIES="127.0.0.1",  # nginx; clients use other loopback addresses
            JOB_RETRY_BASE_DELAY_MS="100",
            FRONTEND_HOST="https://localhost",
        )

    def stop(self) -> None:
        for name in reversed(list(self.processes)):
            sig = signal.SIGQUIT if name == "nginx" else signal.SIGTERM
            stop(self.processes[name], sig)
        self.postgres.stop()
        self.alerts.close()


def start_stack(root: Path) -> Stack:
    stack = Stack(root, PostgresCluster(root / "postgres"), AlertRecorder())
    try:
        for name in ("api", "worker", "https", "http", "status", "redis_server", "redis",
                     "postgres_exporter", "node", "nginx_exporter", "alertmanager",
                     "prometheus"):
            stack.ports[name] = free_port()
        stack.postgres.init()
        stack.postgres.start()
        _start_redis(stack)
        _start_app(stack)
        _start_nginx(stack)
        _run_backup(stack)
        _start_exporters(stack)
        _start_alertmanager(stack)
        _start_prometheus(stack)
    except BaseException:
        stack.stop()
        raise
    return stack


def _start_redis(stack: Stack) -> None:
    port = stack.ports["redis_server"]
    stack.processes["redis-server"] = start(
        [tool("redis-server"), "--port", port, "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"], stack.log("redis-server"), port=port)


def _start_app(stack: Stack) -> None:
    binary = app_binary()
    env = stack.app_env()
    subprocess.run([binary, "migrate", "up"], env=env, check=True, capture_output=True)
    stack.processes["api"] = start([binary, "serve"], stack.log("api"), env=env,
                                   port=stack.ports["api"])
    stack.processes["worker"] = start([binary, "worker"], stack.log("worker"), env=env,
                                      port=stack.ports["worker"])


def _start_nginx(stack: Stack) -> None:
    ports = {name: stack.ports[name] for name in ("http", "https", "status")}
    # The test logs in many times a minute from one address.
    nginx = Nginx(stack.root / "nginx", [f"127.0.0.1:{stack.ports['api']}"],
                  auth_rate_limit="600r/m", ports=ports)
    nginx.render()
    nginx.start()
    stack.processes["nginx"] = nginx.process


def _run_backup(stack: Stack) -> None:
    """One real backup, so node_exporter has the scheduler's metrics to publish."""
    # A throw-away signing key: backups are always signed (scripts/lib/backup-signing.sh).
    env = dict(os.environ, BACKUP_DIR=str(stack.root / "backups"),
               DATABASE_URL=stack.postgres.url("app"), BACKUP_SIGNING_KEY=uuid.uuid4().hex * 2)
    result = subprocess.run([REPO / "scripts" / "backup-scheduler.sh", "--once"], env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"backup-scheduler.sh --once failed:\n{result.stdout}{result.stderr}")


def _start_exporters(stack: Stack) -> None:
    ports = stack.ports
    postgres_env = dict(os.environ, DATA_SOURCE_NAME=(
        f"postgresql://postgres@127.0.0.1:{stack.postgres.port}/app?sslmode=disable"))
    stack.processes["postgres-exporter"] = start(
        [tool("prometheus-postgres-exporter"),
         f"--web.listen-address=127.0.0.1:{ports['postgres_exporter']}"],
        stack.log("postgres-exporter"), env=postgres_env, port=ports["postgres_exporter"])
    stack.processes["redis-exporter"] = start(
        [tool("prometheus-redis-exporter"), "-redis.addr",
         f"redis://127.0.0.1:{ports['redis_server']}", "-web.listen-address",
         f"127.0.0.1:{ports['redis']}"],
        stack.log("redis-exporter"), port=ports["redis"])
    stack.processes["node-exporter"] = start(
        [tool("prometheus-node-exporter"), f"--web.listen-address=127.0.0.1:{ports['node']}",
         f"--collector.textfile.directory={stack.root / 'backups' / 'metrics'}"],
        stack.log("node-exporter"), port=ports["node"])
    stack.processes["nginx-exporter"] = start(
        [tool("prometheus-nginx-exporter"),
         "-nginx.scrape-uri", f"http://127.0.0.1:{ports['status']}/stub_status",
         "-web.listen-address", f"127.0.0.1:{ports['nginx_exporter']}"],
        stack.log("nginx-exporter"), port=ports["nginx_exporter"])


def _start_alertmanager(stack: Stack) -> None:
    root = stack.root / "alertmanager"
    root.mkdir()
    env = dict(os.environ, ALERT_WEBHOOK_URL=f"http://127.0.0.1:{stack.alerts.port}/alerts")
    env.pop("SLACK_WEBHOOK_URL", None)
    subprocess.run(["sh", ALERTMANAGER_DIR / "render.sh", root / "alertmanager.yml"], env=env,
                   check=True, capture_output=True)
    port = stack.ports["alertmanager"]
    stack.processes["alertmanager"] = start(
        [tool("prometheus-alertmanager"), f"--config.file={root / 'alertmanager.yml'}",
         f"--storage.path={root}", f"--web.listen-address=127.0.0.1:{port}",
         "--cluster.listen-address="],
        stack.log("alertmanager"), port=port)


def _start_prometheus(stack: Stack) -> None:
    root = stack.root / "prometheus"
    root.mkdir()
    ports = stack.ports
    local = lambda name: f"127.0.0.1:{ports[name]}"  # noqa: E731
    targets = {
        "prometheus": local("prometheus"),
        "backend": local("api"),
        "worker": local("worker"),
        "nginx": local("nginx_exporter"),
        "postgres": local("postgres_exporter"),
        "redis": local("redis"),
        "node": local("node"),
        "alertmanager": local("alertmanager"),
    }
    config = prometheus_config(targets, local("alertmanager"))
    (root / "prometheus.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    shutil.copy(PROMETHEUS_DIR / "alert_rules.yml", root / "alert_rules.yml")
    check = subprocess.run([tool("promtool"), "check", "config", root / "prometheus.yml"],
                           capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"promtool check config failed:\n{check.stdout}{check.stderr}")
    stack.processes["prometheus"] = start(
        [tool("prometheus"), f"--config.file={root / 'prometheus.yml'}",
         f"--storage.tsdb.path={root / 'data'}", f"--web.listen-address={local('prometheus')}"],
        stack.log("prometheus"), port=ports["prometheus"])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(stack.url("prometheus", "/-/ready"), timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("Prometheus not ready after 30s")

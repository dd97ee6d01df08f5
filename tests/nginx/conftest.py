"""The real reverse proxy, in front of the real API, on free ports.

A session starts, once:
- the API (backend/target/debug/app, built if missing) against a fresh
  PostgreSQL database and its own Redis key prefix;
- Debian's nginx as a plain process (`nginx -p TMP -c TMP/conf/nginx.conf`,
  never the system service), running the project's nginx/ files rendered by
  scripts/render-nginx.sh with a certificate from scripts/make-certs.sh, plus
  a fixture server standing in for the SPA (tests/nginx/fixtures).

Every process is stopped, the database dropped, the Redis keys and temp
directories removed at the end. Connection settings come from the same
variables as the API's (DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, REDIS_URL).
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import uuid
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# tests/ holds the `support` package the suites share.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.processes import REPO, app_binary, free_port, stop, wait_for_port  # noqa: E402
from support.scratch_databases import new_name  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def json(self):
        return json.loads(self.body)


@dataclass
class Proxy:
    """A running nginx with the project's configuration."""

    root: Path
    http_port: int
    https_port: int
    # stub_status for the Prometheus exporter (nginx/conf.d/status.conf.template).
    status_port: int
    cert: Path
    process: subprocess.Popen | None = None

    def context(self) -> ssl.SSLContext:
        # The generated certificate is the trust anchor: the tests verify it.
        return ssl.create_default_context(cafile=str(self.cert))

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
        source: str | None = None,
        https: bool = True,
    ) -> Response:
        """One request on a fresh connection; `source` picks the client's
        loopback address, so rate-limit tests get buckets of their own."""
        source_address = (source, 0) if source else None
        if https:
            conn = http.client.HTTPSConnection(
                "127.0.0.1", self.https_port, context=self.context(),
                source_address=source_address, timeout=15,
            )
        else:
            conn = http.client.HTTPConnection(
                "127.0.0.1", self.http_port, source_address=source_address, timeout=15
            )
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return Response(resp.status, resp.headers, resp.read())
        finally:
            conn.close()

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def status(self, path: str, *, source: str | None = None) -> Response:
        """GET on the stub_status server (plain HTTP, its own port)."""
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.status_port, source_address=(source, 0) if source else None,
            timeout=15,
        )
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            return Response(resp.status, resp.headers, resp.read())
        finally:
            conn.close()


def nginx_command(root: Path, *args: str) -> list[str]:
    return [NGINX, "-p", str(root), "-e", "stderr", "-c", str(root / "conf" / "nginx.conf"),
            "-g", f"pid {root / 'nginx.pid'};" + "".join(args)]


def start_proxy(root: Path, api_upstream: str, *, worker_processes: int | None = None) -> Proxy:
    """Renders nginx/ into root/conf for free ports, checks it with nginx -t,
    and starts nginx in the foreground. `worker_processes` replaces the
    configuration's `auto` (the number of CPUs), for a test whose numbers
    depend on it (capacity is worker_connections per worker)."""
    if not Path(NGINX).exists():
        pytest.fail("nginx not installed: apt-get install nginx (or make test-system-deps)")
    root.mkdir(parents=True)
    # Workers run as `nobody` when the tests run as root: they must be able
    # to reach the SPA fixture and the temp directory.
    root.chmod(0o755)
    spa_root = root / "spa"
    shutil.copytree(FIXTURES / "spa", spa_root)
    (root / "temp").mkdir()
    spa_port = free_port()
    proxy = Proxy(root, free_port(), free_port(), free_port(), root / "ssl" / "fullchain.pem")

    subprocess.run([REPO / "scripts" / "make-certs.sh", root / "ssl"], check=True,
                   capture_output=True)
    env = dict(
        os.environ,
        API_UPSTREAM=api_upstream,
        FRONTEND_UPSTREAM=f"127.0.0.1:{spa_port}",
        SERVER_NAME="localhost",
        LISTEN_ADDRESS="127.0.0.1",
        HTTP_PORT=str(proxy.http_port),
        HTTPS_PORT=str(proxy.https_port),
        STATUS_PORT=str(proxy.status_port),
        SSL_CERT_DIR=str(root / "ssl"),
        ACME_WEBROOT=str(root / "acme"),
        NGINX_TEMP_DIR=str(root / "temp"),
    )
    subprocess.run([REPO / "scripts" / "render-nginx.sh", root / "conf"], env=env, check=True,
                   capture_output=True)
    if worker_processes is not None:
        main, line = root / "conf" / "nginx.conf", "\nworker_processes auto;\n"
        text = main.read_text()
        assert text.count(line) == 1, f"nginx.conf: expected one {line.strip()}"
        main.write_text(text.replace(line, f"\nworker_processes {worker_processes};\n"))
    fixture = (FIXTURES / "spa-server.conf").read_text()
    fixture = fixture.replace("@SPA_PORT@", str(spa_port)).replace("@SPA_ROOT@", str(spa_root))
    (root / "conf" / "conf.d" / "zz-spa-fixture.conf").write_text(fixture)

    check = subprocess.run(nginx_command(root) + ["-t"], capture_output=True, text=True)
    if check.returncode != 0:
        pytest.fail(f"nginx -t failed:\n{check.stderr}")
    (root / "nginx-t.txt").write_text(check.stderr)

    log = root / "nginx.log"
    proxy.process = subprocess.Popen(
        nginx_command(root, " daemon off;"),
        stdout=open(root / "access.log", "wb"),
        stderr=open(log, "wb"),
    )
    for port in (proxy.http_port, proxy.https_port, proxy.status_port, spa_port):
        wait_for_port(port, proxy.process, log)
    return proxy


# --- the API -------------------------------------------------------------------


def pg_env() -> dict[str, str]:
    return dict(
        os.environ,
        PGHOST=os.environ.get("DB_HOST", "127.0.0.1"),
        PGPORT=os.environ.get("DB_PORT", "5432"),
        PGUSER=os.environ.get("DB_USER", "postgres"),
        PGPASSWORD=os.environ.get("DB_PASSWORD", ""),
        PGDATABASE="postgres",
    )


def database_url(name: str) -> str:
    env = pg_env()
    password = f":{env['PGPASSWORD']}" if env["PGPASSWORD"] else ""
    return f"postgres://{env['PGUSER']}{password}@{env['PGHOST']}:{env['PGPORT']}/{name}"


@pytest.fixture(scope="session")
def workdir():
    path = Path(tempfile.mkdtemp(prefix="nginx-tests-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def api(workdir):
    """The real API on a free port; yields its address (host:port)."""
    binary = app_binary()
    db_name = new_name(database_url("postgres"), "nginx")
    prefix = f"nginx-test-{uuid.uuid4().hex[:8]}:"
    port = free_port()
    env = dict(
        os.environ,
        ENVIRONMENT="development",
        LOG_LEVEL="WARNING",
        API_HOST="127.0.0.1",
        API_PORT=str(port),
        DATABASE_URL=database_url(db_name),
        REDIS_KEY_PREFIX=prefix,
        SECRET_KEY=uuid.uuid4().hex + uuid.uuid4().hex,
        # The proxy connects from 127.0.0.1; clients use other loopback addresses.
        TRUSTED_PROXIES="127.0.0.1",
    )
    env.pop("FIRST_SUPERUSER", None)
    log = workdir / "api.log"
    process = None
    try:
        subprocess.run([binary, "migrate", "up"], env=env, check=True, capture_output=True)
        process = subprocess.Popen([binary, "serve"], env=env, stdout=open(log, "wb"),
                                   stderr=subprocess.STDOUT)
        wait_for_port(port, process, log)
        yield f"127.0.0.1:{port}"
    finally:
        stop(process)
        subprocess.run(["psql", "-q", "-c", f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'],
                       env=pg_env(), capture_output=True)
        delete_redis_keys(env.get("REDIS_URL", "redis://127.0.0.1:6379/0"), prefix)


def delete_redis_keys(url: str, prefix: str) -> None:
    if not shutil.which("redis-cli"):
        return
    keys = subprocess.run(["redis-cli", "-u", url, "--scan", "--pattern", f"{prefix}*"],
                          capture_output=True, text=True).stdout.split()
    if keys:
        subprocess.run(["redis-cli", "-u", url, "DEL", *keys], capture_output=True)


@pytest.fixture(scope="session")
def proxy(workdir, api):
    """The project's proxy in front of the real API and the SPA fixture."""
    proxy = start_proxy(workdir / "proxy", api)
    try:
        yield proxy
    finally:
        stop(proxy.process, signal.SIGQUIT)  # graceful shutdown


@pytest.fixture
def spawn(workdir):
    """Starts helper processes on free ports for one test: spawn(name, argv)
    where argv(port) is the command line; returns the port once it listens.
    Each process is stopped (by its pid, SIGTERM) when the test ends."""
    processes: list[subprocess.Popen] = []

    def start(name: str, argv) -> int:
        port = free_port()
        log = workdir / f"{name}-{port}.log"
        process = subprocess.Popen(argv(port), stdout=open(log, "wb"), stderr=subprocess.STDOUT)
        processes.append(process)
        wait_for_port(port, process, log)
        return port

    try:
        yield start
    finally:
        for process in processes:
            stop(process)


# --- an upstream that shows what it received -------------------------------------


class EchoHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (http.server's naming)
        body = json.dumps({"path": self.path, "headers": dict(self.headers.items()),
                           "peer_port": self.client_address[1]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def echo_proxy(workdir):
    """The same proxy configuration with an upstream in place of the API that
    answers with the request headers it received."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), EchoHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    proxy = None
    try:
        proxy = start_proxy(workdir / "echo-proxy", f"127.0.0.1:{server.server_address[1]}")
        yield proxy
    finally:
        if proxy is not None:
            stop(proxy.process, signal.SIGQUIT)
        server.shutdown()
        server.server_close()

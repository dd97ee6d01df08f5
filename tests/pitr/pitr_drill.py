"""The point-in-time recovery drill's parts: a PostgreSQL 15 cluster of
the suite's own (archiving set up by scripts/pitr.sh itself), and an
S3-compatible object store over TLS: the moto server from PyPI, behind nginx
terminating TLS with a certificate from a CA of the test's own, so pgBackRest
meets a custom CA and path-style addressing as with a self-hosted store."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.processes import REPO, free_port, start, stop  # noqa: E402
from support.services import pg_bin  # noqa: E402

PITR = REPO / "scripts" / "pitr.sh"
BUCKET = "backups"
KEY = "drill-access-key"
KEY_SECRET = "drill-secret-key"
CIPHER_PASS = "0123456789abcdef0123456789abcdef-drill"


def owner() -> str:
    """Who runs PostgreSQL: postgres when the suite runs as root (CI)."""
    return "postgres" if os.geteuid() == 0 else os.environ.get("USER", "postgres")


def as_owner(command: list) -> list:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def scratch_dir(prefix: str) -> Path:
    # Under /tmp and world-traversable: the postgres user must reach the cluster.
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)
    return path


def make_certificates(directory: Path) -> Path:
    """A CA and a certificate for localhost signed by it; returns the CA file."""
    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=directory, check=True, capture_output=True)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
            "/CN=PITR drill CA", "-keyout", "ca.key", "-out", "ca.crt")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
            "-keyout", "s3.key", "-out", "s3.csr")
    (directory / "san.cnf").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", "s3.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
            "-CAcreateserial", "-days", "2", "-extfile", "san.cnf", "-out", "s3.crt")
    (directory / "ca.crt").chmod(0o644)
    return directory / "ca.crt"


NGINX_CONF = """\
worker_processes 1;
events {{}}
http {{
    access_log {root}/access.log;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    client_max_body_size 0;
    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {root}/s3.crt;
        ssl_certificate_key {root}/s3.key;
        location / {{
            proxy_pass http://127.0.0.1:{moto_port};
            proxy_set_header Host $http_host;
            # The whole request body first: the moto server answers and closes
            # before reading a body, which breaks a keep-alive client.
            proxy_request_buffering on;
        }}
    }}
}}
"""


class ObjectStore:
    """moto's S3 on loopback, reachable only through nginx's TLS port."""

    def __init__(self, root: Path):
        self.root = root
        self.port = free_port()
        self.moto_port = free_port()
        self.ca = make_certificates(root)
        self.processes: list = []

    def start(self) -> None:
        moto = shutil.which("moto_server")
        if moto is None:
            raise RuntimeError("moto_server not found: make test-deps installs moto[server]")
        self.processes.append(start([moto, "-H", "127.0.0.1", "-p", str(self.moto_port)],
                                    self.root / "moto.log", port=self.moto_port))
        (self.root / "nginx.conf").write_text(NGINX_CONF.format(
            root=self.root, port=self.port, moto_port=self.moto_port))
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.processes.append(start(
            [nginx, "-p", self.root, "-e", "stderr", "-c", self.root / "nginx.conf",
             "-g", f"pid {self.root / 'nginx.pid'}; daemon off;"],
            self.root / "nginx.log", port=self.port))
        self.client().create_bucket(Bucket=BUCKET)

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=f"https://localhost:{self.port}",
                            aws_access_key_id=KEY, aws_secret_access_key=KEY_SECRET,
                            region_name="us-east-1", verify=str(self.ca))

    def stop(self) -> None:
        for process in reversed(self.processes):
            stop(process)


class Cluster:
    """A PostgreSQL cluster whose settings live in its postgresql.conf, so that
    scripts/pitr.sh can stop and start it with pg_ctl alone, as on a server."""

    def __init__(self, root: Path):
        self.root = root
        self.data = root / "data"
        self.port = free_port()

    def init(self) -> None:
        shutil.chown(self.root, owner()) if os.geteuid() == 0 else None
        subprocess.run(as_owner([pg_bin("initdb"), "-D", str(self.data), "-A", "trust",
                                 "-U", "postgres", "--no-sync"]), check=True, capture_output=True)
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(f"port = {self.port}\nlisten_addresses = ''\n"
                       f"unix_socket_directories = '{self.root}'\n")

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(as_owner([pg_bin("pg_ctl"), "-D", str(self.data), "-l",
                                 str(self.root / "postgres.log"), "-w", *args]),
                       check=True, capture_output=True)

    def sql(self, query: str, database: str = "app") -> str:
        result = subprocess.run(
            ["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-h", str(self.root), "-p", str(self.port),
             "-U", "postgres", "-d", database, "-c", query],
            capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"psql: {result.stderr}")
        return result.stdout.strip()

    def running(self) -> bool:
        return subprocess.run(["pg_isready", "-q", "-h", str(self.root), "-p", str(self.port)]
                              ).returncode == 0


class Drill:
    """One cluster archiving to one repository, and scripts/pitr.sh to drive them."""

    def __init__(self, root: Path, store: ObjectStore, cluster: Cluster):
        self.root = root
        self.store = store
        self.cluster = cluster
        self.env = {
            key: value for key, value in os.environ.items()
            if not key.startswith(("DB_", "PITR_", "DATABASE_URL", "PG"))
        }
        self.env.update(
            BACKUP_ENV_FILE="/nonexistent",
            DB_HOST=str(cluster.root), DB_PORT=str(cluster.port), DB_USER="postgres",
            DB_NAME="app",
            PITR_CONFIG=str(root / "pgbackrest" / "pgbackrest.conf"),
            # Its own stanza: pgBackRest's locks are per stanza, machine-wide.
            PITR_STANZA=root.name.replace("_", "-"),
            PITR_REPO_TYPE="s3",
            PITR_REPO_PATH=f"/{root.name}",
            PITR_S3_BUCKET=BUCKET, PITR_S3_ENDPOINT="localhost", PITR_S3_PORT=str(store.port),
            PITR_S3_REGION="us-east-1", PITR_S3_KEY=KEY, PITR_S3_KEY_SECRET=KEY_SECRET,
            PITR_S3_URI_STYLE="path", PITR_S3_CA_FILE=str(store.ca),
            PITR_CIPHER_PASS=CIPHER_PASS,
            # Set in .env on a real server too: after losing the host there is
            # no server to ask for it.
            PITR_PGDATA=str(cluster.data),
            PITR_PG_LOG=str(cluster.root / "postgres.log"),
            # The API and the worker of a real installation; here, markers.
            PITR_APP_STOP_COMMAND=f"date +%s.%N > {root}/app-stopped",
            PITR_APP_START_COMMAND=f"date +%s.%N > {root}/app-started",
        )

    def pitr(self, *args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess:
        result = subprocess.run([str(PITR), *args], env={**self.env, **env},
                                capture_output=True, text=True, errors="replace",
                                timeout=600)
        if check and result.returncode != 0:
            raise AssertionError(f"pitr.sh {' '.join(args)} failed ({result.returncode}):\n"
                                 f"{result.stderr}")
        return result

    def set_up(self) -> None:
        """make backup-setup as a user runs it: archive_mode needs a restart."""
        first = self.pitr("setup", check=False)
        assert first.returncode == 3, first.stderr
        assert "takes effect when PostgreSQL restarts" in first.stderr
        self.cluster.pg_ctl("restart")
        self.pitr("setup")

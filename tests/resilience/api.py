"""The API as a plain process for the resilience tests: the debug binary on a
free loopback port, with a throw-away database on the machine's PostgreSQL
(TEST_DATABASE_URL) and its own key prefix on the machine's Redis
(TEST_REDIS_URL), both removed afterwards."""

from __future__ import annotations

import os
import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

from support.processes import app_binary, app_environment, free_port, start, stop
from support.scratch_databases import new_name

ADMIN_URL = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PREFIX = "/api/v1"

SUPERUSER = "admin@example.com"
SUPERUSER_PASSWORD = "resilience-test-password"


def psql(url: str, sql: str) -> None:
    subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qc", sql], check=True,
                   capture_output=True, text=True)


def database_url(name: str) -> str:
    parts = urlsplit(ADMIN_URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


def delete_redis_keys(prefix: str) -> None:
    keys = subprocess.run(["redis-cli", "-u", REDIS_URL, "--scan", "--pattern", f"{prefix}*"],
                          check=True, capture_output=True, text=True).stdout.split()
    for start_at in range(0, len(keys), 500):
        subprocess.run(["redis-cli", "-u", REDIS_URL, "DEL", *keys[start_at:start_at + 500]],
                       check=True, capture_output=True)


@dataclass
class Api:
    root: Path
    port: int
    database: str
    redis_prefix: str
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.root / "api.log"

    def env(self, extra: dict[str, str]) -> dict[str, str]:
        return app_environment(
            ENVIRONMENT="development",  # /private/users is part of the fuzzed surface
            LOG_LEVEL="WARNING",
            API_HOST="127.0.0.1",
            API_PORT=str(self.port),
            DATABASE_URL=database_url(self.database),
            REDIS_URL=REDIS_URL,
            REDIS_KEY_PREFIX=self.redis_prefix,
            SECRET_KEY=secrets.token_hex(32),
            FIRST_SUPERUSER=SUPERUSER,
            FIRST_SUPERUSER_PASSWORD=SUPERUSER_PASSWORD,
            **extra,
        )

    def start(self, extra_env: dict[str, str]) -> None:
        psql(ADMIN_URL, f'CREATE DATABASE "{self.database}"')
        binary = app_binary()
        env = self.env(extra_env)
        # cwd outside the repository so that no .env file is read.
        subprocess.run([binary, "migrate", "up"], env=env, cwd="/", check=True,
                       capture_output=True)
        self.process = start([binary, "serve"], self.log, env=env, port=self.port)

    def stop(self) -> None:
        stop(self.process)
        psql(ADMIN_URL, f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        delete_redis_keys(self.redis_prefix)

    # --- callers --------------------------------------------------------------------

    def login(self, email: str, password: str) -> str:
        reply = requests.post(f"{self.url}{PREFIX}/login/access-token",
                              data={"username": email, "password": password}, timeout=30)
        reply.raise_for_status()
        return reply.json()["access_token"]

    def create_user(self, *, superuser: bool) -> tuple[str, str]:
        """A new active user (created by the first superuser); its email and password."""
        email = f"fuzz-{secrets.token_hex(6)}@example.com"
        password = secrets.token_urlsafe(16)
        admin = self.login(SUPERUSER, SUPERUSER_PASSWORD)
        reply = requests.post(
            f"{self.url}{PREFIX}/users/", timeout=30,
            headers={"Authorization": f"Bearer {admin}"},
            json={"email": email, "password": password, "is_superuser": superuser,
                  "full_name": "Fuzz Caller"})
        reply.raise_for_status()
        return email, password


def start_api(root: Path, extra_env: dict[str, str]) -> Api:
    api = Api(root, free_port(), new_name(ADMIN_URL, "resilience"),
              f"resilience-{secrets.token_hex(4)}:")
    try:
        api.start(extra_env)
    except BaseException:
        api.stop()
        raise
    return api

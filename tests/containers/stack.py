"""One Compose stack (dev or prod) of the suite's copy of the project, driven
the way a user drives it: with the Make targets, on the suite's engine."""

from __future__ import annotations

import json
import ssl
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from checkout import env_value
from engine import Engine

FILES = {"dev": ["docker-compose.yml", "docker-compose.dev.yml"],
         "prod": ["docker-compose.yml", "docker-compose.prod.yml"]}


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class Stack:
    name: str  # dev | prod
    root: Path
    engine: Engine
    compose_config: Path
    logs: Path
    calls: list[str] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        return self.engine.env(self.compose_config)

    @property
    def project(self) -> str:
        return env_value(self.root, "COMPOSE_PROJECT_NAME")

    def make(self, *args: str, check: bool = True, timeout: float = 3600) -> subprocess.CompletedProcess:
        """Runs `make ARGS` in the copy; the output goes to a log file too."""
        log = self.logs / f"{len(self.calls):02d}-make-{'-'.join(args)[:60].replace('/', '_')}.log"
        self.calls.append(" ".join(args))
        result = subprocess.run(["make", "--no-print-directory", *args], cwd=self.root, env=self.env,
                                capture_output=True, text=True, timeout=timeout)
        log.write_text(f"$ make {' '.join(args)}\n{result.stdout}\n--- stderr\n{result.stderr}")
        if check and result.returncode != 0:
            raise AssertionError(f"make {' '.join(args)} failed ({result.returncode}); log {log}:\n"
                                 f"{(result.stdout + result.stderr)[-4000:]}")
        return result

    def compose(self, *args: str, check: bool = True, input: str | None = None) -> subprocess.CompletedProcess:
        files = [part for name in FILES[self.name] for part in ("-f", name)]
        return self.docker("compose", *files, *args, check=check, input=input)

    def docker(self, *args: str, check: bool = True, input: str | None = None) -> subprocess.CompletedProcess:
        """The docker CLI on the suite's engine, in the copy (Compose finds its .env there)."""
        result = subprocess.run(["docker", *args], cwd=self.root, env=self.env, input=input,
                                capture_output=True, text=True, timeout=600)
        if check and result.returncode != 0:
            raise AssertionError(f"docker {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result

    def containers(self) -> list[dict]:
        """Every container of the stack (running or not), as `docker compose ps` reports it."""
        out = self.compose("ps", "-a", "--format", "json").stdout.strip()
        if out.startswith("["):  # Compose before 2.21 printed one array
            return json.loads(out)
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def inspect(self, container: str) -> dict:
        return json.loads(self.docker("inspect", container).stdout)[0]

    def project_resources(self) -> dict[str, list[str]]:
        """What the engine still holds of this project: containers, networks, volumes."""
        label = f"label=com.docker.compose.project={self.project}"
        return {
            "containers": self.docker("ps", "-aq", "--filter", label).stdout.split(),
            "networks": self.docker("network", "ls", "-q", "--filter", label).stdout.split(),
            "volumes": self.docker("volume", "ls", "-q", "--filter", label).stdout.split(),
        }

    def remove_images(self) -> None:
        """Untags the images built for this project (their layers stay cached)."""
        tags = self.docker("images", "--format", "{{.Repository}}:{{.Tag}}").stdout.split()
        ours = [tag for tag in tags if tag.startswith(f"{self.project}/")]
        if ours:
            self.docker("rmi", *ours, check=False)

    # --- through nginx, over HTTPS, as a browser would

    def https(self, method: str, path: str, *, json_body=None, form=None, token: str | None = None,
              timeout: float = 10) -> Response:
        port = env_value(self.root, "HTTPS_PORT")
        headers = {"Accept": "application/json"}
        data = None
        if json_body is not None:
            data, headers["Content-Type"] = json.dumps(json_body).encode(), "application/json"
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(f"https://localhost:{port}{path}", data=data, method=method,
                                         headers=headers)
        context = ssl.create_default_context(cafile=str(self.root / "nginx/ssl/fullchain.pem"))
        try:
            with urllib.request.urlopen(request, timeout=timeout, context=context) as reply:
                return Response(reply.status, dict(reply.headers), reply.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers), error.read())

    def login(self, email: str, password: str) -> str:
        reply = self.https("POST", "/api/v1/login/access-token", form={"username": email, "password": password})
        assert reply.status == 200, (reply.status, reply.body[:300])
        return reply.json()["access_token"]

    def psql(self, sql: str) -> str:
        """Runs SQL in the db container as the stack's database user."""
        return self.compose("exec", "-T", "db", "sh", "-c",
                            'psql -qAt -U "$POSTGRES_USER" -d "$POSTGRES_DB" -v ON_ERROR_STOP=1',
                            input=sql).stdout.strip()


def wait_until(condition, timeout: float, what: str, interval: float = 1.0):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = condition()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"{what}: not within {timeout:.0f} s (last: {last!r})")

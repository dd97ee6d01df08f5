#!/usr/bin/env python3
"""A stand-in for the `docker` CLI in the deploy and `make health` tests.

No image can be pulled or run here, so only docker itself is faked: the deploy
script's remote part and `make health` (scripts/health.sh) run for real. This
program records each call (argv, IMAGE_TAG and the image names Compose would
see) as a JSON line in $FAKE_DOCKER_DIR/calls.jsonl and behaves as
$FAKE_DOCKER_DIR/scenario.json says:

    {"engine": false,                 # `docker info` fails: no reachable engine
     "fail": ["backup" | "pull" | "migrate" | "reload" | "ps"],
     "up_fails_for": [tag, ...],      # `compose up` exits 1 with these IMAGE_TAGs
     "unhealthy_for": [tag, ...],     # `compose ps` reports backend unhealthy
     "containers": [[service, state, exit code, health], ...]}  # what `ps` lists

Without "containers", `ps` lists the whole stack, healthy (backend unhealthy
when the running tag is in "unhealthy_for"), once a tag runs. The tag the
"stack" runs (state.json) is the IMAGE_TAG of the last successful `compose up`,
or the scenario's "running" at the start.
"""

import json
import os
import sys
from pathlib import Path

STATE_DIR = Path(os.environ["FAKE_DOCKER_DIR"])
SERVICES = ["db", "redis", "backend", "worker", "frontend", "nginx", "prometheus"]
PS_FORMAT = "{{.Service}} {{.State}} {{.ExitCode}} {{.Health}}"  # scripts/health.sh's
BACKUP = "/backups/backup_20250101_020000.dump"


def load(name: str, default: dict) -> dict:
    path = STATE_DIR / name
    return json.loads(path.read_text()) if path.exists() else default


def fail(message: str) -> None:
    print(message, file=sys.stderr)
    sys.exit(1)


def containers(scenario: dict, state: dict) -> list[list]:
    if "containers" in scenario:
        return scenario["containers"]
    if state.get("running") is None:
        return []
    unhealthy = state["running"] in scenario.get("unhealthy_for", [])
    return [["migrate", "exited", 0, ""]] + [
        [service, "running", 0, "unhealthy" if unhealthy and service == "backend" else "healthy"]
        for service in SERVICES
    ]


def compose(args: list[str], scenario: dict, state: dict) -> None:
    while args[:1] == ["-f"]:
        args = args[2:]
    command, rest = args[0], args[1:]
    tag = os.environ.get("IMAGE_TAG", "latest")
    failing = set(scenario.get("fail", []))
    if command == "version":
        print("Docker Compose version v2.29.7 (fake)")
    elif command == "pull":
        if "pull" in failing:
            fail(f"Error response from daemon: manifest for backend:{tag} not found")
    elif command == "run" and rest[-2:] == ["backup", "/scripts/backup.sh"]:
        if "backup" in failing:
            fail("error: backup failed; earlier backups are untouched")
        print(BACKUP)
    elif command == "run" and rest[-1:] == ["migrate"]:
        if "migrate" in failing:
            fail("Error: applying migrations")
        print("Database is at migration 3")
    elif command == "up":
        if tag in scenario.get("up_fails_for", []):
            fail(f"dependency failed to start: container backend-{tag} exited (1)")
        state["running"] = tag
        (STATE_DIR / "state.json").write_text(json.dumps(state))
    elif command == "ps":
        if rest != ["-a", "--format", PS_FORMAT]:
            fail(f"fake docker: unexpected ps arguments {rest}")
        if "ps" in failing:
            fail('required variable POSTGRES_PASSWORD is missing a value')
        for service, status, code, health in containers(scenario, state):
            print(f"{service} {status} {code} {health}")
    elif command == "exec" and rest == ["-T", "nginx", "nginx", "-s", "reload"]:
        if "reload" in failing:
            fail("nginx: [emerg] host not found in upstream")
    else:
        fail(f"fake docker: unexpected compose command {args}")


def main() -> None:
    scenario = load("scenario.json", {})
    state = load("state.json", {"running": scenario.get("running")})
    with open(STATE_DIR / "calls.jsonl", "a") as calls:
        calls.write(json.dumps({
            "argv": sys.argv[1:],
            "IMAGE_TAG": os.environ.get("IMAGE_TAG"),
            "BACKEND_IMAGE": os.environ.get("BACKEND_IMAGE"),
            "cwd": os.getcwd(),
        }) + "\n")
    if sys.argv[1:] == ["info"]:
        if not scenario.get("engine", True):
            fail("Cannot connect to the Docker daemon at unix:///var/run/docker.sock.")
        print("Server Version: 27.3.1 (fake)")
    elif sys.argv[1:2] == ["compose"]:
        compose(sys.argv[2:], scenario, state)
    else:
        fail(f"fake docker: unexpected command {sys.argv[1:]}")


if __name__ == "__main__":
    main()

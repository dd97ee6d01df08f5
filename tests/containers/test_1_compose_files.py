"""The Compose files and the Dockerfiles, checked with the engine and the
Compose versions the suite runs (each of these once stopped `make setup`)."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

import pytest

from checkout import REPO, copy_checkout, env_value
from conftest import DEV_COMPOSE, PROD_COMPOSE
from engine import compose_plugin
from stack import FILES

DOCKERFILES = [REPO / "backend/Dockerfile", REPO / "frontend/Dockerfile"]


def merged_config(root: Path, engine, version: str, stack: str) -> dict:
    files = [part for name in FILES[stack] for part in ("-f", name)]
    result = subprocess.run(["docker", "compose", *files, "config", "--format", "json"], cwd=root,
                            env=engine.env(compose_plugin(version)), capture_output=True, text=True)
    assert result.returncode == 0, f"Compose {version}: {result.stderr[-2000:]}"
    return json.loads(result.stdout)


def test_a_fresh_env_is_enough_for_the_dev_stack(engine, images, report):
    """make init's .env passes the dev stack's check; the prod stack's names ALERT_WEBHOOK_URL"""
    root = copy_checkout(Path(tempfile.mkdtemp(prefix="container-suite-env-")) / "app")
    env = engine.env(compose_plugin(PROD_COMPOSE))
    subprocess.run(["make", "--no-print-directory", "init"], cwd=root, env=env, check=True, capture_output=True)
    run = lambda target: subprocess.run(["make", "--no-print-directory", target], cwd=root, env=env,  # noqa: E731
                                        capture_output=True, text=True)
    dev, prod = run("docker-env-dev"), run("docker-env-prod")
    assert dev.returncode == 0, dev.stdout + dev.stderr
    assert prod.returncode != 0
    assert "ALERT_WEBHOOK_URL" in prod.stderr, prod.stderr
    report.add("dev check", "exit 0")
    report.add("prod check", f"exit {prod.returncode}, names ALERT_WEBHOOK_URL")


@pytest.mark.parametrize("version", [DEV_COMPOSE, PROD_COMPOSE])
def test_up_wait_can_wait_for_every_service(checkout, engine, version, report):
    """No service `up --wait` waits for has its health check disabled (Compose fails on one)"""
    for stack in FILES:
        services = merged_config(checkout, engine, version, stack)["services"]
        one_shots = {name for service in services.values()
                     for name, dependency in (service.get("depends_on") or {}).items()
                     if dependency.get("condition") == "service_completed_successfully"}
        disabled = {name for name, service in services.items()
                    if (service.get("healthcheck") or {}).get("disable") and name not in one_shots}
        assert not disabled, f"Compose {version}, {stack}: `up --wait` fails on {sorted(disabled)}"
    report.add("compose", version)


def test_the_dockerfiles_build_with_buildkit_and_no_registry(engine, images, checkout, report):
    """BuildKit builds the Dockerfiles with no registry reachable: no `# syntax=` frontend to fetch"""
    for dockerfile in DOCKERFILES:
        first = dockerfile.read_text().splitlines()[0]
        assert not first.lower().startswith("# syntax="), f"{dockerfile}: {first}"
    # Debian's docker.io CLI (20.10) has BuildKit built in; newer CLIs need buildx.
    result = subprocess.run(["/usr/bin/docker", "build", "--target", "deps", "-q", "frontend"], cwd=checkout,
                            env={**engine.env(compose_plugin(PROD_COMPOSE)), "DOCKER_BUILDKIT": "1"},
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    report.add("BuildKit build of frontend/Dockerfile (target deps)", "ok, no registry")


@pytest.mark.parametrize("version", [DEV_COMPOSE, PROD_COMPOSE])
def test_the_dev_frontend_can_write_and_the_prod_one_cannot(checkout, engine, version, report):
    """The dev SPA server may write (Vite's caches); the prod one is read-only, with each Compose"""
    dev = merged_config(checkout, engine, version, "dev")["services"]["frontend"]
    prod = merged_config(checkout, engine, version, "prod")["services"]["frontend"]
    assert not dev.get("read_only"), f"Compose {version} merges the dev frontend as read-only"
    assert prod.get("read_only") is True
    report.add("compose", version)


def test_each_checkout_has_its_own_project_name(checkout, report):
    """make init names the Compose project after the checkout's folder and path"""
    name = env_value(checkout, "COMPOSE_PROJECT_NAME")
    assert name.startswith("app-") and len(name) == len("app-") + 8, name
    assert env_value(checkout, "BACKEND_IMAGE") == f"{name}/backend"
    report.add("project", name)

"""The development stack (docker-compose.yml + docker-compose.dev.yml), brought
up with `make setup` under Compose 2.22, the oldest version supported."""

from __future__ import annotations

import json
import time
import urllib.request

from checkout import env_value
from stack import wait_until


def test_make_setup_brings_the_dev_stack_up_healthy(dev, report):
    """make setup: build, `up --wait` (every service healthy), migrate, first superuser"""
    started = time.monotonic()
    result = dev.make("setup")
    for container in dev.containers():
        if container["Service"] == "migrate":
            assert container["State"] == "exited" and container.get("ExitCode", 0) == 0
        else:
            assert container["State"] == "running", container
            assert container.get("Health", "") in ("healthy", ""), container
    assert "Superuser:" in result.stdout
    report.add("services", len(dev.containers()))
    report.add("make setup", f"{time.monotonic() - started:.0f} s")


def test_vite_dev_server_runs(dev, report):
    """The SPA's dev server (Vite, writable container) answers on FRONTEND_PORT"""
    port = env_value(dev.root, "FRONTEND_PORT")
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as reply:
        body = reply.read()
    assert reply.status == 200 and b"/@vite/client" in body, body[:300]
    report.add("GET /", f"{reply.status} from Vite")


def mailpit_messages(dev) -> list[dict]:
    port = env_value(dev.root, "MAILPIT_UI_PORT")
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/messages", timeout=5) as reply:
        return json.loads(reply.read())["messages"]


def test_password_recovery_email_is_delivered_by_the_worker(dev, report):
    """A password recovery through nginx: the worker container delivers the email to the mail catcher"""
    superuser = env_value(dev.root, "FIRST_SUPERUSER")
    reply = dev.https("POST", f"/api/v1/password-recovery/{superuser}")
    assert reply.status == 200, (reply.status, reply.body[:300])
    started = time.monotonic()

    def delivered():
        return [m for m in mailpit_messages(dev) if any(to["Address"] == superuser for to in m["To"])]

    messages = wait_until(delivered, 120, f"an email to {superuser} in the mail catcher", interval=2)
    port = env_value(dev.root, "MAILPIT_UI_PORT")
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/message/{messages[0]['ID']}") as full:
        message = json.loads(full.read())
    assert "reset-password?token=" in message["HTML"] + message["Text"], message["Subject"]
    report.add("subject", message["Subject"])
    report.add("delivered after", f"{time.monotonic() - started:.1f} s")


def test_make_clean_leaves_nothing_of_the_project(dev, report):
    """make clean leaves no container, network or volume of the project"""
    dev.make("clean", "CONFIRM=yes")
    left = dev.project_resources()
    assert left == {"containers": [], "networks": [], "volumes": []}, left
    report.add("left", "0 containers, 0 networks, 0 volumes")

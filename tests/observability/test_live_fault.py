"""The fault test: PostgreSQL stops while traffic runs. Prometheus, evaluating
the project's own alert_rules.yml, takes HighErrorRate from pending to firing
after the rule's `for: 5m`, and Alertmanager delivers it to the webhook
receiver. The API logs each failure with its cause chain and request id.

It takes about six minutes (the rule's `for`), so it runs after test_live.py.
"""

from __future__ import annotations

import json
import time
from datetime import datetime

import pytest
import yaml

from stack import PROMETHEUS_DIR, Stack

pytestmark = pytest.mark.usefixtures("traffic")

ALERT = "HighErrorRate"


def rule_for_seconds(name: str) -> float:
    rules = yaml.safe_load((PROMETHEUS_DIR / "alert_rules.yml").read_text())
    for group in rules["groups"]:
        for rule in group["rules"]:
            if rule.get("alert") == name:
                value = rule["for"]
                assert value.endswith("m"), value
                return float(value[:-1]) * 60
    raise AssertionError(f"no rule {name}")


def states(stack: Stack) -> list[dict]:
    return [alert for alert in stack.alerts_api() if alert["labels"]["alertname"] == ALERT]


def wait_for_state(stack: Stack, state: str, timeout: float) -> tuple[float, list[dict]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alerts = [alert for alert in states(stack) if alert["state"] == state]
        if alerts:
            return time.time(), alerts
        time.sleep(1)
    raise AssertionError(f"{ALERT} not {state} after {timeout}s: {states(stack)}")


def active_at(alert: dict) -> float:
    """activeAt ("2026-01-02T03:04:05.123456789Z"), to the second."""
    whole_seconds = alert["activeAt"].split(".")[0].rstrip("Z")
    return datetime.fromisoformat(whole_seconds + "+00:00").timestamp()


def test_high_error_rate_goes_pending_then_firing_when_postgres_stops(stack: Stack, traffic):
    assert not states(stack), f"{ALERT} active before the fault: {states(stack)}"
    hold = rule_for_seconds(ALERT)
    before = dict(traffic.statuses)
    stack.postgres.stop()
    try:
        pending_seen, pending = wait_for_state(stack, "pending", timeout=180)
        firing_seen, firing = wait_for_state(stack, "firing", timeout=hold + 120)
        notified = None
        deadline = time.monotonic() + 120
        while not notified and time.monotonic() < deadline:
            notified = stack.alerts.firing(ALERT)
            time.sleep(1)
    finally:
        stack.postgres.start()

    started = min(active_at(alert) for alert in pending)
    print(f"\n{ALERT}: pending at {pending_seen - started:.0f}s after it became active, "
          f"firing {firing_seen - started:.0f}s after (rule: for {hold:.0f}s); "
          f"firing series: {[alert['labels'].get('path') for alert in firing]}")
    assert firing_seen - started >= hold - 2, "fired before the rule's `for` elapsed"
    assert all(alert["labels"]["status"].startswith("5") for alert in firing)
    assert notified, "Alertmanager did not deliver the firing alert to the webhook"
    assert notified[0]["labels"]["severity"] == "critical"
    failures = sum(count for status, count in traffic.statuses.items()
                   if status >= 500) - sum(count for status, count in before.items()
                                            if status >= 500)
    assert failures > 0


def test_failures_are_logged_with_cause_chain_and_request_id(stack: Stack):
    lines = [json.loads(line) for line in stack.log("api").read_text().splitlines() if line]
    failed = [line for line in lines if line.get("message") == "request failed"]
    assert failed, "no 'request failed' line while PostgreSQL was down"
    for line in failed:
        assert line["level"] == "ERROR"
        assert line["span"]["request_id"], line
        assert line["status"] >= 500, line
    # Queries on pooled connections that PostgreSQL's shutdown ended: sqlx's
    # error, then its cause (anyhow's "{:#}" joins the chain with ": ").
    chains = [line["error"] for line in failed
              if line["error"].startswith("error returned from database: ")
              and "terminating connection" in line["error"]]
    assert chains, [line["error"] for line in failed]
    # While PostgreSQL is down, requests fail fast (backend/src/db/health.rs)
    # and say why: the probe's connect error.
    assert any(line["error"].startswith("database unreachable for ")
               and "error communicating with database" in line["error"]
               for line in failed), [line["error"] for line in failed]

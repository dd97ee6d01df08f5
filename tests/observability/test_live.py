"""The real stack under traffic, watched by the real Prometheus (see stack.py):
every target is scraped, both /metrics pass promtool's lint, every panel
query of every dashboard runs, and the logs say who did what, from where,
under which request id.

Set OBSERVABILITY_REPORT=FILE to write the per-query table there.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.request

import pytest
import yaml

from dashboards import load_dashboards, needs_data, panel_queries
from stack import NOT_NATIVE, PROMETHEUS_DIR, Stack, tool
from traffic import USER_PASSWORD

pytestmark = pytest.mark.usefixtures("traffic")


def eventually(check, timeout: float = 60, interval: float = 1):
    """Calls check() until it returns a true value; returns the last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


def test_every_job_of_prometheus_yml_is_scraped(stack: Stack):
    config = yaml.safe_load((PROMETHEUS_DIR / "prometheus.yml").read_text())
    expected = {job["job_name"] for job in config["scrape_configs"]} - set(NOT_NATIVE)

    def healthy():
        targets = stack.targets()
        return {t["labels"]["job"] for t in targets if t["health"] == "up"} == expected and targets

    targets = eventually(healthy, timeout=30)
    assert targets, [(t["labels"]["job"], t["health"], t["lastError"]) for t in stack.targets()]
    assert len(targets) == len(expected)


@pytest.mark.parametrize("name", ["api", "worker"])
def test_metrics_pass_promtool_lint(stack: Stack, name: str):
    with urllib.request.urlopen(stack.url(name, "/metrics"), timeout=10) as response:
        text = response.read()
    check = subprocess.run([tool("promtool"), "check", "metrics"], input=text,
                           capture_output=True)
    assert check.returncode == 0 and not check.stdout and not check.stderr, (
        check.stdout.decode() + check.stderr.decode())
    for metric in (b"process_cpu_seconds_total", b"process_resident_memory_bytes",
                   b"process_open_fds", b"db_pool_connections", b"app_build_info"):
        assert metric in text, metric


def run_query(stack: Stack, expr: str) -> tuple[str, int]:
    """(status, number of series or samples) of an instant query."""
    try:
        answer = stack.query(expr)
    except urllib.error.HTTPError as err:  # 400: a parse error
        return f"error: {json.loads(err.read()).get('error')}", 0
    result = answer["data"]["result"]
    return answer["status"], len(result) if isinstance(result, list) else 1


def test_every_dashboard_query_parses_and_application_queries_return_data(stack: Stack):
    # Long enough for the 1m rate windows to hold the warm-up's events.
    time.sleep(10)
    rows, problems = [], []
    for dashboard in load_dashboards():
        for query in panel_queries(dashboard):
            expr = query.expr_for_prometheus
            must_have_data = needs_data(query)

            def answered():
                status, count = run_query(stack, expr)
                done = status != "success" or count > 0 or not must_have_data
                return (status, count) if done else None

            status, count = eventually(answered, timeout=30) or run_query(stack, expr)
            ok = status == "success" and (count > 0 or not must_have_data)
            rows.append(f"{'ok  ' if ok else 'FAIL'} {dashboard['title']} / {query.panel_title}"
                        f" [{query.ref_id}]: {count} series"
                        f"{'' if must_have_data else ' (cAdvisor: not run natively)'}")
            if not ok:
                problems.append(f"{dashboard['title']} / {query.panel_title}: {status}, "
                                f"{count} series: {expr}")
    report = "\n".join(rows)
    if os.environ.get("OBSERVABILITY_REPORT"):
        with open(os.environ["OBSERVABILITY_REPORT"], "w") as out:
            out.write(report + "\n")
    print("\n" + report)
    assert len(rows) > 40, report
    assert not problems, "\n".join(problems)


def log_lines(stack: Stack, name: str) -> list[dict]:
    return [json.loads(line) for line in stack.log(name).read_text().splitlines() if line]


def test_login_is_logged_with_user_id_client_ip_and_request_id(stack: Stack, traffic):
    user = traffic.users[-1]  # users[0] is the login rate limit's victim
    reply = stack.client("127.0.0.7").login(user.email, USER_PASSWORD)
    assert reply.status == 200
    request_id = reply.headers["x-request-id"]

    def logged():
        return [line for line in log_lines(stack, "api")
                if line.get("message") == "user logged in"
                and line.get("span", {}).get("request_id") == request_id]

    lines = eventually(logged, timeout=10, interval=0.2)
    assert len(lines) == 1, request_id
    assert lines[0]["user_id"] == user.id
    assert lines[0]["client_ip"] == "127.0.0.7"  # the client, not nginx


def test_every_api_log_line_is_json_and_request_lines_carry_the_request_id(stack: Stack):
    lines = log_lines(stack, "api")  # raises if any line is not JSON
    in_requests = [line for line in lines if "span" in line]
    assert len(in_requests) > 100
    assert all(line["span"].get("request_id") for line in in_requests)
    # Outside requests: start-up and shutdown only.
    outside = {line["message"] for line in lines if "span" not in line}
    assert "request finished" not in outside, outside

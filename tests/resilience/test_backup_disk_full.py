"""The backup disk fills up while the live database is backed up under traffic.

The backup directory is a tmpfs sized for one backup and a half: the first
backup fits, the second cannot. Expected (scripts/backup.sh): the second
fails with a clear "disk full" error and a non-zero status, leaves no partial
file, and the first backup stays intact (its tag verifies and it restores
with scripts/restore.sh); the API's traffic does not notice.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import subprocess
from pathlib import Path

import pytest

from load import Load, make_clients, reads_and_writes
from stack import Stack
from support.processes import REPO

PAGE = 4096
SIGNING_KEY = secrets.token_hex(32)


def script_env(directory: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DB_", "PG", "BACKUP_")) and k != "DATABASE_URL"}
    env.update(BACKUP_DIR=str(directory), BACKUP_ENV_FILE="/nonexistent/.env",
               BACKUP_SIGNING_KEY=SIGNING_KEY, DATABASE_URL=database_url)
    return env


def run_backup(stack: Stack, directory: Path) -> subprocess.CompletedProcess:
    return subprocess.run([REPO / "scripts" / "backup.sh"], env=script_env(directory, stack.postgres.url("app")),
                          cwd=REPO, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)


def tag_holds(backup: Path) -> bool:
    """The backup's .hmac is HMAC-SHA256 of its name and bytes under the key (scripts/lib/backup-signing.sh)."""
    expected = hmac.new(SIGNING_KEY.encode(), backup.name.encode() + b"\n" + backup.read_bytes(),
                        hashlib.sha256).hexdigest()
    return Path(f"{backup}.hmac").read_text().split()[0] == expected


def mount_tmpfs(directory: Path, size: int) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                              str(directory)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")


def restores(stack: Stack, backup: Path) -> int:
    """Restores `backup` into a scratch database with scripts/restore.sh (which verifies
    its tag and reads it whole first); returns its number of items."""
    admin = stack.postgres.url("postgres")
    subprocess.run(["psql", admin, "-qc", "CREATE DATABASE restored"], check=True,
                   capture_output=True)
    try:
        restored = stack.postgres.url("restored")
        subprocess.run([REPO / "scripts" / "restore.sh", str(backup)], env=script_env(backup.parent, restored),
                       cwd=REPO, stdin=subprocess.DEVNULL, check=True, capture_output=True)
        count = subprocess.run(["psql", restored, "-tAc", "SELECT count(*) FROM items"],
                               check=True, capture_output=True, text=True).stdout
        return int(count)
    finally:
        subprocess.run(["psql", admin, "-qc", "DROP DATABASE restored WITH (FORCE)"],
                       check=True, capture_output=True)


def test_backup_disk_full(stack: Stack, tmp_path: Path, report):
    """Backup disk full while the live database is backed up under traffic"""
    # Enough rows for a backup of several pages, so "one and a half" is exact enough.
    subprocess.run(["psql", stack.postgres.url("app"), "-qc",
                    "INSERT INTO items (title, description, owner_id) "
                    "SELECT 'bulk ' || i, md5(random()::text) || md5(random()::text), "
                    "(SELECT id FROM users LIMIT 1) FROM generate_series(1, 20000) i"],
                   check=True, capture_output=True)
    probe = tmp_path / "probe"
    probe.mkdir()
    sizing = run_backup(stack, probe)
    assert sizing.returncode == 0, sizing.stderr
    first_size = sum(path.stat().st_size for path in probe.iterdir())
    disk = (first_size * 3 // 2 // PAGE + 2) * PAGE

    target = tmp_path / "backups"
    target.mkdir()
    mount_tmpfs(target, disk)
    try:
        with Load(stack, make_clients(stack, 3), rate_per_client=5,
                  mix=reads_and_writes) as load:
            first = run_backup(stack, target)
            assert first.returncode == 0, first.stderr
            earlier = Path(first.stdout.strip().splitlines()[-1])
            before = sorted(path.name for path in target.iterdir())
            second = run_backup(stack, target)
        after = sorted(path.name for path in target.iterdir())
        tag_ok = tag_holds(earlier)
        items = restores(stack, earlier)
    finally:
        subprocess.run(["umount", str(target)], check=False)

    error = " ".join(line.strip() for line in second.stderr.splitlines()
                     if "disk full" in line or "No space" in line or "untouched" in line)
    report.add("first backup", f"{first_size // 1024} KiB, on a {disk // 1024} KiB disk")
    report.add("second backup", f"exit {second.returncode}: {error!r}")
    report.add("earlier backup", f"tag {'OK' if tag_ok else 'BAD'}, "
                                 f"restores with {items} items")
    report.add("traffic during the backups",
               f"{len(Load.failed(load.answers))} failed of {len(load.answers)}")

    assert second.returncode != 0
    assert "disk full" in second.stderr and "No space left on device" in second.stderr
    assert "earlier backups are untouched" in second.stderr
    assert after == before, "a partial file was left behind or an earlier backup changed"
    assert tag_ok, "the earlier backup's tag no longer verifies"
    assert items >= 20000
    assert load.answers and not Load.failed(load.answers), Load.failed(load.answers)[:5]

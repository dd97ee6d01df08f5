"""The restore drill: continuous archiving to an encrypted S3 repository, a
restore to a moment before a mistake, and a restore after losing the host,
measuring how much committed data a crash loses and how long a restore takes.

The two tests run in order on one cluster and one repository (the module's
`drill`), as an operator's day would."""

from __future__ import annotations

import re
import shutil
import time


# How long the writer commits after the last backup before the host is lost:
# longer than archive_timeout (60 s, set by make backup-setup), so that the
# loss measured is the steady state, not a run shorter than one WAL switch.
WRITER_SECONDS = 70

TABLES = ("accounts", "events")


def checksums(cluster) -> dict:
    """Each table's rows in key order, hashed: equal checksums, equal contents."""
    return {
        table: cluster.sql(
            f"SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, ',' ORDER BY id), '')) "
            f"FROM {table} t")
        for table in TABLES
    }


def write_batch(cluster, batch: str, rows: int = 200) -> None:
    cluster.sql(f"INSERT INTO accounts (name, balance) "
                f"SELECT '{batch}-' || i, i FROM generate_series(1, {rows}) i; "
                f"INSERT INTO events (batch) SELECT '{batch}' FROM generate_series(1, {rows});")


def restore_seconds(stderr: str) -> float:
    found = re.search(r"restore complete in ([0-9.]+)s", stderr)
    assert found, stderr
    return float(found.group(1))


def test_restore_to_a_moment_before_a_mistake(drill, measured):
    """Rows before T are all there, rows after T are not, the dropped table is back."""
    cluster = drill.cluster
    cluster.sql("CREATE TABLE accounts (id serial PRIMARY KEY, name text NOT NULL, balance int); "
                "CREATE TABLE events (id serial PRIMARY KEY, batch text NOT NULL, "
                "at timestamptz NOT NULL DEFAULT clock_timestamp())")
    write_batch(cluster, "before-backup")
    drill.pitr("backup", "full")
    write_batch(cluster, "before-t")
    at_target = checksums(cluster)
    target = cluster.sql("SELECT now()")
    # Everything below commits strictly after T.
    time.sleep(1.1)
    write_batch(cluster, "after-t")
    cluster.sql("UPDATE accounts SET balance = balance + 1000")
    cluster.sql("DROP TABLE events")

    result = drill.pitr("restore", "--target-time", target)

    assert checksums(cluster) == at_target
    assert cluster.sql("SELECT count(*) FROM events WHERE batch = 'after-t'") == "0"
    assert cluster.sql("SELECT pg_is_in_recovery()") == "f"
    # The API and the worker were stopped first and started after.
    stopped = float((drill.root / "app-stopped").read_text())
    started = float((drill.root / "app-started").read_text())
    assert stopped < started
    seconds = restore_seconds(result.stderr)
    measured.append(f"restored to T from S3 in {seconds:.1f}s, every table's checksum as at T")


def test_restore_after_losing_the_host(drill, measured):
    """A backup, then a steady stream of commits, then the data directory is
    gone (pg_wal with it): the latest restore keeps everything committed
    before the backup ended, and what it loses after is a measured window."""
    cluster = drill.cluster
    write_batch(cluster, "before-second-backup")
    drill.pitr("backup")
    before_backup_end = checksums(cluster)
    cluster.sql("CREATE TABLE ticks (id serial PRIMARY KEY, "
                "at timestamptz NOT NULL DEFAULT clock_timestamp())")

    deadline = time.monotonic() + WRITER_SECONDS
    while time.monotonic() < deadline:
        cluster.sql("INSERT INTO ticks DEFAULT VALUES")
        time.sleep(0.05)
    last_id, last_at = cluster.sql("SELECT max(id) || '|' || max(at) FROM ticks").split("|")
    cluster.pg_ctl("-m", "immediate", "stop")
    shutil.rmtree(cluster.data)

    # Not the cluster the repository was made from (there is none): the flag.
    refused = drill.pitr("restore", check=False)
    assert refused.returncode != 0
    assert "--other-cluster" in refused.stderr
    result = drill.pitr("restore", "--other-cluster")

    assert checksums(cluster) == before_backup_end
    kept = int(cluster.sql("SELECT count(*) FROM ticks"))
    kept_id = int(cluster.sql("SELECT coalesce(max(id), 0) FROM ticks"))
    # What survives is exactly a prefix of what was committed: no holes.
    assert kept == kept_id
    lost_seconds = float(cluster.sql(
        f"SELECT extract(epoch FROM '{last_at}'::timestamptz - "
        f"coalesce(max(at), (SELECT min(at) FROM ticks), '{last_at}'::timestamptz)) FROM ticks"))
    # archive_timeout is 60 s: no more than that (and the push) can be lost.
    assert lost_seconds <= 65, lost_seconds
    seconds = restore_seconds(result.stderr)
    measured.append(f"host lost after {WRITER_SECONDS}s of commits: {int(last_id) - kept} of "
                    f"{last_id} rows lost, the last {lost_seconds:.1f}s (recovery point); latest "
                    f"restore from S3 in {seconds:.1f}s")

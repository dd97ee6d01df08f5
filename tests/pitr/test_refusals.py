"""What scripts/pitr.sh refuses, and that a refused restore changes nothing:
the server keeps running (same start time), every table keeps its checksum,
and the app is never stopped."""

from __future__ import annotations

import socket
import subprocess

import pytest
from pitr_drill import BUCKET, REPO, Cluster, owner

TABLES = ("notes",)


@pytest.fixture(scope="module")
def backed_up(drill):
    drill.cluster.sql("CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL); "
                      "INSERT INTO notes (body) SELECT 'note ' || i FROM generate_series(1, 500) i")
    drill.pitr("backup", "full")
    return drill


def state(cluster) -> tuple:
    return (cluster.sql("SELECT pg_postmaster_start_time()"),
            cluster.sql("SELECT count(*) || md5(string_agg(n::text, ',' ORDER BY id)) FROM notes n"))


def assert_refused(drill, args: list, message: str, **env: str) -> None:
    before = state(drill.cluster)
    result = drill.pitr(*args, check=False, **env)
    assert result.returncode != 0, result.stderr
    assert message in result.stderr, result.stderr
    assert state(drill.cluster) == before
    assert not (drill.root / "app-stopped").exists()


@pytest.mark.parametrize("target, message", [
    ("yesterday", 'TARGET_TIME="yesterday" is not a time'),
    ("2026-13-40 17:00:00+00", "is not a time"),
    ("2026-12-05 17:00:00", "has no time zone"),
    ("2999-01-01 00:00:00+00", "is in the future"),
    ("2000-01-01 00:00:00+00", "is before the oldest backup ended"),
])
def test_a_target_time_that_cannot_be_reached_is_refused(backed_up, target, message):
    assert_refused(backed_up, ["restore", "--target-time", target], message)


def test_a_wrong_key_is_refused(backed_up):
    assert_refused(backed_up, ["restore"], "is PITR_CIPHER_PASS the key it was written with",
                   PITR_CIPHER_PASS="another-key-of-forty-characters-00000000")


def test_a_corrupted_backup_file_is_refused(backed_up):
    client = backed_up.store.client()
    env = backed_up.env
    prefix = f"{env['PITR_REPO_PATH'].lstrip('/')}/backup/{env['PITR_STANZA']}/"
    keys = [item["Key"] for page in client.get_paginator("list_objects_v2").paginate(
        Bucket=BUCKET, Prefix=prefix) for item in page.get("Contents", [])]
    victim = next(key for key in keys if "/pg_data/base/" in key)
    original = client.get_object(Bucket=BUCKET, Key=victim)["Body"].read()
    damaged = bytearray(original)
    damaged[len(damaged) // 2] ^= 0xFF
    client.put_object(Bucket=BUCKET, Key=victim, Body=bytes(damaged))
    try:
        assert_refused(backed_up, ["restore"], "the backup repository is damaged")
    finally:
        client.put_object(Bucket=BUCKET, Key=victim, Body=original)


def test_a_data_directory_that_is_not_the_servers_is_refused(backed_up):
    other = Cluster(backed_up.root / "other")
    other.root.mkdir()
    other.init()
    assert_refused(backed_up, ["restore"], "is not the data directory of",
                   PITR_PGDATA=str(other.data))
    # Even with the flag, a server running there is not ours to stop.
    other.pg_ctl("start")
    try:
        assert_refused(backed_up, ["restore", "--other-cluster"],
                       f"a PostgreSQL server runs on {other.data}", PITR_PGDATA=str(other.data))
        assert other.running()
    finally:
        other.pg_ctl("-m", "immediate", "stop")


def test_a_restore_under_a_running_app_is_refused(backed_up):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert_refused(backed_up, ["restore"], f"something answers on 127.0.0.1:{port}",
                       PITR_APP_STOP_COMMAND="", API_PORT=str(port))


@pytest.mark.parametrize("env, message", [
    ({"PITR_CIPHER_PASS": ""}, "PITR_CIPHER_PASS is not set"),
    ({"PITR_CIPHER_PASS": "short"}, "PITR_CIPHER_PASS is too short"),
    ({"PITR_REPO_TYPE": "ftp"}, "PITR_REPO_TYPE=ftp: use posix"),
    ({"PITR_S3_BUCKET": ""}, "PITR_REPO_TYPE=s3 needs PITR_S3_BUCKET"),
    ({"PITR_S3_URI_STYLE": "virtual"}, "PITR_S3_URI_STYLE=virtual"),
    ({"PITR_S3_CA_FILE": "/nonexistent/ca.crt"}, "is not a readable file"),
    ({"PITR_STANZA": "my app"}, "PITR_STANZA=my app"),
    ({"PITR_KEEP_FULL": "0"}, "PITR_KEEP_FULL=0"),
])
def test_settings_that_cannot_work_are_refused(backed_up, env, message):
    assert_refused(backed_up, ["restore"], message, **env)


@pytest.mark.parametrize("args, message", [
    (["backup", "weekly"], "backup type 'weekly'"),
    (["restore", "--target-time"], "usage:"),
    (["restore", "--everything"], "usage:"),
    (["drop"], "usage:"),
])
def test_bad_commands_are_refused(backed_up, args, message):
    assert_refused(backed_up, args, message)


def test_the_repository_config_is_readable_by_the_server_only(backed_up):
    config = backed_up.env["PITR_CONFIG"]
    mode = subprocess.run(["stat", "-c", "%a %U", config], capture_output=True, text=True,
                          check=True).stdout.split()
    assert mode == ["600", owner()]


@pytest.mark.parametrize("target", ["backup-setup", "backup", "backup-info", "restore"])
def test_the_make_targets_refuse_the_dev_stack(target):
    """Only the production stack runs pgBackRest (its pitr service)."""
    result = subprocess.run(["make", "--no-print-directory", "-f", "mk/backup.mk", target,
                             "STACK=dev"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode != 0
    assert "STACK=dev: backups run natively" in result.stderr

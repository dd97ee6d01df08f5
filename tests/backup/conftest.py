"""Fixtures for the backup tests: a throw-away database per test, on a real PostgreSQL.

The server is TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres,
as for the backend's tests); only databases named test_backup_* are created and dropped.
PostgreSQL is driven with psql (no Python driver needed).
"""

from __future__ import annotations

import os
import secrets
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
ADMIN_URL = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def url_for(dbname: str) -> str:
    parts = urlsplit(ADMIN_URL)
    return urlunsplit(parts._replace(path="/" + dbname))


def psql(url: str, sql: str) -> str:
    """Runs SQL, stops at the first error, returns unaligned tuples-only output."""
    result = subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url],
        input=sql, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"psql failed: {result.stderr}")
    return result.stdout.strip()


class Database:
    def __init__(self, name: str):
        self.name = name
        self.url = url_for(name)

    def sql(self, query: str) -> str:
        return psql(self.url, query)

    def tables(self) -> list[str]:
        out = self.sql(
            "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
        )
        return out.splitlines() if out else []

    def fingerprint(self) -> dict[str, tuple[int, str]]:
        """Every table's row count and an order-independent checksum of its rows."""
        result = {}
        for table in self.tables():
            row = self.sql(
                f"SELECT count(*) || '|' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') "
                f"FROM {table} t"
            )
            count, digest = row.split("|")
            result[table] = (int(count), digest)
        return result

    def wipe(self) -> None:
        self.sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")


@pytest.fixture(scope="session")
def server():
    try:
        psql(ADMIN_URL, "SELECT 1")
    except (RuntimeError, FileNotFoundError) as err:
        pytest.fail(f"PostgreSQL at {ADMIN_URL} is not reachable with psql: {err}")
    return ADMIN_URL


@pytest.fixture
def db(server):
    name = f"test_backup_{secrets.token_hex(6)}"
    psql(server, f'CREATE DATABASE "{name}"')
    try:
        yield Database(name)
    finally:
        psql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def apply_app_schema(database: Database) -> None:
    """The app's real schema: its own migrator when built, else the .up.sql files in order."""
    app = REPO / "backend" / "target" / "debug" / "app"
    if app.exists():
        env = {**os.environ, "DATABASE_URL": database.url}
        # cwd outside the repository so no .env file is read.
        subprocess.run([str(app), "migrate", "up"], env=env, cwd="/", check=True,
                       capture_output=True, text=True)
    else:
        for path in sorted((REPO / "backend" / "migrations").glob("*.up.sql")):
            database.sql(path.read_text())


@pytest.fixture
def populated(db):
    """The app schema plus a table of awkward values, all with rows."""
    apply_app_schema(db)
    db.sql(
        r"""
        INSERT INTO users (email, hashed_password, full_name, is_superuser)
        SELECT 'user' || i || '@example.com', 'hash' || i,
               CASE WHEN i % 3 = 0 THEN NULL ELSE 'Zoë Ñandú 用户 ' || i END, i = 1
        FROM generate_series(1, 50) i;
        INSERT INTO items (title, description, owner_id)
        SELECT 'item ' || i || ' ✓', CASE WHEN i % 2 = 0 THEN NULL ELSE 'desc "quoted" \ tab	' || i END,
               (SELECT id FROM users ORDER BY email LIMIT 1 OFFSET (i % 50))
        FROM generate_series(1, 200) i;
        INSERT INTO auth_tokens (user_id, purpose, token_hash, family_id, expires_at)
        SELECT id, 'refresh', sha256(convert_to(email, 'UTF8')), gen_random_uuid(), now() + interval '1 day'
        FROM users;

        CREATE TABLE misc (
            id      serial PRIMARY KEY,
            label   text,
            payload bytea,
            doc     jsonb,
            tags    text[],
            amount  numeric(12, 4),
            at      timestamptz
        );
        INSERT INTO misc (label, payload, doc, tags, amount, at) VALUES
            (NULL, NULL, NULL, NULL, NULL, NULL),
            ('emoji 🐘 and newline' || E'\n' || 'second line', '\x00ff10'::bytea,
             '{"k": [1, 2, {"ü": null}]}', ARRAY['a', NULL, 'ç'], 1234.5678, '2024-02-29 12:00:00+00'),
            ('', decode(repeat('00ff', 100), 'hex'), '[]', '{}', -0.0001, 'epoch'),
            ('COPY-looking \. line', '\x5c2e'::bytea, '"\\."', ARRAY['\.'], 0, 'infinity');
        CREATE TABLE empty_table (id int);
        """
    )
    return db

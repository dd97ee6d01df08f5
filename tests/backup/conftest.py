"""Fixtures for the backup tests: a throw-away database per test, on a real
PostgreSQL (see databases.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# tests/ holds the `support` package the suites share.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from databases import ADMIN_URL, REPO, Database, psql  # noqa: E402
from support.scratch_databases import new_name  # noqa: E402


@pytest.fixture(scope="session")
def server():
    try:
        psql(ADMIN_URL, "SELECT 1")
    except (RuntimeError, FileNotFoundError) as err:
        pytest.fail(f"PostgreSQL at {ADMIN_URL} is not reachable with psql: {err}")
    return ADMIN_URL


def throwaway_database(server):
    name = new_name(server, "backup")
    psql(server, f'CREATE DATABASE "{name}"')
    try:
        yield Database(name)
    finally:
        psql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def db(server):
    yield from throwaway_database(server)


@pytest.fixture
def other_db(server):
    """A second database, besides `db` (and `populated`, which is `db`)."""
    yield from throwaway_database(server)


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

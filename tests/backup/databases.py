"""PostgreSQL for the backup tests, driven with psql (no Python driver needed).

The server is TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres,
as for the backend's tests); only databases named test_<run>_backup_* are created and
dropped (see support/scratch_databases.py).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

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

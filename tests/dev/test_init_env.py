"""`make init` (scripts/init-env.sh): each checkout gets its own Redis key
prefix, so two checkouts on one Redis never share a job queue; an existing .env
is never touched; the generated DB_PASSWORD is what the README says."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from support.processes import app_binary, app_environment  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# The folder's name (`My App`) in safe characters, a random suffix, the separator.
PREFIX = r"my-app-[0-9a-f]{6}:"


def checkout(path: Path) -> Path:
    """A checkout as far as `make init` needs one."""
    (path / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "init-env.sh", path / "scripts")
    shutil.copy(REPO / ".env.example", path)
    return path


def init(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(root / "scripts" / "init-env.sh")], capture_output=True, text=True,
                          timeout=30, check=True)


def setting(root: Path, name: str) -> str:
    values = re.findall(rf"^{name}=(.*)$", (root / ".env").read_text(), re.M)
    assert len(values) == 1, values
    return values[0]


def jobs(root: Path, *args: str) -> str:
    """`app jobs ...` run in the checkout, so with its .env (REDIS_KEY_PREFIX)."""
    env = {k: v for k, v in app_environment(REDIS_URL=REDIS_URL).items()
           if k not in ("REDIS_KEY_PREFIX", "ENVIRONMENT")}
    result = subprocess.run([str(app_binary()), "jobs", *args], cwd=root, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def two_checkouts(tmp_path):
    """Two checkouts with the same folder name (e.g. two clones called `app`)."""
    roots = [checkout(tmp_path / "one" / "My App"), checkout(tmp_path / "two" / "My App")]
    for root in roots:
        init(root)
    yield roots
    for root in roots:
        prefix = setting(root, "REDIS_KEY_PREFIX")
        if not re.fullmatch(PREFIX, prefix):
            continue  # never delete the keys of a prefix others may use (app:)
        keys = subprocess.run(["redis-cli", "-u", REDIS_URL, "--scan", "--pattern", f"{prefix}*"],
                              capture_output=True, text=True, check=True).stdout.split()
        if keys:
            subprocess.run(["redis-cli", "-u", REDIS_URL, "del", *keys], capture_output=True, check=True)


def test_two_checkouts_get_their_own_redis_key_prefix(two_checkouts):
    one, two = (setting(root, "REDIS_KEY_PREFIX") for root in two_checkouts)
    assert one != two
    for prefix in (one, two):
        assert re.fullmatch(PREFIX, prefix), prefix


def test_the_backend_keeps_the_two_checkouts_queues_apart(two_checkouts):
    one, two = two_checkouts
    jobs(one, "probe", "--count", "2")
    assert json.loads(jobs(one, "stats"))["ready"] == 2
    assert json.loads(jobs(two, "stats"))["ready"] == 0


def test_an_existing_env_is_never_overwritten(tmp_path):
    root = checkout(tmp_path / "app")
    (root / ".env").write_text("REDIS_KEY_PREFIX=mine:\n")
    result = init(root)
    assert "left unchanged" in result.stdout
    assert (root / ".env").read_text() == "REDIS_KEY_PREFIX=mine:\n"


def test_the_readme_says_what_init_writes_for_db_password(tmp_path):
    root = checkout(tmp_path / "app")
    init(root)
    assert re.fullmatch(r"[0-9a-f]{64}", setting(root, "DB_PASSWORD"))
    row = next(line for line in (REPO / "README.md").read_text().splitlines()
               if line.startswith("| `DB_HOST`"))
    assert "`make init` writes a generated one" in row, row

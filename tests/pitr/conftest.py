"""Fixtures for the point-in-time recovery drill (the parts: pitr_drill.py)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pitr_drill import Cluster, Drill, ObjectStore, scratch_dir  # noqa: E402


# The drill's measurements, printed at the end of the run (CI's summary reads them).
MEASURED: list = []


@pytest.fixture(scope="session")
def measured():
    return MEASURED


def pytest_terminal_summary(terminalreporter):
    for line in MEASURED:
        terminalreporter.write_line(f"pitr drill: {line}")


@pytest.fixture(scope="session")
def store():
    root = scratch_dir("pitr-s3-")
    object_store = ObjectStore(root)
    object_store.start()
    yield object_store
    object_store.stop()
    shutil.rmtree(root, ignore_errors=True)


def new_drill(store: ObjectStore, prefix: str):
    root = scratch_dir(prefix)
    cluster = Cluster(root / "cluster")
    cluster.root.mkdir()
    cluster.init()
    cluster.pg_ctl("start")
    cluster.sql("CREATE DATABASE app", database="postgres")
    drill = Drill(root, store, cluster)
    try:
        drill.set_up()
        yield drill
    finally:
        if (cluster.data / "postmaster.pid").exists():
            cluster.pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def drill(store):
    yield from new_drill(store, "pitr-drill-")

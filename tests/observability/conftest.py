"""The monitored stack (stack.py), started once for the live tests that ask
for it; the static checks (dashboards, Alertmanager rendering) never start it.

Logs stay in the stack's temp directory when a test fails
(KEEP_OBSERVABILITY_STACK=1 keeps them always); their path is printed.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

# tests/ holds the `support` package the suites share.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stack import start_stack  # noqa: E402
from traffic import Background, warm_up  # noqa: E402


@pytest.fixture(scope="session")
def stack(request):
    root = Path(tempfile.mkdtemp(prefix="observability-"))
    root.chmod(0o755)
    stack = start_stack(root)
    failed_before = request.session.testsfailed
    try:
        yield stack
    finally:
        stack.stop()
        if request.session.testsfailed > failed_before or os.environ.get(
                "KEEP_OBSERVABILITY_STACK"):
            print(f"\nobservability stack logs kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def traffic(stack):
    """Every kind of request and job once, then a steady mix in the background."""
    background = Background(stack, warm_up(stack)).start()
    try:
        yield background
    finally:
        background.stop()

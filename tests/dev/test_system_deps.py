"""scripts/test-system-deps.sh, which `make test` runs first: run as a user who
cannot install anything (not root), it names what is missing and the one command
that installs it, and fails; when everything is there it says nothing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "test-system-deps.sh"
INSTALL_COMMAND = "sudo make test-system-deps"


@pytest.fixture
def bin_dir():
    """A directory a non-root user can read (pytest's tmp_path is root's only)."""
    path = Path(tempfile.mkdtemp(prefix="test-system-deps-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path)


def run_unprivileged(path: Path, *tools: str) -> subprocess.CompletedProcess:
    """The script as a non-root user (nobody, when the tests run as root), PATH=`path`."""
    command = ["/usr/bin/env", "-i", f"PATH={path}", "/bin/bash", str(SCRIPT), *tools]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "nobody", "--", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def link_every_program_but(bin_dir: Path, *left_out: str) -> None:
    for directory in ("/usr/local/bin", "/usr/bin", "/bin"):
        for program in Path(directory).iterdir():
            target = bin_dir / program.name
            if program.name not in left_out and not target.exists() and os.access(program, os.X_OK):
                target.symlink_to(program)


def reported_missing(result: subprocess.CompletedProcess) -> list[str]:
    match = re.search(r"not installed: (.+)", result.stderr)
    assert match, result.stderr
    return match.group(1).split()


def test_a_missing_program_is_named_with_the_one_command_that_installs_it(bin_dir):
    link_every_program_but(bin_dir, "amtool")
    result = run_unprivileged(bin_dir)
    assert result.returncode == 1, result.stderr
    assert "amtool" in reported_missing(result)
    assert "prometheus-alertmanager" in result.stderr
    assert INSTALL_COMMAND in result.stderr
    assert result.stdout == ""

    # Asked about some programs only (as `make test-e2e` asks), it names only those.
    result = run_unprivileged(bin_dir, "amtool", "nginx")
    assert result.returncode == 1
    assert reported_missing(result) == ["amtool"]
    assert INSTALL_COMMAND in result.stderr


def test_nothing_is_done_when_every_program_is_there(bin_dir):
    # Nothing on PATH: every program the list names (but those found where Debian
    # keeps them off a user's PATH, /usr/sbin and PostgreSQL's bin) is missing.
    missing = reported_missing(run_unprivileged(bin_dir))
    assert {"amtool", "promtool", "chromium", "prometheus-node-exporter"} <= set(missing)
    for program in missing:
        stub = bin_dir / program
        stub.write_text("#!/bin/sh\nexit 0\n")
        stub.chmod(0o755)
    result = run_unprivileged(bin_dir)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_an_unknown_program_is_refused(bin_dir):
    result = run_unprivileged(bin_dir, "no-such-tool")
    assert result.returncode == 2
    assert "unknown tool no-such-tool" in result.stderr

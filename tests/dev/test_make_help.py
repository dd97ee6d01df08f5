"""`make help`: every documented target (a `## ` comment on its line, in the
Makefile or mk/*.mk) is listed, its description starting in one column."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# `name [name ...]: [prerequisites] ## description`; not `NAME := value ## ...`.
TARGET_LINE = re.compile(r"^([^\s#:=][^:=]*):(?![:=])[^#]*## (.+)$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def documented_targets() -> dict[str, str]:
    targets = {}
    for makefile in [REPO / "Makefile", *sorted((REPO / "mk").glob("*.mk"))]:
        for line in makefile.read_text().splitlines():
            match = TARGET_LINE.match(line)
            if match:
                for name in match.group(1).split():
                    targets[name] = match.group(2).strip()
    return targets


def help_lines() -> list[str]:
    result = subprocess.run(["make", "--no-print-directory", "help"], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return [ANSI.sub("", line) for line in result.stdout.splitlines() if line.strip()]


def test_every_documented_target_is_listed_with_its_description():
    targets = documented_targets()
    assert {"help", "run", "test", "test-e2e"} <= set(targets)
    listed = {}
    for line in help_lines():
        name, _, text = line.strip().partition(" ")
        listed[name] = text.strip()
    missing = {name for name in targets if name not in listed}
    assert not missing, f"not in make help: {sorted(missing)}"
    for name, text in targets.items():
        assert listed[name] == text, name
    assert len(listed) == len(targets), sorted(set(listed) - set(targets))


def test_descriptions_start_in_one_column_after_the_longest_name():
    targets = documented_targets()
    lines = help_lines()
    columns = set()
    for line in lines:
        name = line.split()[0]
        text = targets[name]
        assert line.endswith(text), line
        columns.add(len(line) - len(text))
    assert len(columns) == 1, f"descriptions start in columns {sorted(columns)}"
    longest = max(targets, key=len)
    assert columns.pop() > len("  " + longest), longest

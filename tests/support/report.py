"""The per-check report the resilience and container suites print: one line
per test (its docstring's first line), PASS/FAIL/SKIP, and the figures the
test added through the `report` fixture."""

from __future__ import annotations

import pytest

ROWS = pytest.StashKey[list]()
FIGURES = pytest.StashKey[list]()


class Figures:
    def __init__(self, figures: list[str]):
        self._figures = figures

    def add(self, name: str, value) -> None:
        self._figures.append(f"{name}: {value}")


def figures_for(request) -> Figures:
    """What the `report` fixture returns: figures for this test's line."""
    figures: list[str] = []
    request.node.stash[FIGURES] = figures
    return Figures(figures)


def record(item, outcome) -> None:
    """Called from pytest_runtest_makereport: one row per test (its call, or a failed setup)."""
    if outcome.when == "call" or (outcome.when == "setup" and not outcome.passed):
        doc = (item.function.__doc__ or item.name).strip().splitlines()[0]
        name = doc if "[" not in item.name else f"{doc} ({item.name.split('[')[1][:-1]})"
        verdict = "PASS" if outcome.passed else "SKIP" if outcome.skipped else "FAIL"
        item.config.stash.setdefault(ROWS, []).append((name, item.stash.get(FIGURES, []), verdict))


def rows(config) -> list[tuple[str, list[str], str]]:
    return config.stash.get(ROWS, [])

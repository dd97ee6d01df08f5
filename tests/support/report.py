"""The per-check report the resilience and container suites print: one line
per test (its docstring's first line), PASS/FAIL/SKIP, and the figures the
test added through the `report` fixture.

A suite's conftest imports `report` and `pytest_runtest_makereport` (pytest
finds fixtures and hooks among a conftest's names) and prints `rows(config)`
in its own pytest_terminal_summary."""

from __future__ import annotations

import pytest

ROWS = pytest.StashKey[list]()
FIGURES = pytest.StashKey[list]()


class Figures:
    def __init__(self, figures: list[str]):
        self._figures = figures

    def add(self, name: str, value) -> None:
        self._figures.append(f"{name}: {value}")


@pytest.fixture
def report(request) -> Figures:
    """Collects "name: value" figures for this test's line of the report."""
    figures: list[str] = []
    request.node.stash[FIGURES] = figures
    return Figures(figures)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    record(item, outcome)
    return outcome


def record(item, outcome) -> None:
    """One row per test: its call, or a setup that failed."""
    if outcome.when == "call" or (outcome.when == "setup" and not outcome.passed):
        doc = (item.function.__doc__ or item.name).strip().splitlines()[0]
        name = doc if "[" not in item.name else f"{doc} ({item.name.split('[')[1][:-1]})"
        verdict = "PASS" if outcome.passed else "SKIP" if outcome.skipped else "FAIL"
        item.config.stash.setdefault(ROWS, []).append((name, item.stash.get(FIGURES, []), verdict))


def rows(config) -> list[tuple[str, list[str], str]]:
    return config.stash.get(ROWS, [])

"""Reading the metrics files the backup schedulers write for node_exporter's
textfile collector."""

from __future__ import annotations

from pathlib import Path


def read_metrics(path: Path) -> dict[str, float]:
    """Each sample's name (labels included, as written) and its value."""
    values = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#"):
            name, value = line.split()
            values[name] = float(value)
    return values

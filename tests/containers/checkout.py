"""A copy of the project for the suite to run the stacks from.

The suite never touches the checkout it runs from (its .env, nginx/ssl,
volumes): it copies the files git tracks (and new, not ignored ones) into a
folder of its own, so the stacks get a Compose project name of their own
(make init derives it from the folder).
"""

from __future__ import annotations

from pathlib import Path

from support.checkout import REPO, copy_checkout  # noqa: F401 (used by the suite's modules)


def set_env(root: Path, **settings: str) -> None:
    """Sets variables in root/.env, replacing their lines or appending them."""
    path = root / ".env"
    lines = path.read_text().splitlines()
    for name, value in settings.items():
        line = f"{name}={value}"
        index = next((i for i, old in enumerate(lines) if old.startswith(f"{name}=")), None)
        if index is None:
            lines.append(line)
        else:
            lines[index] = line
    path.write_text("\n".join(lines) + "\n")


def env_value(root: Path, name: str) -> str:
    for line in (root / ".env").read_text().splitlines():
        if line.startswith(f"{name}="):
            return line.split("=", 1)[1].strip('"')
    raise KeyError(name)

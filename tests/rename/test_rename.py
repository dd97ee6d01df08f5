"""`make rename NAME=... [SLUG=...]` in a copy of the project (a git repository
of its own): every spelling of the current name goes, the new one is in the
places people and tools read it, a second rename starts from the new name,
bad input changes nothing, and the renamed project still passes the fast
checks (make validate, the SPA's type check and unit tests, the backend's unit
tests).

The current name comes from project.env, not from this file: after a rename
this suite tests the renamed project the same way.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from support.checkout import REPO, copy_checkout

# Built from parts: the rename refuses a name that a tracked file (this one
# included) already holds, since a later rename could not tell the two apart.
NEW_NAME = " ".join(["Acme", "Tracker"])
NEW_SLUG = "-".join(["acme", "tracker"])
OTHER_NAME = " ".join(["Globex", "Ops"])
OTHER_SLUG = "".join(["glo", "bex"])


def record(root: Path) -> tuple[str, str]:
    values = dict(line.split("=", 1) for line in (root / "project.env").read_text().splitlines()
                  if line and not line.startswith("#"))
    return values["NAME"], values["SLUG"]


CURRENT_NAME, CURRENT_SLUG = record(REPO)


def any_spelling(*names: str) -> str:
    """A case-insensitive pattern for each name in any spelling: its words run
    together or joined by a space, hyphen or underscore."""
    return "|".join("[-_ ]?".join(re.split(r"[^A-Za-z0-9]+", name)) for name in names)


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def grep(root: Path, pattern: str) -> str:
    """Tracked lines matching pattern (extended regex, any case), as `path:line:text`."""
    found = subprocess.run(["git", "grep", "-n", "-I", "-i", "-E", "-e", pattern],
                           cwd=root, capture_output=True, text=True)
    assert found.returncode in (0, 1), found.stderr
    return found.stdout


def make_copy(destination: Path) -> Path:
    """The project's files as a committed git repository at destination."""
    if destination.exists():
        shutil.rmtree(destination)
    copy_checkout(destination)
    git(destination, "init", "-q")
    git(destination, "add", "-A")
    git(destination, "-c", "user.name=rename test", "-c", "user.email=rename@example.com",
        "commit", "-q", "-m", "before the rename")
    return destination


def make_rename(root: Path, *assignments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("NAME", "SLUG", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", "--no-print-directory", "rename", *assignments], cwd=root,
                          env={**clean, **(env or {})}, capture_output=True, text=True, timeout=120)


def unchanged(root: Path) -> bool:
    return git(root, "status", "--porcelain") == ""


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    return make_copy(tmp_path / "project")


@pytest.fixture(scope="module")
def renamed() -> Path:
    """One copy renamed to NEW_NAME, for the checks that only read it. Kept at
    a path of its own per checkout, so that its backend build replaces the
    previous run's in the shared target directory instead of adding to it."""
    digest = hashlib.sha256(str(REPO).encode()).hexdigest()[:12]
    root = make_copy(Path(tempfile.gettempdir()) / f"rename-suite-{digest}")
    result = make_rename(root, f"NAME={NEW_NAME}")
    assert result.returncode == 0, result.stdout + result.stderr
    root.joinpath("rename-output.txt").write_text(result.stdout)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def test_no_spelling_of_the_old_name_is_left(renamed: Path):
    assert grep(renamed, any_spelling(CURRENT_NAME, CURRENT_SLUG)) == ""


def test_the_new_name_is_where_people_and_tools_read_it(renamed: Path):
    def text(path: str) -> str:
        return (renamed / path).read_text()

    assert record(renamed) == (NEW_NAME, NEW_SLUG)
    assert f"<title>{NEW_NAME}</title>" in text("frontend/index.html")
    assert f'"{NEW_NAME}"' in text("frontend/src/config/env.ts")
    assert f'PROJECT_NAME="{NEW_NAME}"' in text(".env.example")
    assert f'title = "{NEW_NAME} API"' in text("backend/src/openapi.rs")
    assert f'"title": "{NEW_NAME} API"' in text("backend/openapi.json")
    assert f"${{BACKEND_IMAGE:-{NEW_SLUG}/backend}}" in text("docker-compose.yml")
    assert f"name: {NEW_SLUG}-production" in text("k8s/overlays/production/namespace.yaml")
    assert f"app.kubernetes.io/part-of: {NEW_SLUG}" in text("k8s/base/kustomization.yaml")
    assert f"folder: {NEW_NAME}\n" in text("monitoring/grafana/provisioning/dashboards/dashboards.yml")
    assert f"/opt/{NEW_SLUG}}}" in text("scripts/deploy.sh")
    assert text("README.md").startswith(f"# {NEW_NAME}\n")


def test_only_tracked_files_change_and_each_is_reported(renamed: Path):
    status = git(renamed, "status", "--porcelain", "--untracked-files=all").splitlines()
    changed = sorted(line[3:] for line in status if line[3:] != "rename-output.txt")
    assert all(line.startswith(" M ") for line in status if line[3:] != "rename-output.txt"), status
    reported = sorted(re.findall(r"^  (\S+)  ", (renamed / "rename-output.txt").read_text(), re.M))
    assert reported == changed
    assert not [path for path in changed if path.endswith((".lock", "package-lock.json"))]


def test_a_second_rename_starts_from_the_new_name_and_the_first_can_be_undone(copy: Path):
    assert make_rename(copy, f"NAME={NEW_NAME}").returncode == 0
    second = make_rename(copy, f"NAME={OTHER_NAME}", f"SLUG={OTHER_SLUG}")
    assert second.returncode == 0, second.stderr
    assert f'Renamed "{NEW_NAME}" ({NEW_SLUG}) to "{OTHER_NAME}" ({OTHER_SLUG})' in second.stdout
    assert grep(copy, any_spelling(NEW_NAME, NEW_SLUG)) == ""
    assert record(copy) == (OTHER_NAME, OTHER_SLUG)
    assert f"name: {OTHER_SLUG}-production" in (copy / "k8s/overlays/production/namespace.yaml").read_text()

    back = make_rename(copy, f"NAME={CURRENT_NAME}", f"SLUG={CURRENT_SLUG}")
    assert back.returncode == 0, back.stderr
    assert unchanged(copy), git(copy, "diff", "--stat")


def test_renaming_to_the_current_name_changes_nothing(copy: Path):
    result = make_rename(copy, f"NAME={CURRENT_NAME}", f"SLUG={CURRENT_SLUG}")
    assert result.returncode == 0, result.stderr
    assert "nothing to do" in result.stdout
    assert unchanged(copy)


@pytest.mark.parametrize("assignments, message", [
    ((), "usage: make rename NAME="),
    (("NAME=",), "NAME is empty"),
    (("NAME=   ",), "NAME is empty"),
    (('NAME=Acme "Quoted"',), "not of the accepted form"),
    (("NAME=Acme <b>Bold</b>",), "not of the accepted form"),
    (("NAME=Café Tracker",), "not of the accepted form"),
    (("NAME=" + NEW_NAME.replace(" ", "  "),), "not of the accepted form"),
    (("NAME=Acme ",), "not of the accepted form"),
    (("NAME=-Acme",), "not of the accepted form"),
    (("NAME=" + "A" * 41,), "at most 40"),
    (("NAME=Acme $Tracker",), "(no $)"),
    (("NAME=" + NEW_SLUG.replace("-", ""),), "spelled like its slug"),
    (("NAME=Rust",), "already appears in"),
    ((f"NAME={NEW_NAME}", "SLUG=app"), "already appears in"),
    ((f"NAME={NEW_NAME}", "SLUG=" + NEW_NAME.replace(" ", "_")), "not of the accepted form"),
    ((f"NAME={NEW_NAME}", "SLUG=acme-"), "not of the accepted form"),
    ((f"NAME={NEW_NAME}", "SLUG="), "not of the accepted form"),
    ((f"NAME={NEW_NAME}", "SLUG=" + "a" * 41), "at most 40"),
], ids=lambda value: repr(value) if isinstance(value, tuple) else None)
def test_bad_input_is_refused_with_a_clear_error_and_changes_nothing(copy: Path, assignments, message):
    result = make_rename(copy, *assignments)
    assert result.returncode != 0
    assert message in result.stderr, result.stderr
    assert "Nothing was changed" in result.stderr or "usage:" in result.stderr
    assert result.stdout == ""
    assert unchanged(copy), git(copy, "status", "--porcelain")


def test_a_name_from_the_shell_environment_is_not_taken_for_one_given_to_make(copy: Path):
    # Some shells set NAME (to the host name); only `make rename NAME=...` counts.
    result = make_rename(copy, env={"NAME": NEW_NAME, "SLUG": NEW_SLUG})
    assert result.returncode != 0
    assert "usage: make rename NAME=" in result.stderr
    assert unchanged(copy)


def run(root: Path, *command: str, env: dict[str, str] | None = None, timeout: float = 600) -> None:
    result = subprocess.run(command, cwd=root, env={**os.environ, **(env or {})},
                            capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(command)} in {root}:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}"


def link_node_modules(source: Path, destination: Path) -> None:
    """The checkout's installed packages, hard-linked (copied across file
    systems); the tools' caches (.tmp, .vite, ...) stay out, so that the copy
    writes its own and never into the checkout's."""
    destination.mkdir()
    for entry in source.iterdir():
        if entry.name.startswith(".") and entry.name not in (".bin", ".package-lock.json"):
            continue
        linked = subprocess.run(["cp", "-al", str(entry), str(destination)], capture_output=True)
        if linked.returncode != 0:
            subprocess.run(["cp", "-a", str(entry), str(destination)], check=True)


def test_the_renamed_project_passes_the_fast_checks(renamed: Path):
    # Static checks of the renamed Compose files, Kubernetes overlays (names
    # and labels validated against the schemas), workflow and scripts; the
    # validators' pinned tools are the checkout's, not installed again.
    tools = os.environ.get("VALIDATE_TOOLS_DIR") or str(
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / CURRENT_SLUG / "validate-tools")
    run(renamed, "make", "--no-print-directory", "validate", env={"VALIDATE_TOOLS_DIR": tools})

    # The SPA: its type check, its typed client still matching openapi.json, its unit tests.
    run(REPO, "make", "--no-print-directory", "frontend-deps")
    link_node_modules(REPO / "frontend/node_modules", renamed / "frontend/node_modules")
    for script in ("typecheck", "check-client", "test"):
        run(renamed / "frontend", "npm", "run", "--silent", script)

    # The backend's unit tests, built in the checkout's target directory: only
    # the app crate is compiled again, the dependencies are reused.
    run(renamed / "backend", "cargo", "test", "--quiet", "--locked", "--lib",
        env={"CARGO_TARGET_DIR": str(REPO / "backend/target")}, timeout=1200)

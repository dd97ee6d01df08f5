"""rust-toolchain.toml pins the Rust toolchain, and every other place that
names a Rust version names the same one: the release image's base
(backend/Dockerfile's RUST_VERSION), the container suite's stand-in for it,
and the CI workflow's toolchain."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
TOOLCHAIN = tomllib.loads((REPO / "rust-toolchain.toml").read_text())["toolchain"]
CHANNEL = TOOLCHAIN["channel"]


def dockerfile_arg(name: str) -> str:
    found = re.findall(rf"^ARG {name}=(\S+)$", (REPO / "backend/Dockerfile").read_text(), re.M)
    assert len(found) == 1, found
    return found[0]


def test_the_pin_is_one_exact_release_with_the_linters():
    assert re.fullmatch(r"\d+\.\d+\.\d+", CHANNEL), CHANNEL
    assert set(TOOLCHAIN["components"]) == {"rustfmt", "clippy"}
    assert TOOLCHAIN["profile"] == "minimal"


def test_the_release_image_builds_with_the_pinned_rust():
    assert dockerfile_arg("RUST_VERSION") == CHANNEL
    base = re.search(r"^FROM (rust:\S+) AS chef$", (REPO / "backend/Dockerfile").read_text(), re.M)
    assert base and base.group(1) == "rust:${RUST_VERSION}-slim-bookworm"


def test_the_container_suites_rust_image_stands_in_for_that_base():
    tags = (REPO / "tests/containers/images/rust/tags").read_text().split()
    assert f"rust:{CHANNEL}-slim-bookworm" in tags


def test_ci_installs_the_pinned_toolchain():
    workflow = yaml.safe_load((REPO / ".github/workflows/ci-cd.yml").read_text())
    assert workflow["env"]["RUST_TOOLCHAIN"] == CHANNEL


def test_the_pin_stays_out_of_the_docker_build_contexts():
    # A rust-toolchain.toml inside backend/ (the image's build context) would
    # make rustup in the image fetch the pinned release and its components.
    for context in ("backend", "frontend"):
        assert not list((REPO / context).glob("rust-toolchain*")), context


def test_the_pinned_toolchain_is_installed_and_resolves_without_a_download():
    env = {**os.environ, "RUSTUP_AUTO_INSTALL": "0"}
    for folder in (REPO, REPO / "backend"):
        version = subprocess.run(["rustc", "--version"], cwd=folder, env=env,
                                 capture_output=True, text=True)
        assert version.returncode == 0, version.stderr
        assert version.stdout.startswith(f"rustc {CHANNEL} "), version.stdout
    for tool in ("fmt", "clippy"):
        found = subprocess.run(["cargo", tool, "--version"], cwd=REPO / "backend", env=env,
                               capture_output=True, text=True)
        assert found.returncode == 0, found.stderr

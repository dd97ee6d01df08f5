"""Dependabot (.github/dependabot.yml) covers every manifest and image
reference the repository has, weekly: a new Cargo.toml, package.json,
requirements file, composite action, Dockerfile, Compose file or Kubernetes
manifest naming a third-party image fails here until it is added."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path, PurePosixPath

import yaml

REPO = Path(__file__).resolve().parents[2]
CONFIG = yaml.safe_load((REPO / ".github/dependabot.yml").read_text())
# The container suite's stand-in images are built FROM a local root file
# system passed as a build argument: no registry image to update.
STAND_INS = "tests/containers/images/"


def tracked(*patterns: str) -> list[str]:
    return subprocess.run(["git", "ls-files", "--", *patterns], cwd=REPO, check=True,
                          capture_output=True, text=True).stdout.split()


def folder(path: str) -> str:
    parent = str(PurePosixPath(path).parent)
    return "/" if parent == "." else f"/{parent}"


def covered(ecosystem: str) -> set[str]:
    folders: set[str] = set()
    for update in CONFIG["updates"]:
        if update["package-ecosystem"] == ecosystem:
            folders.update(update.get("directories", []) + ([update["directory"]] if "directory" in update else []))
    return folders


def names_registry_image(dockerfile: str) -> bool:
    """Whether a FROM names an image (rather than an earlier stage, or only a build argument)."""
    text = (REPO / dockerfile).read_text()
    stages = set(re.findall(r"^FROM \S+ AS (\S+)", text, re.M | re.I))
    images = re.findall(r"^FROM (?:--\S+ )*(\S+)", text, re.M | re.I)
    return any(image not in stages and not re.fullmatch(r"\$\{?\w+\}?", image) for image in images)


def third_party_images(manifest: str) -> list[str]:
    """Images with a tag in a Kubernetes manifest (the app's own are untagged
    placeholders that the overlays' `images:` replace)."""
    return re.findall(r"^\s*(?:- )?image: *(\S+:\S+)", (REPO / manifest).read_text(), re.M)


def test_every_update_runs_weekly():
    assert CONFIG["version"] == 2
    for update in CONFIG["updates"]:
        assert update["schedule"]["interval"] == "weekly", update["package-ecosystem"]


def test_every_listed_folder_exists():
    for update in CONFIG["updates"]:
        for listed in update.get("directories", []) + [update.get("directory", "/")]:
            assert (REPO / listed.lstrip("/")).is_dir(), listed


def test_every_cargo_and_npm_manifest_is_covered():
    assert {folder(path) for path in tracked("*Cargo.toml")} <= covered("cargo")
    assert {folder(path) for path in tracked("*package.json")} <= covered("npm")


def test_every_requirements_file_is_covered():
    assert {folder(path) for path in tracked("*requirements*.txt")} <= covered("pip")


def test_the_workflows_and_every_composite_action_are_covered():
    assert tracked(".github/workflows/*.yml")
    assert "/" in covered("github-actions")
    assert {folder(path) for path in tracked(".github/actions/*/action.yml")} <= covered("github-actions")


def test_every_dockerfile_naming_an_image_is_covered():
    dockerfiles = tracked("*Dockerfile", "*Dockerfile.*", "*.Dockerfile")
    expected = {folder(path) for path in dockerfiles if names_registry_image(path)}
    assert expected >= {"/backend", "/frontend"}
    assert expected <= covered("docker")
    # The stand-ins are left out because they name no image, not by their folder.
    assert not any(names_registry_image(path) for path in dockerfiles if path.startswith(STAND_INS))


def test_every_compose_file_is_covered():
    compose = tracked("*docker-compose*.yml", "*compose*.yaml")
    assert compose
    assert {folder(path) for path in compose} <= covered("docker-compose")


def test_every_kubernetes_manifest_with_a_third_party_image_is_covered():
    manifests = [path for path in tracked("k8s/*.yaml") if third_party_images(path)]
    assert manifests
    assert {folder(path) for path in manifests} <= covered("docker")


def test_database_majors_are_left_to_a_person():
    for ecosystem in ("docker", "docker-compose"):
        (update,) = [u for u in CONFIG["updates"] if u["package-ecosystem"] == ecosystem]
        ignored = {rule["dependency-name"]: rule["update-types"] for rule in update["ignore"]}
        assert ignored == {name: ["version-update:semver-major"] for name in ("postgres", "redis")}

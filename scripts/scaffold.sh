#!/usr/bin/env bash
# A resource across the whole stack, in one step (docs/adding-a-resource.md):
#   scripts/scaffold.sh new projects [--singular S] "name:string(1..120) notes:text? due:date? done:bool"
#   scripts/scaffold.sh remove projects
# (`make scaffold NAME=... FIELDS=...` and `make scaffold-remove NAME=...`).
#
# The generator (scaffold/) writes the files, or refuses and writes nothing.
# This script then runs what a hand-made change would need: the SQLx query
# data (from a scratch database migrated on the configured server), the
# OpenAPI snapshot and the SPA's client (`make openapi`), and the formatters.
# Removing reverts the resource's migration in the development database
# first, when it was applied there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=scripts/lib/db-env.sh
source scripts/lib/db-env.sh

usage() {
    die 2 "usage: make scaffold NAME=<plural_snake_case> FIELDS=\"name:type ...\" [SINGULAR=<singular>] | make scaffold-remove NAME=<plural_snake_case>"
}

generator() {
    cargo run --quiet --locked --manifest-path scaffold/Cargo.toml -- "$@"
}

step() { printf '==> %s\n' "$*" >&2; }

# The sqlx-cli version CI uses (it writes and checks backend/.sqlx).
ensure_sqlx_cli() {
    local version
    version=$(sed -nE 's/^SQLX_CLI_VERSION=//p' .ci/run)
    if [[ "$(sqlx --version 2>/dev/null)" != "sqlx-cli $version" ]]; then
        step "Installing sqlx-cli $version (once; it writes backend/.sqlx)"
        cargo install --quiet sqlx-cli --version "$version" --no-default-features --features postgres,rustls
    fi
}

url_encode() {
    local text=$1 i char out=""
    for ((i = 0; i < ${#text}; i++)); do
        char=${text:i:1}
        case $char in
            [a-zA-Z0-9.~_-]) out+=$char ;;
            *) printf -v char '%%%02X' "'$char"; out+=$char ;;
        esac
    done
    printf '%s' "$out"
}

# The configured server, with another database name: DATABASE_URL's, or one
# made of DB_* (resolve_db_env put those in PG*).
url_of_database() {
    local name=$1
    if [[ -n "${DATABASE_URL:-}" ]]; then
        local base=${DATABASE_URL%%\?*} query=""
        [[ "$DATABASE_URL" == *\?* ]] && query="?${DATABASE_URL#*\?}"
        printf '%s/%s%s' "${base%/*}" "$name" "$query"
    else
        local auth
        auth=$(url_encode "$PGUSER")
        [[ -n "${PGPASSWORD:-}" ]] && auth+=":$(url_encode "$PGPASSWORD")"
        printf 'postgres://%s@%s:%s/%s' "$auth" "$PGHOST" "$PGPORT" "$name"
    fi
}

# backend/.sqlx from a scratch database with every migration applied.
prepare_sqlx_data() {
    ensure_sqlx_cli
    local scratch="${DB_TARGET_NAME}_scaffold_prepare"
    step "SQLx query data (backend/.sqlx) from a scratch database, $scratch"
    local url
    url=$(url_of_database "$scratch")
    (
        cd backend
        export DATABASE_URL=$url
        sqlx database drop -y >/dev/null 2>&1 || true
        sqlx database create
        sqlx migrate run --source migrations >/dev/null
        cargo sqlx prepare >/dev/null
        sqlx database drop -y >/dev/null
    )
}

regenerate() {
    prepare_sqlx_data
    step "OpenAPI snapshot and the SPA's client (make openapi)"
    make --no-print-directory openapi >/dev/null
    step "Formatting (cargo fmt, prettier)"
    (cd backend && cargo fmt)
    if (($#)); then (cd frontend && npx prettier --log-level warn --write "$@"); fi
}

# When the development database has the resource's migration applied, revert
# it (only the newest may be: a later migration may build on it).
revert_in_dev_database() {
    local name=$1 up version applied version_applied newest
    up=$(compgen -G "backend/migrations/*_create_${name}.up.sql" | head -1) || return 0
    version=$((10#$(basename "$up" | cut -d_ -f1)))
    applied=$(psql "${DB_ARGS[@]}" -XAtqc \
        "SELECT max(version) FILTER (WHERE version = $version), max(version) FROM _sqlx_migrations" \
        2>/dev/null) || {
        step "The development database ($DB_LABEL) is not reachable or not migrated: nothing to revert there"
        return 0
    }
    IFS='|' read -r version_applied newest <<<"$applied"
    [[ -n "$version_applied" ]] || return 0
    if [[ "$newest" != "$version" ]]; then
        die 2 "$(basename "$up" .up.sql) is applied in $DB_LABEL and later migrations ($newest) are too; revert them first (make migrate-down N=...); nothing was removed"
    fi
    step "Reverting $(basename "$up" .up.sql) in $DB_LABEL (drops the table $name and its rows)"
    psql "${DB_ARGS[@]}" -XqAt --single-transaction -v ON_ERROR_STOP=1 \
        -f "${up%.up.sql}.down.sql" -c "DELETE FROM _sqlx_migrations WHERE version = $version" >/dev/null
}

command=${1:-}
name=${2:-}
[[ -n "$command" && -n "$name" ]] || usage
shift 2
load_dotenv "$root/.env"
resolve_db_env
started=$(date +%s)

case "$command" in
    new)
        generator new "$name" "$@" || exit $?
        kebab=${name//_/-}
        regenerate "src/features/$kebab" "e2e/specs/$kebab.spec.ts"
        echo "Generated $name in $(($(date +%s) - started)) s. Next: make migrate, then make run (or make test)."
        ;;
    remove)
        generator remove --dry-run "$name" "$@" >/dev/null || exit $?
        revert_in_dev_database "$name"
        generator remove "$name" "$@" || exit $?
        regenerate
        echo "Removed $name in $(($(date +%s) - started)) s."
        ;;
    *) usage ;;
esac

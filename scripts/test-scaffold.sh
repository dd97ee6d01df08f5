#!/usr/bin/env bash
# make test-scaffold: the resource generator end to end, in a temporary clone
# of this checkout's HEAD (commit first: uncommitted changes are not in it).
#
#  1. Bad requests (a bad name, a taken name, an unknown type, a reference to
#     nothing, an existing resource) are refused with a clear error and
#     change nothing in the tree.
#  2. Two resources with every field type are generated with `make scaffold`
#     (`tasks` refers to `projects` and to items); the backend passes fmt and
#     clippy, and the new resources' backend tests, the cross-cutting tests
#     (documented constraints, hostile input, the error envelope, OpenAPI),
#     the SPA's checks and unit tests, and their e2e specs pass.
#  3. `make scaffold-remove` reverts their migrations in a development
#     database and leaves the tree exactly as it was.
# Prints one summary line: `scaffold: ...`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/scaffold-test.XXXXXX)
dev_db="scaffold_test_dev_$$"
# The PostgreSQL server of DB_HOST, DB_PORT, DB_USER and DB_PASSWORD (as the
# app reads them; defaults: a local server that trusts postgres).
server="postgres://${DB_USER:-postgres}${DB_PASSWORD:+:$DB_PASSWORD}@${DB_HOST:-127.0.0.1}:${DB_PORT:-5432}"
cleanup() {
    psql "$server/postgres" -XqAtc "DROP DATABASE IF EXISTS $dev_db WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n==> %s\n' "$*"; }
fail() { printf 'scaffold: FAILED: %s\n' "$*"; exit 1; }
# `git status` plus a hash of every change: equal means the tree is unchanged.
tree_state() { { git status --porcelain --untracked-files=all; git diff; } | sha256sum; }

step "A clone of HEAD in $work/repo"
git clone --quiet "$root" "$work/repo"
cd "$work/repo"
if [[ -f "$root/.env" ]]; then cp "$root/.env" .env; fi
# The development database of this run: its own, so a user's is never touched.
export DB_NAME=$dev_db DATABASE_URL="$server/$dev_db"
export CARGO_TARGET_DIR="$work/target"
# Start from this checkout's debug build, when there is one: the dependencies
# are the same, and only the app itself is compiled again (a copy, so that
# this checkout's own binaries are never replaced by the clone's).
if [[ -d "$root/backend/target/debug" ]]; then
    mkdir -p "$CARGO_TARGET_DIR"
    cp -a --reflink=auto "$root/backend/target/debug" "$CARGO_TARGET_DIR/debug"
fi
make --no-print-directory frontend-deps >/dev/null

refused=0
# expect_refused REASON ARGS...: `make ARGS` fails with REASON and changes nothing.
expect_refused() {
    local reason=$1 before output status=0
    shift
    before=$(tree_state)
    output=$(make --no-print-directory "$@" 2>&1) || status=$?
    if [[ $status -eq 0 ]]; then fail "make $* was accepted"; fi
    if [[ "$output" != *"$reason"* ]]; then fail "make $*: expected \"$reason\" in: $output"; fi
    if [[ "$(tree_state)" != "$before" ]]; then fail "make $* changed the tree: $(git status --short)"; fi
    printf 'refused as it should: make %s\n  %s\n' "$*" "$(grep -m1 '^error' <<<"$output")"
    refused=$((refused + 1))
}

step "Bad requests are refused and write nothing"
expect_refused "not a snake_case name" scaffold NAME=Projects FIELDS="name:string"
expect_refused "is taken" scaffold NAME=items FIELDS="name:string"
expect_refused "does not look like an English plural" scaffold NAME=people FIELDS="name:string"
expect_refused "unknown type" scaffold NAME=projects FIELDS="name:float"
expect_refused "FIELDS is empty" scaffold NAME=projects FIELDS=""
expect_refused "must name a resource whose rows have an owner" scaffold NAME=projects FIELDS="user_id:ref(users)"
expect_refused "there is no generated resource" scaffold-remove NAME=projects

projects_fields="name:string(1..120) notes:text? due:date? done:bool"
tasks_fields="title:string(1..80) notes:text? estimate:int(0..1000)? hours:int done:bool due:date? remind_at:timestamp? item_id:ref(items)? project_id:ref(projects)"
step "make scaffold NAME=projects FIELDS=\"$projects_fields\""
started=$(date +%s)
make --no-print-directory scaffold NAME=projects FIELDS="$projects_fields"
step "make scaffold NAME=tasks FIELDS=\"$tasks_fields\""
make --no-print-directory scaffold NAME=tasks FIELDS="$tasks_fields"
generated=$(($(date +%s) - started))
git status --short --untracked-files=all
files=$(git status --porcelain --untracked-files=all | wc -l)
expect_refused "exists already" scaffold NAME=projects FIELDS="$projects_fields"

step "Backend: fmt, clippy, the new resources' tests and the cross-cutting ones"
(cd backend && cargo fmt --check && cargo clippy --all-targets --locked --quiet -- -D warnings)
(cd backend && cargo nextest run --no-fail-fast projects:: tasks:: constraints hostile errors::envelope openapi) \
    2>&1 | tee "$work/backend.log"
backend=$(grep -E '^\s*Summary \[' "$work/backend.log" | tail -1 | sed -E 's/^\s+Summary \[[^]]*\] //')

step "SPA: eslint, prettier, type check, client, unit tests"
make --no-print-directory test-frontend 2>&1 | tee "$work/frontend.log"
unit=$(sed -E 's/\x1b\[[0-9;]*m//g' "$work/frontend.log" | grep -E '^\s+Tests\s+[0-9]+ passed' | tail -1 | sed -E 's/^\s+Tests\s+//; s/\s+\(.*//')

step "e2e: the generated specs against the real stack"
(cd backend && cargo build --quiet --locked)
(cd frontend && APP_BIN="$CARGO_TARGET_DIR/debug/app" npx playwright test specs/projects.spec.ts specs/tasks.spec.ts) \
    2>&1 | tee "$work/e2e.log"
e2e=$(grep -E '^e2e: ' "$work/e2e.log" | tail -1 | sed -E 's/^e2e: //')
green=$(($(date +%s) - started))

step "make scaffold-remove reverts the migrations in the development database and restores the tree"
(cd backend && sqlx database create && sqlx migrate run --source migrations >/dev/null)
make --no-print-directory scaffold-remove NAME=tasks
make --no-print-directory scaffold-remove NAME=projects
left=$(psql "$DATABASE_URL" -XAtqc "SELECT count(*) FROM pg_tables WHERE tablename IN ('projects', 'tasks')")
[[ "$left" == 0 ]] || fail "the development database still has the generated tables"
if [[ -n "$(git status --porcelain --untracked-files=all)" ]]; then
    fail "removal left changes: $(git status --short --untracked-files=all)"
fi

echo
echo "scaffold: $refused bad requests refused, nothing written; generated 2 resources ($files files) in ${generated}s; backend: $backend; SPA unit: $unit; e2e: $e2e; green ${green}s after the command; removal reverted both and left the tree as it was"

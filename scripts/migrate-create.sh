#!/usr/bin/env bash
# Creates the next reversible migration pair in backend/migrations:
#   scripts/migrate-create.sh add_tags
#   -> 0003_add_tags.up.sql and 0003_add_tags.down.sql
set -euo pipefail
cd "$(dirname "$0")/../backend/migrations"

name="${1:-}"
if [[ ! "$name" =~ ^[a-z][a-z0-9_]*$ ]]; then
    echo "usage: make migrate-create name=<snake_case_name>" >&2
    exit 2
fi

last=$(ls -1 [0-9]*.up.sql 2>/dev/null | sed -E 's/^0*([0-9]+)_.*/\1/' | sort -n | tail -1)
next=$(printf '%04d' $(( ${last:-0} + 1 )))

printf -- '-- %s: describe the change.\n' "$name" > "${next}_${name}.up.sql"
printf -- '-- Revert everything %s.up.sql does.\n' "${next}_${name}" > "${next}_${name}.down.sql"
echo "Created backend/migrations/${next}_${name}.up.sql and .down.sql"

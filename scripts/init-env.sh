#!/usr/bin/env bash
# Creates .env from .env.example, replacing each `changethis` with its own
# generated secret. Never overwrites an existing .env.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -f .env ]]; then
    echo ".env already exists; left unchanged"
    exit 0
fi

generate() { openssl rand -hex 32 2>/dev/null || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

while IFS= read -r line || [[ -n "$line" ]]; do
    if [[ "$line" == *=changethis ]]; then
        line="${line%changethis}$(generate)"
    fi
    printf '%s\n' "$line"
done < .env.example > .env
chmod 600 .env

echo "Created .env with generated secrets."
echo "First superuser: $(grep '^FIRST_SUPERUSER=' .env | cut -d= -f2)" \
     "/ password: $(grep '^FIRST_SUPERUSER_PASSWORD=' .env | cut -d= -f2)"

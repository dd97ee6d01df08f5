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

# This checkout's own Compose project name: the folder's name (what Compose
# would pick) plus a hash of its path, so that two checkouts named alike on
# one engine never act on each other's containers, volumes or images.
project_name() {
    local folder hash
    folder=$(basename "$PWD" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9_-' '-' | sed -E 's/^[-_]+//; s/-+$//')
    hash=$(printf '%s' "$PWD" | sha256sum | cut -c1-8)
    printf '%s-%s' "${folder:-app}" "$hash"
}
project=$(project_name)

while IFS= read -r line || [[ -n "$line" ]]; do
    case "$line" in
        *=changethis) line="${line%changethis}$(generate)" ;;
        COMPOSE_PROJECT_NAME=) line="COMPOSE_PROJECT_NAME=$project" ;;
        BACKEND_IMAGE=) line="BACKEND_IMAGE=$project/backend" ;;
        FRONTEND_IMAGE=) line="FRONTEND_IMAGE=$project/frontend" ;;
    esac
    printf '%s\n' "$line"
done < .env.example > .env
chmod 600 .env

echo "Created .env with generated secrets."
echo "First superuser: $(grep '^FIRST_SUPERUSER=' .env | cut -d= -f2)" \
     "/ password: $(grep '^FIRST_SUPERUSER_PASSWORD=' .env | cut -d= -f2)"

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

# The checkout folder's name, in the characters Compose and Redis keys take
# safely (a-z, 0-9, _ and -).
folder_name() {
    local folder
    folder=$(basename "$PWD" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9_-' '-' | sed -E 's/^[-_]+//; s/-+$//')
    printf '%s' "${folder:-app}"
}

# This checkout's own Compose project name: the folder's name (what Compose
# would pick) plus a hash of its path, so that two checkouts named alike on
# one engine never act on each other's containers, volumes or images.
project_name() {
    printf '%s-%s' "$(folder_name)" "$(printf '%s' "$PWD" | sha256sum | cut -c1-8)"
}
project=$(project_name)

# This checkout's own Redis key prefix: the folder's name plus a random
# suffix. Checkouts sharing one Redis (the local one) then never share a job
# queue, rate limits or cached users: one checkout's worker never runs
# another's jobs (sends its emails).
redis_key_prefix() {
    printf '%s-%s:' "$(folder_name)" "$(generate | cut -c1-6)"
}

while IFS= read -r line || [[ -n "$line" ]]; do
    case "$line" in
        *=changethis) line="${line%changethis}$(generate)" ;;
        COMPOSE_PROJECT_NAME=) line="COMPOSE_PROJECT_NAME=$project" ;;
        REDIS_KEY_PREFIX=) line="REDIS_KEY_PREFIX=$(redis_key_prefix)" ;;
        BACKEND_IMAGE=) line="BACKEND_IMAGE=$project/backend" ;;
        FRONTEND_IMAGE=) line="FRONTEND_IMAGE=$project/frontend" ;;
        PITR_IMAGE=) line="PITR_IMAGE=$project/pitr" ;;
    esac
    printf '%s\n' "$line"
done < .env.example > .env
chmod 600 .env

echo "Created .env with generated secrets."
echo "First superuser: $(grep '^FIRST_SUPERUSER=' .env | cut -d= -f2)" \
     "/ password: $(grep '^FIRST_SUPERUSER_PASSWORD=' .env | cut -d= -f2)"

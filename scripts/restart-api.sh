#!/usr/bin/env bash
# Replaces the API container of a running Compose stack without failing a
# request (`make prod-restart-api`): after `make prod-build` with a new image,
# or a change of its settings in .env.
#
#   COMPOSE="docker compose -f docker-compose.yml -f docker-compose.prod.yml" scripts/restart-api.sh
#
# 1. A second API container starts beside the running one (scale +1) and must
#    become healthy (/health/ready).
# 2. nginx reloads: it resolves `backend` when it loads its configuration, so
#    it now sends requests to both.
# 3. The old container stops: on SIGTERM it drains (answers what it has, takes
#    nothing new once its listener closes); nginx passes a request it cannot
#    connect with to the other one.
# 4. The old container is removed and nginx reloads again, with the new one only.
# If the new container does not become healthy, it is removed and the old one
# keeps serving.
set -euo pipefail
read -r -a compose <<<"${COMPOSE:?COMPOSE must name the stack, e.g. docker compose -f docker-compose.yml -f docker-compose.prod.yml}"
SERVICE=backend
HEALTH_TIMEOUT_SECONDS=${HEALTH_TIMEOUT_SECONDS:-120}

log() { printf 'restart-api: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

health() { docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$1"; }

wait_healthy() {
    local id=$1 deadline=$((SECONDS + HEALTH_TIMEOUT_SECONDS)) status
    while ((SECONDS < deadline)); do
        status=$(health "$id")
        [[ $status == healthy ]] && return 0
        [[ $status == exited || $status == dead ]] && return 1
        sleep 1
    done
    return 1
}

mapfile -t old < <("${compose[@]}" ps -q "$SERVICE")
((${#old[@]})) || die "no running $SERVICE container: start the stack first (make prod-up)"

log "starting a new $SERVICE container beside ${#old[@]} running"
"${compose[@]}" up -d --no-deps --no-recreate --scale "$SERVICE=$((${#old[@]} + 1))" "$SERVICE"
new=$(comm -13 <(printf '%s\n' "${old[@]}" | sort) <("${compose[@]}" ps -q "$SERVICE" | sort) | head -1)
[[ -n $new ]] || die "Compose started no new $SERVICE container"

if ! wait_healthy "$new"; then
    log "the new container is not healthy after ${HEALTH_TIMEOUT_SECONDS}s; its last log lines:"
    docker logs --tail 20 "$new" >&2 || true
    docker rm -f "$new" >/dev/null
    die "the new $SERVICE container was removed; the old one still serves"
fi

log "new container healthy; nginx now sends to both"
"${compose[@]}" exec -T nginx nginx -s reload
sleep 2
log "stopping the old container (it drains first)"
docker stop --time 45 "${old[@]}" >/dev/null
docker rm "${old[@]}" >/dev/null
"${compose[@]}" exec -T nginx nginx -s reload
log "done: $SERVICE runs as ${new:0:12}"

#!/usr/bin/env bash
# A point-in-time restore of the Compose production stack's database
# (`make restore STACK=prod [TARGET_TIME=...]`), driven from the host:
#
#   COMPOSE="docker compose -f docker-compose.yml -f docker-compose.prod.yml" \
#       scripts/pitr-compose-restore.sh [--target-time TIME] [--other-cluster]
#
# 1. The API and the worker stop; in the pitr service, scripts/pitr.sh checks
#    the time, the key, the cluster and every checksum in the repository, and
#    archives the WAL written up to now (restore --prepare). If that refuses,
#    the API and the worker start again and nothing else happened.
# 2. The database stops; the pitr service pushes what it spooled, and stops.
# 3. A one-off pitr container restores the data directory (pgBackRest,
#    --delta) and replays the WAL to the target in a server of its own, which
#    it stops once promoted (restore --stop-after-recovery).
# 4. The database, the pitr service, the API and the worker start again, and
#    nginx reloads to find the API.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib/run-env.sh
source "$root/scripts/lib/run-env.sh"
read -r -a compose <<<"${COMPOSE:?COMPOSE must name the stack, e.g. docker compose -f docker-compose.yml -f docker-compose.prod.yml}"
APP_SERVICES=(backend worker)
PGDATA=/var/lib/postgresql/data

log() { printf 'restore: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The recovery server of step 3: on a socket in the container's /tmp only,
# archiving with pgBackRest itself (this image has it), so the new timeline's
# history reaches the repository as it is made.
recovery_options() {
    # The stanza as Compose gives it to the service: from .env, else app.
    local config=/tmp/pitr/pgbackrest.conf stanza
    stanza=$(env_or_dotenv PITR_STANZA app)
    printf "%s" "-c listen_addresses='' -c unix_socket_directories=/tmp -c archive_mode=on"
    printf " -c archive_command='pgbackrest --config=%s --stanza=%s archive-push %%p'" "$config" "$stanza"
}

# nginx resolves `backend` when it loads its configuration, and a restarted
# container may have a new address: it reloads once the API is back.
start_app() {
    "${compose[@]}" up -d --wait --no-deps "${APP_SERVICES[@]}" >/dev/null
    "${compose[@]}" exec -T nginx nginx -s reload
}

main() {
    local args=("$@")
    log "stopping ${APP_SERVICES[*]}"
    "${compose[@]}" stop "${APP_SERVICES[@]}" >/dev/null
    if ! "${compose[@]}" exec -T pitr bash /scripts/pitr.sh restore --prepare "${args[@]}"; then
        start_app
        die "refused (above); ${APP_SERVICES[*]} started again, nothing was changed"
    fi

    log "stopping the database, then shipping the last spooled WAL"
    "${compose[@]}" stop db >/dev/null
    "${compose[@]}" exec -T pitr bash /scripts/pitr-sidecar.sh --push-once \
        || die "could not ship the spooled WAL; the database is stopped (start it with: ${compose[*]} start db)"
    "${compose[@]}" stop pitr >/dev/null

    "${compose[@]}" run --rm --no-deps -T \
        -e DB_HOST=/tmp -e PITR_PG_OPTIONS="$(recovery_options)" -e PITR_PG_LOG=/tmp/recovery.log \
        --entrypoint bash pitr /scripts/pitr.sh restore --stop-after-recovery "${args[@]}" \
        || die "the restore failed (above); the database, pitr, ${APP_SERVICES[*]} are stopped"

    log "starting the database, pitr, ${APP_SERVICES[*]}"
    "${compose[@]}" up -d --wait --no-deps db pitr >/dev/null
    start_app
    log "done: ${PGDATA} is at ${args[*]:-the latest archived moment}"
}

main "$@"

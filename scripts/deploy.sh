#!/usr/bin/env bash
# shellcheck disable=SC2329 # the remote part's functions run on the server (sent with declare -f)
# Deploys one image tag of the production stack to a server over SSH, with a
# database backup first and an automatic rollback when the new version is not
# healthy. CI runs it (.github/workflows/ci-cd.yml); so can a person:
#
#   DEPLOY_HOST=app.example.com DEPLOY_USER=deploy DEPLOY_SSH_KEY_FILE=~/.ssh/deploy \
#       scripts/deploy.sh sha-0123456789abcdef0123456789abcdef01234567
#
# On the server, in DEPLOY_PATH (a checkout of this repository with its .env),
# in this order, each step logged with a UTC timestamp:
#   1. read the running tag from .deploy/current-tag (written by the last deploy);
#   2. back up the database: scripts/backup.sh in the prod stack's `backup`
#      service (`make dump` cannot reach the database there: no published port);
#   3. pull the new images:      IMAGE_TAG=TAG docker compose -f ... pull
#   4. apply the migrations:     IMAGE_TAG=TAG docker compose -f ... run --rm migrate
#   5. restart on the new images: IMAGE_TAG=TAG docker compose -f ... up -d --remove-orphans
#   6. wait up to DEPLOY_HEALTH_TIMEOUT_SECONDS until `make health STACK=prod`
#      passes (every container running and healthy, by its Compose health check;
#      `migrate` exited 0; none of backend, worker, frontend, nginx, db, redis
#      missing), then reload nginx so that it resolves the new API container;
#   7. record TAG in .deploy/current-tag.
# A failure in steps 2 to 4 stops the deploy: nothing was restarted, the running
# version is untouched. A failure in 5 or 6 rolls back: the previous tag's
# backend, worker and frontend are started again, health is checked again, and
# the script says so, names the backup and exits non-zero. The database is NOT
# restored automatically: migrations must stay backward compatible (the previous
# release must run on the new schema), because restoring would also throw away
# every write made since the backup. The message prints the restore command for
# the case where a migration was not compatible after all.
#
# Why one script over one SSH session: the whole remote part (functions below,
# sent with `declare -f`) is read by the server's bash before any step runs, and
# it ignores SIGHUP/SIGPIPE and logs to DEPLOY_PATH/.deploy/deploy.log as well, so
# a dropped connection neither cuts a half-sent script nor stops a rollback half
# way: the server finishes on its own. A lock (.deploy/lock) keeps two deploys apart.
#
# Environment:
#   DEPLOY_HOST, DEPLOY_USER   the server and the SSH user (member of the docker group)
#   DEPLOY_SSH_KEY_FILE        private key for ssh -i (else ssh's agent or defaults)
#   DEPLOY_SSH_KEY             or the private key itself (CI's secret), kept in a temp file
#   DEPLOY_SSH_KNOWN_HOSTS     the server's known_hosts line(s): checked strictly; without
#                              it the host key is trusted on first use (accept-new)
#   DEPLOY_SSH_PORT            SSH port (default 22)
#   DEPLOY_SSH                 the command that runs a remote shell reading the script
#                              on its stdin, split on spaces; default
#                              `ssh -i KEY -o StrictHostKeyChecking=accept-new USER@HOST bash -s`
#                              (the tests set `bash -s`: a local shell)
#   DEPLOY_PATH                the checkout on the server (default /opt/fullstack-rust)
#   DEPLOY_COMPOSE_FILES       default "docker-compose.yml docker-compose.prod.yml"
#   DEPLOY_HEALTH_TIMEOUT_SECONDS   grace period for health (default 180)
#   DEPLOY_HEALTH_INTERVAL_SECONDS  between two checks (default 5)
#   DEPLOY_HEALTH_CMD          the health check, run by bash in DEPLOY_PATH with IMAGE_TAG
#                              set (default `make --no-print-directory health STACK=prod`)
#   DEPLOY_APP_SERVICES        services that run IMAGE_TAG, restarted on rollback
#                              (default "backend worker frontend")
#   DEPLOY_BACKUP_CMD          a command to use instead of the backup service
#                              (e.g. `make dump` on a native install); its last
#                              output line is reported as the backup
#   BACKEND_IMAGE, FRONTEND_IMAGE, PITR_IMAGE   passed on to Compose when set (else the server's .env)
#
# Exit status: 0 deployed; 1 failed, and the previous version runs (untouched or
# rolled back); 2 usage error; 3 failed and the rollback failed too, or there was
# nothing to roll back to (act now); 255 SSH failed or the connection was lost
# (the server goes on by itself: read .deploy/deploy.log there).
set -euo pipefail

DEPLOY_SSH=${DEPLOY_SSH:-}
DEPLOY_PATH=${DEPLOY_PATH:-/opt/fullstack-rust}
DEPLOY_COMPOSE_FILES=${DEPLOY_COMPOSE_FILES:-docker-compose.yml docker-compose.prod.yml}
DEPLOY_HEALTH_TIMEOUT_SECONDS=${DEPLOY_HEALTH_TIMEOUT_SECONDS:-180}
DEPLOY_HEALTH_INTERVAL_SECONDS=${DEPLOY_HEALTH_INTERVAL_SECONDS:-5}
DEPLOY_HEALTH_CMD=${DEPLOY_HEALTH_CMD:-make --no-print-directory health STACK=prod}
DEPLOY_APP_SERVICES=${DEPLOY_APP_SERVICES:-backend worker frontend}
DEPLOY_BACKUP_CMD=${DEPLOY_BACKUP_CMD:-}
DEPLOY_TAG=
# Set on the server by remote_main.
PREVIOUS_TAG=
BACKUP_NAME=
SSH_DIR=

# Docker's rule for a tag: 1 to 128 characters, no leading dot or dash.
TAG_RE='^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$'

log() { printf '%s deploy: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }

usage() {
    [[ $# -eq 0 ]] || printf 'error: %s\n' "$*" >&2
    cat >&2 <<'EOF'
usage: scripts/deploy.sh IMAGE_TAG
  with DEPLOY_HOST and DEPLOY_USER (and DEPLOY_SSH_KEY_FILE, or an ssh agent),
  or DEPLOY_SSH; DEPLOY_PATH is the checkout on the server (default /opt/fullstack-rust).
  IMAGE_TAG is a Docker tag: letters, digits, '_', '.', '-', at most 128, e.g. sha-<commit>.
EOF
    exit 2
}

# --- the remote part: these functions run on the server --------------------------

# IMAGE_TAG=$1 docker compose -f FILE ... <the rest>
compose_as() {
    local tag=$1 file files=()
    shift
    for file in $DEPLOY_COMPOSE_FILES; do files+=(-f "$file"); done
    IMAGE_TAG=$tag docker compose "${files[@]}" "$@"
}

# IMAGE_TAG: the Compose calls of a deploy all see the tag they act on.
check_health() {
    IMAGE_TAG=$DEPLOY_TAG bash -c "$DEPLOY_HEALTH_CMD"
}

# Polls check_health for the grace period; prints the last failing report.
wait_healthy() {
    local deadline=$((SECONDS + DEPLOY_HEALTH_TIMEOUT_SECONDS)) report
    log "health: waiting up to ${DEPLOY_HEALTH_TIMEOUT_SECONDS}s for $DEPLOY_HEALTH_CMD"
    while :; do
        if report=$(check_health 2>&1); then
            log "health: ok"
            return 0
        fi
        if ((SECONDS >= deadline)); then
            log "health: still failing after ${DEPLOY_HEALTH_TIMEOUT_SECONDS}s:"
            printf '%s\n' "$report"
            return 1
        fi
        sleep "$DEPLOY_HEALTH_INTERVAL_SECONDS"
    done
}

# nginx resolves `backend` when it loads its configuration: a recreated API
# container may have a new address (docs/operations.md, Updating).
reload_nginx() {
    log "reload nginx"
    compose_as "$DEPLOY_TAG" exec -T nginx nginx -s reload
}

# Sets BACKUP_NAME to what the backup printed last (scripts/backup.sh prints its path).
take_backup() {
    local out
    if [[ -n $DEPLOY_BACKUP_CMD ]]; then
        out=$(bash -c "$DEPLOY_BACKUP_CMD") || return 1
    else
        out=$(compose_as "${PREVIOUS_TAG:-$DEPLOY_TAG}" run --rm -T --entrypoint bash backup /scripts/backup.sh) || return 1
    fi
    BACKUP_NAME=$(printf '%s\n' "$out" | awk 'NF { line = $0 } END { print line }')
    BACKUP_NAME=${BACKUP_NAME:-(the backup command printed no name)}
}

report_backup() {
    local files=() file
    for file in $DEPLOY_COMPOSE_FILES; do files+=("-f $file"); done
    log "backup taken before this deploy: $BACKUP_NAME"
    log "the database was NOT restored (migrations must stay backward compatible). If a migration"
    log "of $DEPLOY_TAG broke the previous version, stop backend and worker and restore it (docs/operations.md, Rolling back):"
    log "  cd $(printf '%q' "$DEPLOY_PATH") && docker compose ${files[*]} exec backup bash /scripts/restore.sh ${BACKUP_NAME##*/}"
}

# After a failed restart: the previous tag's services again. --no-deps: the
# previous release's `migrate` must not run, it would refuse a database that
# already has this release's migrations.
roll_back() {
    log "FAILED: $1"
    if [[ -z $PREVIOUS_TAG ]]; then
        log "NO ROLLBACK: .deploy/current-tag recorded no previous tag; $DEPLOY_TAG stays as it is"
        report_backup
        return 3
    fi
    log "rollback: up -d --no-deps $DEPLOY_APP_SERVICES with IMAGE_TAG=$PREVIOUS_TAG"
    # shellcheck disable=SC2086 # a list of service names
    if compose_as "$PREVIOUS_TAG" up -d --no-deps $DEPLOY_APP_SERVICES \
        && DEPLOY_TAG=$PREVIOUS_TAG wait_healthy && DEPLOY_TAG=$PREVIOUS_TAG reload_nginx; then
        log "ROLLED BACK to $PREVIOUS_TAG, which is running and healthy; $DEPLOY_TAG is not deployed"
        report_backup
        return 1
    fi
    log "ROLLBACK FAILED: $PREVIOUS_TAG is not healthy either; the stack needs a person now"
    report_backup
    return 3
}

finish() {
    printf '%s %s previous=%s backup=%s result=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
        "$DEPLOY_TAG" "${PREVIOUS_TAG:--}" "${BACKUP_NAME:--}" "$1" >>.deploy/history
}

remote_main() {
    cd "$DEPLOY_PATH" || { log "error: $DEPLOY_PATH does not exist on the server"; return 1; }
    mkdir -p .deploy
    # Keep going if the SSH connection drops: with SIGHUP and SIGPIPE ignored
    # (tee inherits that), tee drops the closed SSH pipe and keeps writing the log.
    trap '' HUP PIPE
    exec </dev/null > >(tee -a .deploy/deploy.log) 2>&1
    if command -v flock >/dev/null; then
        exec 9>>.deploy/lock
        flock -n 9 || { log "error: another deploy holds $DEPLOY_PATH/.deploy/lock"; return 1; }
    fi
    log "deploying $DEPLOY_TAG in $DEPLOY_PATH on ${HOSTNAME:-$(uname -n)}"
    [[ -f .env ]] || { log "error: no .env in $DEPLOY_PATH (make init, docs/deployment.md)"; return 1; }
    docker compose version >/dev/null || { log "error: docker compose (v2) does not work here"; return 1; }

    PREVIOUS_TAG=$(cat .deploy/current-tag 2>/dev/null || true)
    if [[ -n $PREVIOUS_TAG && ! $PREVIOUS_TAG =~ $TAG_RE ]]; then
        log "warning: ignoring .deploy/current-tag, which is not a tag: $PREVIOUS_TAG"
        PREVIOUS_TAG=
    fi
    log "step 1/6 running tag: ${PREVIOUS_TAG:-none recorded (no rollback possible)}"

    log "step 2/6 backup"
    if ! take_backup; then
        log "FAILED: the backup failed; nothing was changed"
        finish backup-failed
        return 1
    fi
    log "backup: $BACKUP_NAME"

    log "step 3/6 pull $DEPLOY_TAG"
    if ! compose_as "$DEPLOY_TAG" pull --quiet; then
        log "FAILED: pulling the images of $DEPLOY_TAG failed; nothing was changed"
        finish pull-failed
        return 1
    fi

    log "step 4/6 migrate"
    if ! compose_as "$DEPLOY_TAG" run --rm -T migrate; then
        log "FAILED: the migrations of $DEPLOY_TAG failed; nothing was restarted (a failed migration is rolled back)"
        report_backup
        finish migrate-failed
        return 1
    fi

    local status=0
    log "step 5/6 up -d --remove-orphans"
    if ! compose_as "$DEPLOY_TAG" up -d --remove-orphans; then
        roll_back "docker compose up failed for $DEPLOY_TAG" || status=$?
    else
        log "step 6/6 health"
        if ! wait_healthy || ! reload_nginx; then
            roll_back "$DEPLOY_TAG is not healthy" || status=$?
        fi
    fi
    if ((status != 0)); then
        finish "failed-after-restart:$status"
        return "$status"
    fi

    printf '%s\n' "$DEPLOY_TAG" >.deploy/current-tag.tmp
    mv .deploy/current-tag.tmp .deploy/current-tag
    finish deployed
    log "DEPLOYED $DEPLOY_TAG (previous: ${PREVIOUS_TAG:-none}; backup: $BACKUP_NAME)"
}

# --- the local part ----------------------------------------------------------------

# The script the server's bash reads on its stdin: settings, functions, the call.
remote_script() {
    local var
    printf 'set -euo pipefail\n'
    for var in DEPLOY_TAG DEPLOY_PATH DEPLOY_COMPOSE_FILES DEPLOY_HEALTH_TIMEOUT_SECONDS \
        DEPLOY_HEALTH_INTERVAL_SECONDS DEPLOY_HEALTH_CMD \
        DEPLOY_APP_SERVICES DEPLOY_BACKUP_CMD PREVIOUS_TAG BACKUP_NAME TAG_RE; do
        printf '%s=%q\n' "$var" "${!var}"
    done
    for var in BACKEND_IMAGE FRONTEND_IMAGE PITR_IMAGE; do
        if [[ -n ${!var:-} ]]; then printf 'export %s=%q\n' "$var" "${!var}"; fi
    done
    declare -f log compose_as check_health wait_healthy reload_nginx \
        take_backup report_backup roll_back finish remote_main
    printf 'remote_main\n'
}

# The ssh command line, one word per line. DEPLOY_SSH_KEY and DEPLOY_SSH_KNOWN_HOSTS
# (the key and the host's public key as text, as CI has them in secrets) go into
# files of a private temporary directory, removed when the script exits.
ssh_command() {
    local key_file=${DEPLOY_SSH_KEY_FILE:-}
    local host_key=(-o StrictHostKeyChecking=accept-new)
    if [[ -n ${DEPLOY_SSH_KEY:-} ]]; then
        key_file=$SSH_DIR/key
        (umask 077 && printf '%s\n' "$DEPLOY_SSH_KEY" >"$key_file")
    fi
    if [[ -n ${DEPLOY_SSH_KNOWN_HOSTS:-} ]]; then
        printf '%s\n' "$DEPLOY_SSH_KNOWN_HOSTS" >"$SSH_DIR/known_hosts"
        host_key=(-o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$SSH_DIR/known_hosts")
    fi
    printf '%s\n' ssh -o BatchMode=yes "${host_key[@]}" -o ServerAliveInterval=15 -p "${DEPLOY_SSH_PORT:-22}"
    if [[ -n $key_file ]]; then printf '%s\n' -i "$key_file" -o IdentitiesOnly=yes; fi
    printf '%s\n' "$DEPLOY_USER@$DEPLOY_HOST" bash -s
}

main() {
    [[ $# -eq 1 ]] || usage "expected one argument, the image tag"
    DEPLOY_TAG=$1
    [[ $DEPLOY_TAG =~ $TAG_RE ]] || usage "not a valid image tag: '$DEPLOY_TAG'"
    local var
    for var in DEPLOY_HEALTH_TIMEOUT_SECONDS DEPLOY_HEALTH_INTERVAL_SECONDS; do
        [[ ${!var} =~ ^[0-9]+$ ]] || usage "$var must be a number of seconds, not '${!var}'"
    done
    [[ $DEPLOY_APP_SERVICES =~ ^[a-z0-9_.\ -]+$ ]] ||
        usage "DEPLOY_APP_SERVICES must be Compose service names, not '$DEPLOY_APP_SERVICES'"

    local ssh_cmd=() target
    if [[ -n $DEPLOY_SSH ]]; then
        read -r -a ssh_cmd <<<"$DEPLOY_SSH"
        target="DEPLOY_SSH ($DEPLOY_SSH)"
    else
        [[ -n ${DEPLOY_HOST:-} && -n ${DEPLOY_USER:-} ]] || usage "set DEPLOY_HOST and DEPLOY_USER (or DEPLOY_SSH)"
        [[ ${DEPLOY_SSH_PORT:-22} =~ ^[0-9]+$ ]] || usage "DEPLOY_SSH_PORT must be a port number"
        # Neither may start with '-' (an ssh option) or hold spaces or newlines.
        [[ $DEPLOY_USER =~ ^[A-Za-z0-9_][A-Za-z0-9._-]*$ ]] || usage "DEPLOY_USER is not a user name"
        [[ $DEPLOY_HOST =~ ^[A-Za-z0-9_][A-Za-z0-9._:-]*$ ]] || usage "DEPLOY_HOST is not a host name or address"
        SSH_DIR=$(mktemp -d)
        trap 'rm -rf -- "$SSH_DIR"' EXIT
        mapfile -t ssh_cmd < <(ssh_command)
        target="$DEPLOY_USER@$DEPLOY_HOST"
    fi

    log "deploying $DEPLOY_TAG to $target, $DEPLOY_PATH"
    local status
    set +e
    remote_script | "${ssh_cmd[@]}"
    status=${PIPESTATUS[1]}
    set -e
    case $status in
        0) log "done: $DEPLOY_TAG is deployed" ;;
        1) log "deploy of $DEPLOY_TAG FAILED; the previous version runs (see above)" ;;
        3) log "deploy of $DEPLOY_TAG FAILED and the stack may be down: see above" ;;
        255) log "SSH failed or the connection was lost; a deploy that started goes on on the server: $DEPLOY_PATH/.deploy/deploy.log" ;;
        *) log "deploy of $DEPLOY_TAG FAILED (exit status $status)" ;;
    esac
    exit "$status"
}

main "$@"

#!/usr/bin/env bash
# `make health`: one line per service (name, ok or FAIL, detail); exits 1 when
# any line says FAIL.
#
#   COMPOSE="docker compose -f docker-compose.yml -f docker-compose.prod.yml" scripts/health.sh
#
# With a Docker stack (the docker CLI, Compose v2, a reachable engine, and
# `$COMPOSE ps -a` lists containers) it judges the containers, which works on a
# production host too, where the stack publishes no port:
#   - ok:   running and healthy, or running without a health check;
#           the one-shot `migrate` exited with code 0;
#   - FAIL: anything else (exited, restarting, unhealthy, and "starting" too:
#           this answers for now; who waits for a start-up, like
#           scripts/deploy.sh, checks again), and a long-running service
#           (EXPECTED) without a container.
# Without one it probes the native services from the host, on the ports of the
# environment or else .env: the API's /health/ready, the worker's /health,
# PostgreSQL (pg_isready, else a TCP connect) and Redis (PING, with AUTH when
# REDIS_PASSWORD is set).
#
# COMPOSE is the stack's Compose command: make health passes the dev stack's,
# or the prod stack's with STACK=prod.
set -euo pipefail
cd "$(dirname "$0")/.."

COMPOSE=${COMPOSE:-docker compose -f docker-compose.yml -f docker-compose.dev.yml}
EXPECTED=(backend worker frontend nginx db redis)
PS_FORMAT='{{.Service}} {{.State}} {{.ExitCode}} {{.Health}}'
WIDTH=12
FAILED=0

report() {
    if [[ $2 == ok ]]; then
        printf "  %-${WIDTH}s ok    %s\n" "$1" "$3"
    else
        printf "  %-${WIDTH}s FAIL  %s\n" "$1" "$3"
        FAILED=1
    fi
}

# check NAME DETAIL COMMAND...: ok when the command succeeds.
check() {
    local name=$1 detail=$2
    shift 2
    if "$@"; then report "$name" ok "$detail"; else report "$name" FAIL "$detail"; fi
}

# --- the Docker stack ------------------------------------------------------------

docker_works() {
    command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1 \
        && docker info >/dev/null 2>&1
}

# One container's verdict from its `ps` line.
judge() {
    local service=$1 state=$2 code=$3 health=${4:-}
    case $state/$health in
        running/healthy) report "$service" ok "running, healthy" ;;
        running/) report "$service" ok "running, no health check" ;;
        running/starting) report "$service" FAIL "running, starting (not healthy yet)" ;;
        running/*) report "$service" FAIL "running, $health" ;;
        exited/*)
            if [[ $service == migrate && $code == 0 ]]; then
                report "$service" ok "exited with code 0 (one-shot: migrations applied)"
            else
                report "$service" FAIL "exited with code $code"
            fi
            ;;
        *) report "$service" FAIL "$state${health:+, $health} (last exit code $code)" ;;
    esac
}

# Judges the containers of CONTAINERS (the `ps` lines).
docker_report() {
    local service state code health seen=" " missing
    while read -r service _; do
        ((${#service} <= WIDTH)) || WIDTH=${#service}
    done <<<"$CONTAINERS"
    echo "Health (the Docker stack: $COMPOSE ps -a):"
    while read -r service state code health; do
        judge "$service" "$state" "$code" "$health"
        seen+="$service "
    done <<<"$CONTAINERS"
    for missing in "${EXPECTED[@]}"; do
        [[ $seen == *" $missing "* ]] || report "$missing" FAIL "no container"
    done
}

# --- the native services ----------------------------------------------------------

# The probes below run through check (shellcheck cannot see that: SC2329).
# shellcheck disable=SC2329
http_ok() {
    (
        exec 3<>"/dev/tcp/$1/$2" || exit 1
        printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$3" >&3
        IFS= read -r -t 5 line <&3 || exit 1
        [[ $line == HTTP/*" 200 "* ]]
    ) 2>/dev/null
}

# RESP, Redis's protocol: `$4` is a length, not an expansion (SC2016).
# shellcheck disable=SC2329,SC2016
redis_ok() {
    (
        exec 3<>"/dev/tcp/$1/$2" || exit 1
        if [[ -n ${REDIS_PASSWORD:-} ]]; then
            printf '*2\r\n$4\r\nAUTH\r\n$%s\r\n%s\r\n' "${#REDIS_PASSWORD}" "$REDIS_PASSWORD" >&3
            IFS= read -r -t 5 line <&3 || exit 1
            [[ $line == +OK* ]] || exit 1
        fi
        printf '*1\r\n$4\r\nPING\r\n' >&3
        IFS= read -r -t 5 line <&3 || exit 1
        [[ $line == +PONG* ]]
    ) 2>/dev/null
}

# shellcheck disable=SC2329
tcp_ok() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

native_report() {
    local api=${API_PORT:-8000} worker=${WORKER_METRICS_PORT:-9100}
    local dbh=${DB_HOST:-127.0.0.1} dbp=${DB_PORT:-5432} rh=${REDIS_HOST:-127.0.0.1} rp=${REDIS_PORT:-6379}
    echo "Health:"
    check api "http://127.0.0.1:$api/health/ready" http_ok 127.0.0.1 "$api" /health/ready
    check worker "http://127.0.0.1:$worker/health" http_ok 127.0.0.1 "$worker" /health
    if command -v pg_isready >/dev/null; then
        check postgresql "pg_isready -h $dbh -p $dbp" pg_isready -q -h "$dbh" -p "$dbp" -t 5
    else
        check postgresql "$dbh:$dbp accepts TCP (pg_isready not installed)" tcp_ok "$dbh" "$dbp"
    fi
    check redis "PING $rh:$rp${REDIS_PASSWORD:+ (with AUTH)}" redis_ok "$rh" "$rp"
}

# --- main -------------------------------------------------------------------------

CONTAINERS=
note="no docker CLI, Docker Compose v2 or reachable engine"
if docker_works; then
    read -r -a compose <<<"$COMPOSE"
    errors=$(mktemp)
    trap 'rm -f -- "$errors"' EXIT
    if CONTAINERS=$("${compose[@]}" ps -a --format "$PS_FORMAT" 2>"$errors"); then
        cat "$errors" >&2 # Compose's warnings
        note="the stack has no containers"
    else
        CONTAINERS=
        note="\`$COMPOSE ps\` failed: $(head -n 1 "$errors")"
    fi
fi

if [[ -n $CONTAINERS ]]; then
    docker_report
else
    # .env fills in what the environment does not set. At the top level: the
    # `declare -x` lines of `export -p` would make locals in a function.
    if [[ -f .env ]]; then
        saved=$(export -p)
        set -a +u
        # shellcheck disable=SC1091 # the operator's file
        source ./.env || true
        set +a -u
        eval "$saved"
    fi
    native_report
    echo
    echo "Containers: skipped ($note)"
fi
exit "$FAILED"

#!/usr/bin/env bash
# Load benchmark of the API (`make bench`); see "Benchmarks" in the README.
#
# Builds the release binary, starts it against a fresh database, drives four
# endpoints with wrk, runs the items-list SQL through pgbench with the same
# connection count, and prints one table. Targets are printed, not enforced.
#
# Environment (all optional):
#   BENCH_DATABASE_URL  database to (re)create   [postgres://postgres@127.0.0.1:5432/app_bench]
#                       It is DROPPED and recreated on every run.
#   BENCH_DURATION      seconds per run           [10]
#   BENCH_CONNECTIONS   wrk and pgbench clients   [64]
#   BENCH_POOL_SIZE     the API's DB pool size    [8]
#
# Raw outputs go to backend/bench/results/ (git-ignored).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BACKEND_DIR="$(dirname "$BENCH_DIR")"
RESULTS="$BENCH_DIR/results"
APP="$BACKEND_DIR/target/release/app"

DB_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/app_bench}"
DURATION="${BENCH_DURATION:-10}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
THREADS=2
# Pool size 8: this is a 2-core machine shared by PostgreSQL, the API and wrk.
# PostgreSQL gains no throughput beyond a few active backends per core (the
# usual rule is cores x 2 + 1 = 5); a little more hides the network round
# trips, while more backends than that only queue on the 2 cores and lengthen
# the tail. Measured here (interleaved 5 s runs, 64 wrk connections): pools of
# 8 / 16 / 32 gave items-list 5.4k / 5.1k / 4.1k req/s and /users/me
# 17.6k / 16.3k / 15.2k req/s, with the best p99 at 8.
POOL_SIZE="${BENCH_POOL_SIZE:-8}"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

need() { # command, how to get it
    command -v "$1" >/dev/null 2>&1 || die "$1 is missing; $2"
}
need wrk "install it with: apt-get install wrk"
need pgbench "install it with: apt-get install postgresql-client"
need psql "install it with: apt-get install postgresql-client"
need curl "install it with: apt-get install curl"
need python3 "install Python 3"
need cargo "install Rust (https://rustup.rs)"
[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || die "BENCH_DURATION must be a whole number of seconds"
[[ "$CONNECTIONS" =~ ^[1-9][0-9]*$ ]] && (( CONNECTIONS >= THREADS )) \
    || die "BENCH_CONNECTIONS must be an integer >= $THREADS (wrk's thread count)"

mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.txt "$RESULTS"/*.log "$RESULTS"/*.json

SERVER_PID=""
WRK_PID=""
cleanup() { # stops the server (and a wrk still running when interrupted)
    if [[ -n "$WRK_PID" ]]; then
        kill "$WRK_PID" 2>/dev/null || true
    fi
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 1. Build -----------------------------------------------------------------
log "building the API in release mode (may wait for cargo's lock)"
(cd "$BACKEND_DIR" && cargo build --release --quiet)  # SQLX_OFFLINE comes from .cargo/config.toml
[[ -x "$APP" ]] || die "no binary at $APP"

# --- 2. Fresh database --------------------------------------------------------
# The same URL, pointing at the maintenance database "postgres"; and the name.
db_parts="$(python3 - "$DB_URL" <<'PY'
import sys, urllib.parse
url = urllib.parse.urlsplit(sys.argv[1])
name = urllib.parse.unquote(url.path.lstrip("/"))
if not name or "/" in name:
    sys.exit("BENCH_DATABASE_URL must end with a database name")
print(urllib.parse.urlunsplit(url._replace(path="/postgres")), name)
PY
)"
read -r ADMIN_URL DB_NAME <<< "$db_parts"
log "recreating database $DB_NAME"
psql "$ADMIN_URL" -X -q -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" \
    -c "CREATE DATABASE \"$DB_NAME\"" >/dev/null
DATABASE_URL="$DB_URL" "$APP" migrate up > "$RESULTS/migrate.log" 2>&1 \
    || { cat "$RESULTS/migrate.log" >&2; die "migrations failed"; }

# --- 3. Start the server ------------------------------------------------------
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
log "starting the API on port $PORT (pool of $POOL_SIZE connections)"
# env -u: a developer's RUST_LOG or FIRST_SUPERUSER must not leak in.
env -u RUST_LOG -u FIRST_SUPERUSER -u FIRST_SUPERUSER_PASSWORD \
    DATABASE_URL="$DB_URL" API_HOST=127.0.0.1 API_PORT="$PORT" \
    ENVIRONMENT=production LOG_LEVEL=ERROR \
    SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_hex(32))')" \
    DB_POOL_MAX_CONNECTIONS="$POOL_SIZE" \
    REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/0}" REDIS_KEY_PREFIX="bench:$$:" \
    "$APP" serve > "$RESULTS/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 100); do
    curl -fsS -o /dev/null "$BASE/health/ready" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$RESULTS/server.log" >&2; die "the API exited during start-up"; }
    sleep 0.2
done
curl -fsS -o /dev/null "$BASE/health/ready" || die "the API is not ready after 20 s (see $RESULTS/server.log)"

status_kb() { # VmRSS or VmHWM of the server, in kB (0 once it is gone)
    awk -v key="$1:" '$1 == key { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0
}
sleep 1
IDLE_RSS_KB="$(status_kb VmRSS)"

# --- 4. Data --------------------------------------------------------------------
# curl_json METHOD PATH EXPECTED_STATUS [curl args...]: prints the body.
curl_json() {
    local method=$1 path=$2 expected=$3 body code
    shift 3
    body="$(mktemp)"
    code="$(curl -sS -o "$body" -w '%{http_code}' -X "$method" "$@" "$BASE$path")"
    if [[ "$code" != "$expected" ]]; then
        printf 'bench: %s %s answered %s, expected %s:\n' "$method" "$path" "$code" "$expected" >&2
        cat "$body" >&2; echo >&2; rm -f "$body"; exit 1
    fi
    cat "$body"; rm -f "$body"
}
json_field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# new_user NAME: signs a user up, prints "<id> <access token>".
new_user() {
    local email="bench-$1-$RANDOM$RANDOM@example.com" password="bench-password-$RANDOM$RANDOM" id token
    id="$(curl_json POST /api/v1/users/signup 201 -H 'Content-Type: application/json' \
        -d "{\"email\": \"$email\", \"password\": \"$password\"}" | json_field id)" \
        || die "signup refused with ENVIRONMENT=production (see above)"
    token="$(curl_json POST /api/v1/login/access-token 200 \
        --data-urlencode "username=$email" --data-urlencode "password=$password" | json_field access_token)"
    echo "$id $token"
}

log "creating the benchmark user and 50 items"
creds="$(new_user reader)"
read -r USER_ID TOKEN <<< "$creds"
for i in $(seq 50); do
    curl_json POST /api/v1/items/ 201 -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"title\": \"Item $i\", \"description\": \"Benchmark item number $i\"}" >/dev/null
done
# The POST run creates thousands of items; it uses a second user so that the
# first keeps exactly 50 and the items-list and pgbench runs see the same data.
creds="$(new_user writer)"
read -r _ WRITER_TOKEN <<< "$creds"

# --- 5 and 6. wrk, sampling the server's RSS -----------------------------------
# run_wrk NAME SCRIPT PATH TOKEN: raw output in results/wrk_NAME.txt, peak RSS
# (VmRSS sampled every 100 ms) appended to results/rss.txt.
run_wrk() {
    local name=$1 script=$2 path=$3 token=$4 out="$RESULTS/wrk_$1.txt" peak=0 rss
    log "wrk: $name ($CONNECTIONS connections, ${DURATION}s)"
    (cd "$BENCH_DIR" && BENCH_TOKEN="$token" exec wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" \
        --latency -s "$script" "$BASE$path") > "$out" 2>&1 &
    WRK_PID=$!
    while kill -0 "$WRK_PID" 2>/dev/null; do
        rss="$(status_kb VmRSS)"
        (( rss > peak )) && peak=$rss
        sleep 0.1
    done
    wait "$WRK_PID" || { cat "$out" >&2; die "wrk failed on $path"; }
    WRK_PID=""
    grep -q '^BENCH_RESULT ' "$out" || { cat "$out" >&2; die "wrk printed no result for $path"; }
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$RESULTS/server.log" >&2; die "the API died during $name"; }
    echo "peak_rss_kb $name $peak" >> "$RESULTS/rss.txt"
}

# Other work on the machine skews every figure; the report shows the load.
cut -d' ' -f1-3 /proc/loadavg > "$RESULTS/loadavg.txt"
echo "idle_rss_kb $IDLE_RSS_KB" > "$RESULTS/rss.txt"
# After the set-up's 4 Argon2 hashes (19 MiB each), before any load.
echo "setup_rss_kb $(status_kb VmRSS)" >> "$RESULTS/rss.txt"
run_wrk health-check get.lua "/api/v1/utils/health-check/" ""
run_wrk users-me get.lua "/api/v1/users/me" "$TOKEN"
run_wrk items-list get.lua "/api/v1/items/?limit=20" "$TOKEN"
run_wrk items-create create_item.lua "/api/v1/items/" "$WRITER_TOKEN"
echo "hwm_kb $(status_kb VmHWM)" >> "$RESULTS/rss.txt"

# The server is done; stop it so that pgbench has the machine (and the
# database connections) to itself.
cleanup

# --- 7. pgbench: the same SQL straight to PostgreSQL ----------------------------
run_pgbench() { # NAME SCRIPT
    log "pgbench: $1 ($CONNECTIONS connections, ${DURATION}s)"
    pgbench -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" \
        -D owner="$USER_ID" -D session="$(cat /proc/sys/kernel/random/uuid)" \
        -f "$BENCH_DIR/$2" "$DB_URL" > "$RESULTS/pgbench_$1.txt" 2>&1 \
        || { cat "$RESULTS/pgbench_$1.txt" >&2; die "pgbench failed"; }
}
run_pgbench items-list items_list.sql

# --- 8. The table -----------------------------------------------------------------
python3 "$BENCH_DIR/report.py" "$RESULTS" "$CONNECTIONS" "$DURATION" "$POOL_SIZE" | tee "$RESULTS/summary.txt"

# --- 9. The job queue ---------------------------------------------------------------
log "job queue: throughput and pickup delay"
python3 "$BENCH_DIR/jobs.py" "$APP" "$RESULTS" | tee -a "$RESULTS/summary.txt"

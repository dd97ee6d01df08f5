# shellcheck shell=bash disable=SC2034  # the arrays are read by the scripts that source it
# Shared by run.sh (`make bench`) and profile.sh (`make profile`): the API
# servers under test, their databases, their data and the load. The caller
# sets BENCH_DIR, RESULTS, POOL_SIZE, REDIS_URL, THREADS, CONNECTIONS,
# DURATION, BUILDS (current, and baseline when there is one) and, per build,
# APP[build], LABEL[build] and DB[build].

declare -A APP LABEL DB PID PORT TOKEN WRITER_TOKEN USER_ID
WRK_PID=""

# Stops the servers (and a wrk still running when interrupted); the callers'
# EXIT trap.
cleanup() {
    if [[ -n "$WRK_PID" ]]; then
        kill "$WRK_PID" 2>/dev/null || true
    fi
    local build
    for build in "${BUILDS[@]}"; do
        if [[ -n "${PID[$build]:-}" ]] && kill -0 "${PID[$build]}" 2>/dev/null; then
            kill "${PID[$build]}" 2>/dev/null || true
            wait "${PID[$build]}" 2>/dev/null || true
        fi
    done
}

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

need() { # command, how to get it
    command -v "$1" >/dev/null 2>&1 || die "$1 is missing; $2"
}

# What every load run needs, whichever script drives it.
check_load_tools() {
    need wrk "install it with: apt-get install wrk"
    need psql "install it with: apt-get install postgresql-client"
    need curl "install it with: apt-get install curl"
    need python3 "install Python 3"
    need cargo "install Rust (https://rustup.rs)"
    [[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || die "BENCH_DURATION must be a whole number of seconds"
}
# database_name URL: the database a URL names.
database_name() {
    python3 - "$1" <<'PY'
import sys, urllib.parse
name = urllib.parse.unquote(urllib.parse.urlsplit(sys.argv[1]).path.lstrip("/"))
if not name or "/" in name:
    sys.exit("BENCH_DATABASE_URL must end with a database name")
print(name)
PY
}
# database_url URL NAME: the same server, user and ?options, naming database NAME.
database_url() {
    python3 - "$1" "$2" <<'PY'
import sys, urllib.parse
url = urllib.parse.urlsplit(sys.argv[1])
print(urllib.parse.urlunsplit(url._replace(path="/" + urllib.parse.quote(sys.argv[2]))))
PY
}
# recreate_database BUILD: DB[BUILD] dropped, created and migrated by APP[BUILD].
recreate_database() {
    local build=$1 admin_url db_name
    db_name="$(database_name "${DB[$build]}")"
    admin_url="$(database_url "${DB[$build]}" postgres)"
    log "recreating database $db_name"
    psql "$admin_url" -X -q -v ON_ERROR_STOP=1 \
        -c "DROP DATABASE IF EXISTS \"$db_name\" WITH (FORCE)" \
        -c "CREATE DATABASE \"$db_name\"" >/dev/null
    DATABASE_URL="${DB[$build]}" "${APP[$build]}" migrate up > "$RESULTS/migrate_$build.log" 2>&1 \
        || { cat "$RESULTS/migrate_$build.log" >&2; die "migrations failed ($build)"; }
}

# The processes whose CPU each run takes: PostgreSQL's postmaster (the parent
# of its checkpointer) and Redis, when they run on this machine (else 0).
postmaster_pid() {
    local checkpointer
    checkpointer="$(psql "${DB[current]}" -XAtq -c "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'")"
    awk '{ print $4 }' "/proc/$checkpointer/stat" 2>/dev/null || echo 0
}
redis_pid() {
    local pid
    pid="$(python3 - "$REDIS_URL" <<'PY' 2>/dev/null
import socket, sys, urllib.parse
url = urllib.parse.urlsplit(sys.argv[1])
with socket.create_connection((url.hostname or "127.0.0.1", url.port or 6379), timeout=5) as s:
    if url.password:
        s.sendall(f"AUTH {urllib.parse.unquote(url.password)}\r\n".encode()); s.recv(1024)
    s.sendall(b"INFO server\r\n")
    data = b""
    while b"process_id:" not in data or not data.endswith(b"\r\n"):
        data += s.recv(65536)
print(data.split(b"process_id:")[1].split(b"\r\n")[0].decode())
PY
)" || pid=0
    [[ -r "/proc/${pid:-0}/stat" ]] && echo "$pid" || echo 0
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
status_kb() { # PID VmRSS|VmHWM, in kB (0 once the process is gone)
    awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
}
start_server() { # BUILD
    local build=$1 port base
    port="$(free_port)"
    base="http://127.0.0.1:$port"
    log "starting $build (${LABEL[$build]}) on port $port (pool of $POOL_SIZE connections)"
    # env -u: a developer's RUST_LOG or FIRST_SUPERUSER must not leak in.
    env -u RUST_LOG -u FIRST_SUPERUSER -u FIRST_SUPERUSER_PASSWORD \
        DATABASE_URL="${DB[$build]}" API_HOST=127.0.0.1 API_PORT="$port" \
        ENVIRONMENT=production LOG_LEVEL=ERROR \
        SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_hex(32))')" \
        DB_POOL_MAX_CONNECTIONS="$POOL_SIZE" \
        REDIS_URL="$REDIS_URL" REDIS_KEY_PREFIX="bench:$$:$build:" \
        "${APP[$build]}" serve > "$RESULTS/server_$build.log" 2>&1 &
    PID[$build]=$!
    PORT[$build]=$port
    for _ in $(seq 100); do
        curl -fsS -o /dev/null "$base/health/ready" 2>/dev/null && break
        kill -0 "${PID[$build]}" 2>/dev/null || { cat "$RESULTS/server_$build.log" >&2; die "the API ($build) exited during start-up"; }
        sleep 0.2
    done
    curl -fsS -o /dev/null "$base/health/ready" || die "the API ($build) is not ready after 20 s (see $RESULTS/server_$build.log)"
    sleep 1
    echo "idle_rss_kb $build $(status_kb "${PID[$build]}" VmRSS)" >> "$RESULTS/rss.txt"
}

# curl_json BUILD METHOD PATH EXPECTED_STATUS [curl args...]: prints the body.
curl_json() {
    local build=$1 method=$2 path=$3 expected=$4 body code
    shift 4
    body="$(mktemp)"
    code="$(curl -sS -o "$body" -w '%{http_code}' -X "$method" "$@" "http://127.0.0.1:${PORT[$build]}$path")"
    if [[ "$code" != "$expected" ]]; then
        printf 'bench: %s %s (%s) answered %s, expected %s:\n' "$method" "$path" "$build" "$code" "$expected" >&2
        cat "$body" >&2; echo >&2; rm -f "$body"; exit 1
    fi
    cat "$body"; rm -f "$body"
}
json_field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# new_user BUILD NAME: signs a user up, prints "<id> <access token>".
new_user() {
    local build=$1 email="bench-$2-$RANDOM$RANDOM@example.com" password="bench-password-$RANDOM$RANDOM" id token
    id="$(curl_json "$build" POST /api/v1/users/signup 201 -H 'Content-Type: application/json' \
        -d "{\"email\": \"$email\", \"password\": \"$password\"}" | json_field id)" \
        || die "signup refused with ENVIRONMENT=production (see above)"
    token="$(curl_json "$build" POST /api/v1/login/access-token 200 \
        --data-urlencode "username=$email" --data-urlencode "password=$password" | json_field access_token)"
    echo "$id $token"
}

# The benchmark user with 50 items; the POST runs create thousands of items
# as a second user, so that the first keeps exactly 50 and the items-list and
# pgbench runs see the same data in every round.
populate() { # BUILD
    local build=$1 creds
    log "creating the benchmark user and 50 items ($build)"
    creds="$(new_user "$build" reader)"
    read -r "USER_ID[$build]" "TOKEN[$build]" <<< "$creds"
    for i in $(seq 50); do
        curl_json "$build" POST /api/v1/items/ 201 -H "Authorization: Bearer ${TOKEN[$build]}" \
            -H 'Content-Type: application/json' \
            -d "{\"title\": \"Item $i\", \"description\": \"Benchmark item number $i\"}" >/dev/null
    done
    creds="$(new_user "$build" writer)"
    read -r _ "WRITER_TOKEN[$build]" <<< "$creds"
    # After the set-up's 4 Argon2 hashes (19 MiB each), before any load.
    echo "setup_rss_kb $build $(status_kb "${PID[$build]}" VmRSS)" >> "$RESULTS/rss.txt"
}


# start_wrk BUILD ENDPOINT OUT: wrk on one of the benchmark's endpoints of
# BUILD's server, in the background (WRK_PID), its output into OUT.
start_wrk() {
    local build=$1 name=$2 out=$3 script path token
    case "$name" in
        health-check) script=get.lua path="/api/v1/utils/health-check/" token="" ;;
        users-me) script=get.lua path="/api/v1/users/me" token="${TOKEN[$build]}" ;;
        items-list) script=get.lua path="/api/v1/items/?limit=20" token="${TOKEN[$build]}" ;;
        items-create) script=create_item.lua path="/api/v1/items/" token="${WRITER_TOKEN[$build]}" ;;
        *) die "no endpoint $name: use health-check, users-me, items-list or items-create" ;;
    esac
    (cd "$BENCH_DIR" && BENCH_TOKEN="$token" exec wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" \
        --latency -s "$script" "http://127.0.0.1:${PORT[$build]}$path") > "$out" 2>&1 &
    WRK_PID=$!
}

#!/usr/bin/env bash
# `make run`: the API, the worker and the SPA side by side, from one release
# build of the backend and the built SPA (frontend/dist, served by Vite's
# preview server, which sends /api to the API as nginx does in containers).
# Prints where each is once all three answer. Ctrl-C (or SIGTERM) stops all
# three; each finishes its in-flight work first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
APP="$root/backend/target/release/app"
# The ports (environment, else .env, else the defaults) and the banner.
# shellcheck source=scripts/lib/run-env.sh
source "$root/scripts/lib/run-env.sh"

# Before starting anything: `make run` checked before building, but another
# instance may have started meanwhile.
"$root/scripts/check-ports.sh"

cd "$root/backend"
"$APP" worker &
WORKER=$!
"$APP" serve &
API=$!
(cd "$root/frontend" && VITE_API_PROXY="http://127.0.0.1:$api_port" \
    exec ./node_modules/.bin/vite preview --host 127.0.0.1 --port "$frontend_port" --strictPort) &
SPA=$!

stop() { kill -TERM "$API" "$WORKER" "$SPA" 2>/dev/null || true; }
trap stop INT TERM

answers() { "$APP" healthcheck --port "$1" --path "$2" >/dev/null 2>&1; }
running() { kill -0 "$API" "$WORKER" "$SPA" 2>/dev/null; }

# Returns once the API is ready (PostgreSQL and Redis answer), the worker
# healthy and the SPA served; fails as soon as one of them has exited. Each
# failed readiness check is logged by the API: after 30 s, ask less often.
wait_until_ready() {
    local tries=0
    until answers "$api_port" /health/ready && answers "$worker_port" /health &&
        answers "$frontend_port" /; do
        running || return 1
        tries=$((tries + 1))
        if (( tries == 30 )); then
            echo "Not ready after 30 s: the API's log above says what it waits for (PostgreSQL, Redis)." >&2
        fi
        if (( tries < 30 )); then sleep 1; else sleep 5; fi
    done
}

if wait_until_ready; then print_banner; fi
# Whichever exits first (a crash, or a signal), the others follow.
wait -n "$API" "$WORKER" "$SPA" || status=$?
stop
wait "$API" "$WORKER" "$SPA" 2>/dev/null || true
exit "${status:-0}"

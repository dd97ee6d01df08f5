#!/usr/bin/env bash
# `make run`: the API, the worker and the SPA side by side, from one release
# build of the backend and the built SPA (frontend/dist, served by Vite's
# preview server, which sends /api to the API as nginx does in containers).
# Ctrl-C (or SIGTERM) stops all three; each finishes its in-flight work first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
APP="$root/backend/target/release/app"

# Ports from the environment, else .env, else the defaults.
env_or_dotenv() {
    local name=$1 default=$2 value=${!1:-}
    if [[ -z "$value" && -f "$root/.env" ]]; then
        value=$(sed -n "s/^$name=//p" "$root/.env" | tail -n 1)
    fi
    echo "${value:-$default}"
}
api_port=$(env_or_dotenv API_PORT 8000)
frontend_port=$(env_or_dotenv FRONTEND_PORT 3000)

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
# Whichever exits first (a crash, or a signal), the others follow.
wait -n "$API" "$WORKER" "$SPA" || status=$?
stop
wait "$API" "$WORKER" "$SPA" 2>/dev/null || true
exit "${status:-0}"

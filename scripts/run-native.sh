#!/usr/bin/env bash
# `make run`: the API and the worker side by side from one release build.
# Ctrl-C (or SIGTERM) stops both; each finishes its in-flight work first.
set -euo pipefail
cd "$(dirname "$0")/../backend"
APP=./target/release/app

"$APP" worker &
WORKER=$!
"$APP" serve &
API=$!

stop() { kill -TERM "$API" "$WORKER" 2>/dev/null || true; }
trap stop INT TERM
# Whichever exits first (a crash, or a signal), the other follows.
wait -n "$API" "$WORKER" || status=$?
stop
wait "$API" "$WORKER" 2>/dev/null || true
exit "${status:-0}"

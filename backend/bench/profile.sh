#!/usr/bin/env bash
# Flame graphs of the API under load (`make profile`); see "Benchmarks" in the
# README.
#
# Builds the API with the `profiling` Cargo profile (the release build, plus
# line tables and frame pointers, so that perf can walk the stacks) and starts
# it as `make bench` does (lib.sh: a fresh database, the benchmark user and 50
# items). Then, for each endpoint, wrk drives it while `perf record -g`
# samples the API process, and inferno turns the samples into
# backend/bench/profiles/ENDPOINT.svg (git-ignored; open it in a browser).
#
# Environment (all optional):
#   PROFILE_ENDPOINTS   [users-me items-list items-create] (or health-check)
#   PROFILE_FREQUENCY   samples per second               [999]
#   BENCH_DURATION, BENCH_CONNECTIONS, BENCH_POOL_SIZE, BENCH_DATABASE_URL,
#   BENCH_REDIS_URL     as for make bench
#
# Needs perf (Debian: apt-get install linux-perf) with the right to sample
# (root, or kernel.perf_event_paranoid <= 1). inferno comes from crates.io at
# a pinned version, installed once under backend/target/tools.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BACKEND_DIR="$(dirname "$BENCH_DIR")"
RESULTS="$BENCH_DIR/results"
PROFILES="$BENCH_DIR/profiles"
INFERNO_VERSION=0.12.8
TOOLS="$BACKEND_DIR/target/tools"

DB_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/app_bench}"
REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/0}"
DURATION="${BENCH_DURATION:-10}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
POOL_SIZE="${BENCH_POOL_SIZE:-8}"
FREQUENCY="${PROFILE_FREQUENCY:-999}"
read -r -a ENDPOINTS <<< "${PROFILE_ENDPOINTS:-users-me items-list items-create}"
THREADS=2

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$BENCH_DIR/lib.sh"
check_load_tools
need perf "install it with: apt-get install linux-perf"
[[ "$FREQUENCY" =~ ^[1-9][0-9]*$ ]] || die "PROFILE_FREQUENCY must be a whole number of samples per second"
for name in "${ENDPOINTS[@]}"; do
    [[ "$name" =~ ^(health-check|users-me|items-list|items-create)$ ]] \
        || die "PROFILE_ENDPOINTS: no endpoint $name (use health-check, users-me, items-list, items-create)"
done
if (( EUID != 0 )) && (( $(cat /proc/sys/kernel/perf_event_paranoid) > 1 )); then
    die "perf may not sample here: run as root, or set kernel.perf_event_paranoid to 1 (sysctl)"
fi

mkdir -p "$RESULTS" "$PROFILES"
BUILDS=(current)
APP[current]="$BACKEND_DIR/target/profiling/app"
LABEL[current]="the profiling build"
DB[current]="$DB_URL"
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ ! -x "$TOOLS/bin/inferno-flamegraph" ]] \
    || [[ "$("$TOOLS/bin/inferno-flamegraph" --version 2>/dev/null)" != *" $INFERNO_VERSION" ]]; then
    log "installing inferno $INFERNO_VERSION from crates.io into $TOOLS"
    cargo install --quiet --locked --root "$TOOLS" --version "$INFERNO_VERSION" inferno
fi

log "building the API with the profiling profile (release, line tables, frame pointers)"
(cd "$BACKEND_DIR" && RUSTFLAGS="-C force-frame-pointers=yes" cargo build --profile profiling --quiet)
recreate_database current
start_server current
populate current

for name in "${ENDPOINTS[@]}"; do
    data="$RESULTS/perf_$name.data"
    log "profiling $name: wrk ($CONNECTIONS connections, ${DURATION}s), perf at $FREQUENCY Hz"
    start_wrk current "$name" "$RESULTS/profile_wrk_$name.txt"
    perf record --quiet -F "$FREQUENCY" -g -p "${PID[current]}" -o "$data" -- sleep "$DURATION" \
        > "$RESULTS/perf_$name.log" 2>&1 || { cat "$RESULTS/perf_$name.log" >&2; die "perf record failed"; }
    wait "$WRK_PID" || die "wrk failed on $name"
    WRK_PID=""
    perf script -i "$data" 2>/dev/null \
        | "$TOOLS/bin/inferno-collapse-perf" \
        | "$TOOLS/bin/inferno-flamegraph" --title "API: $name under load ($CONNECTIONS connections)" \
        > "$PROFILES/$name.svg"
    printf '%s\n' "$PROFILES/$name.svg"
done

#!/usr/bin/env bash
# Load benchmark of the API (`make bench`); see "Benchmarks" in the README.
#
# Builds the release binary (and, with BASELINE, the same of another git ref),
# starts each against a fresh database, drives four endpoints with wrk and
# runs the items-list SQL through pgbench with the same connection count, in
# BENCH_ROUNDS interleaved rounds. For every run it takes the CPU time of the
# API, of PostgreSQL and of Redis from /proc, so the table shows each one's
# CPU per request next to req/s, p50, p99 and memory: the medians of the
# rounds. Targets are printed, not enforced.
#
# Environment (all optional):
#   BASELINE            a git ref (main, a tag, a commit) to build and run in the
#                       same rounds, for a comparison on the same machine
#   BENCH_ROUNDS        interleaved rounds; the table shows their medians [3]
#   BENCH_DATABASE_URL  database to (re)create   [postgres://postgres@127.0.0.1:5432/app_bench]
#                       It is DROPPED and recreated on every run (the baseline's
#                       is the same name with _baseline).
#   BENCH_DURATION      seconds per run           [10]
#   BENCH_CONNECTIONS   wrk and pgbench clients   [64]
#   BENCH_POOL_SIZE     the API's DB pool size    [8]
#
# Raw outputs go to backend/bench/results/ (git-ignored).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BACKEND_DIR="$(dirname "$BENCH_DIR")"
REPO_DIR="$(dirname "$BACKEND_DIR")"
RESULTS="$BENCH_DIR/results"

DB_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/app_bench}"
REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/0}"
DURATION="${BENCH_DURATION:-10}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
ROUNDS="${BENCH_ROUNDS:-3}"
BASELINE="${BASELINE:-}"
THREADS=2
# Pool size 8: this is a 2-core machine shared by PostgreSQL, the API and wrk.
# PostgreSQL gains no throughput beyond a few active backends per core (the
# usual rule is cores x 2 + 1 = 5); a little more hides the network round
# trips, while more backends than that only queue on the 2 cores and lengthen
# the tail. Measured here (interleaved 5 s runs, 64 wrk connections): pools of
# 8 / 16 / 32 gave items-list 5.4k / 5.1k / 4.1k req/s and /users/me
# 17.6k / 16.3k / 15.2k req/s, with the best p99 at 8.
POOL_SIZE="${BENCH_POOL_SIZE:-8}"
ENDPOINTS=(health-check users-me items-list items-create)

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$BENCH_DIR/lib.sh"

check_load_tools
need pgbench "install it with: apt-get install postgresql-client"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a whole number of rounds (1 or more)"
[[ "$CONNECTIONS" =~ ^[1-9][0-9]*$ ]] && (( CONNECTIONS >= THREADS )) \
    || die "BENCH_CONNECTIONS must be an integer >= $THREADS (wrk's thread count)"
if [[ -n "$BASELINE" ]]; then
    BASELINE_COMMIT="$(git -C "$REPO_DIR" rev-parse --verify --quiet "$BASELINE^{commit}")" \
        || die "BASELINE=$BASELINE is not a commit of this repository (a branch, tag or commit id)"
fi

mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.txt "$RESULTS"/*.log "$RESULTS"/*.json

# Per build: "current" (this checkout) and, with BASELINE, "baseline".
BUILDS=(current)
APP[current]="$BACKEND_DIR/target/release/app"
LABEL[current]="this checkout ($(git -C "$REPO_DIR" rev-parse --short HEAD)$(git -C "$REPO_DIR" diff --quiet HEAD -- backend 2>/dev/null || echo ', modified'))"
DB[current]="$DB_URL"
if [[ -n "$BASELINE" ]]; then
    BUILDS+=(baseline)
    LABEL[baseline]="$BASELINE (${BASELINE_COMMIT:0:7})"
    db_name="$(database_name "$DB_URL")"
    DB[baseline]="$(database_url "$DB_URL" "${db_name}_baseline")"
fi

trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 1. Build -----------------------------------------------------------------
log "building the API in release mode (may wait for cargo's lock)"
(cd "$BACKEND_DIR" && cargo build --release --quiet)  # SQLX_OFFLINE comes from .cargo/config.toml
if [[ -n "$BASELINE" ]]; then
    # The ref's backend/ as it was committed, built in a target folder of its
    # own (kept between runs, so a second run of the same ref builds nothing).
    BASELINE_DIR="$BACKEND_DIR/target/bench-baseline"
    log "building $BASELINE ($BASELINE_COMMIT) in release mode in $BASELINE_DIR"
    rm -rf "$BASELINE_DIR/src" && mkdir -p "$BASELINE_DIR/src"
    git -C "$REPO_DIR" archive "$BASELINE_COMMIT" backend rust-toolchain.toml | tar -x -C "$BASELINE_DIR/src"
    (cd "$BASELINE_DIR/src/backend" && CARGO_TARGET_DIR="$BASELINE_DIR/target" cargo build --release --quiet)
    APP[baseline]="$BASELINE_DIR/target/release/app"
fi
for build in "${BUILDS[@]}"; do
    [[ -x "${APP[$build]}" ]] || die "no binary at ${APP[$build]}"
done

# --- 2. Fresh databases, the servers, their data --------------------------------
for build in "${BUILDS[@]}"; do
    recreate_database "$build"
done
PG_PID="$(postmaster_pid)"
REDIS_PID="$(redis_pid)"
# Whether the connections are encrypted: libpq (pgbench) and sqlx (the API)
# both default to sslmode=prefer, so they use TLS when the server offers it
# (Debian's packaged server does; the postgres image the Compose stack runs
# does not). TLS costs both sides CPU, so the report says which was measured.
psql "$DB_URL" -X -A -t -q -c "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()" \
    > "$RESULTS/pg_tls.txt" || die "cannot ask PostgreSQL at $DB_URL whether it uses TLS"
echo "postgres $PG_PID redis $REDIS_PID" > "$RESULTS/pids.txt"
# Other work on the machine skews every figure; the report shows the load.
cut -d' ' -f1-3 /proc/loadavg > "$RESULTS/loadavg.txt"
for build in "${BUILDS[@]}"; do
    start_server "$build"
    populate "$build"
done

# --- 3. The rounds: wrk on each endpoint for each build, then pgbench ----------
cpu_snapshot() { python3 "$BENCH_DIR/cpu.py" "$1" "$PG_PID" "$REDIS_PID"; }

# run_wrk BUILD ENDPOINT ROUND: raw output in results/wrk_BUILD_ENDPOINT_ROUND.txt,
# the CPU used before and after in cpu_..., the peak RSS (VmRSS every 100 ms) in rss.txt.
run_wrk() {
    local build=$1 name=$2 round=$3 peak=0 rss pid=${PID[$1]}
    local run="${build}_${name}_${round}" out
    out="$RESULTS/wrk_$run.txt"
    log "round $round: wrk $name, $build ($CONNECTIONS connections, ${DURATION}s)"
    cpu_snapshot "$pid" > "$RESULTS/cpu_${run}_before.json"
    start_wrk "$build" "$name" "$out"
    while kill -0 "$WRK_PID" 2>/dev/null; do
        rss="$(status_kb "$pid" VmRSS)"
        (( rss > peak )) && peak=$rss
        sleep 0.1
    done
    wait "$WRK_PID" || { cat "$out" >&2; die "wrk failed on $name ($build)"; }
    WRK_PID=""
    cpu_snapshot "$pid" > "$RESULTS/cpu_${run}_after.json"
    grep -q '^BENCH_RESULT ' "$out" || { cat "$out" >&2; die "wrk printed no result for $name ($build)"; }
    kill -0 "$pid" 2>/dev/null || { tail -20 "$RESULTS/server_$build.log" >&2; die "the API ($build) died during $name"; }
    echo "peak_rss_kb $build $name $peak" >> "$RESULTS/rss.txt"
}

# The same SQL straight to PostgreSQL (this checkout's database), while the
# API processes are idle.
run_pgbench() { # ROUND
    local run="pgbench_items-list_$1"
    log "round $1: pgbench items-list ($CONNECTIONS connections, ${DURATION}s)"
    cpu_snapshot 0 > "$RESULTS/cpu_${run}_before.json"
    pgbench -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" \
        -D owner="${USER_ID[current]}" -D session="$(cat /proc/sys/kernel/random/uuid)" \
        -f "$BENCH_DIR/items_list.sql" "$DB_URL" > "$RESULTS/$run.txt" 2>&1 \
        || { cat "$RESULTS/$run.txt" >&2; die "pgbench failed"; }
    cpu_snapshot 0 > "$RESULTS/cpu_${run}_after.json"
}

# Every round starts from the same data: the POST runs' items (tens of
# thousands, all the writer's) deleted, and VACUUM (ANALYZE) as autovacuum
# would run it. Left in place they made each round's database different, and
# one user owning nearly every row is not a shape the list query is planned
# for (after ANALYZE, PostgreSQL took 2 ms per list instead of 0.1).
reset_databases() {
    local build
    for build in "${BUILDS[@]}"; do
        psql "${DB[$build]}" -X -q -v ON_ERROR_STOP=1 \
            -c "DELETE FROM items WHERE owner_id <> '${USER_ID[$build]}'" -c "VACUUM (ANALYZE)" >/dev/null
    done
}

# Interleaved: each endpoint runs for every build in turn, the order of the
# builds alternating from round to round, so that a drift of the machine
# (another process, the page cache, PostgreSQL's own state) falls on both.
# pgbench runs right after the items list, on the same data; the writes last.
for round in $(seq "$ROUNDS"); do
    order=("${BUILDS[@]}")
    if (( round % 2 == 0 )) && (( ${#BUILDS[@]} == 2 )); then order=(baseline current); fi
    reset_databases
    for name in "${ENDPOINTS[@]}"; do
        if [[ "$name" == items-create ]]; then run_pgbench "$round"; fi
        for build in "${order[@]}"; do
            run_wrk "$build" "$name" "$round"
        done
    done
done
for build in "${BUILDS[@]}"; do
    echo "hwm_kb $build $(status_kb "${PID[$build]}" VmHWM)" >> "$RESULTS/rss.txt"
done
cleanup

# --- 4. The table -----------------------------------------------------------------
{
    for build in "${BUILDS[@]}"; do echo "$build ${LABEL[$build]}"; done
} > "$RESULTS/builds.txt"
python3 "$BENCH_DIR/report.py" "$RESULTS" "$CONNECTIONS" "$DURATION" "$POOL_SIZE" "$ROUNDS" \
    | tee "$RESULTS/summary.txt"

# --- 5. The job queue ---------------------------------------------------------------
log "job queue: throughput and pickup delay"
python3 "$BENCH_DIR/jobs.py" "${APP[current]}" "$RESULTS" | tee -a "$RESULTS/summary.txt"

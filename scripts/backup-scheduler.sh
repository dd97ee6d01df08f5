#!/usr/bin/env bash
# The production backup service: backs the database up once a day, prunes old
# backups, and publishes the outcome for Prometheus (node_exporter's textfile
# collector reads $BACKUP_DIR/metrics/*.prom).
#
#   scripts/backup-scheduler.sh               loop: a backup every day at BACKUP_TIME
#   scripts/backup-scheduler.sh --once        one backup + prune + metrics, then exit
#   scripts/backup-scheduler.sh --prune-only  apply the retention policy, then exit
#   scripts/backup-scheduler.sh --next        print the seconds until the next run
#
# Environment (besides the database settings backup.sh reads):
#   BACKUP_SIGNING_KEY      the key backup.sh signs each backup with (required; or
#                           BACKUP_SIGNING_KEY_FILE, a file holding it)
#   BACKUP_DIR              where backups go (default: <repo>/backups)
#   BACKUP_TIME             HH:MM, UTC, of the daily backup (default 02:00)
#   BACKUP_KEEP_DAILY       newest backup of each of the last N days with backups (7)
#   BACKUP_KEEP_WEEKLY      newest backup of each of the last N ISO weeks with backups (4)
#   BACKUP_RUN_ON_START     true: back up at once when the service starts (false)
#   BACKUP_RETRY_MINUTES    after a failure, retry this often until the next run (30)
#
# Runs in a container whose image has bash, pg_dump and pg_restore 15 and GNU coreutils, such as
# postgres:15 (Debian); postgres:15-alpine has no bash. See docs/operations.md for
# the docker-compose.prod.yml service.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/db-env.sh
source "$HERE/lib/db-env.sh"
# shellcheck source-path=SCRIPTDIR source=lib/backup-signing.sh
source "$HERE/lib/backup-signing.sh"
# shellcheck source-path=SCRIPTDIR source=lib/scheduling.sh
source "$HERE/lib/scheduling.sh"
export LC_ALL=C # a '.' decimal separator in EPOCHREALTIME and the metrics

check_count() {
    [[ "$2" =~ ^[0-9]+$ ]] || die 2 "$1 must be a whole number, not '$2'"
}

load_settings() {
    local repo_root
    repo_root=$(cd "$HERE/.." && pwd)
    load_dotenv "$repo_root/.env"
    BACKUP_DIR=${BACKUP_DIR:-$repo_root/backups}
    export BACKUP_DIR
    BACKUP_TIME=${BACKUP_TIME:-02:00}
    KEEP_DAILY=${BACKUP_KEEP_DAILY:-7}
    KEEP_WEEKLY=${BACKUP_KEEP_WEEKLY:-4}
    RETRY_MINUTES=${BACKUP_RETRY_MINUTES:-30}
    METRICS_FILE=$BACKUP_DIR/metrics/backup.prom
    [[ "$BACKUP_TIME" =~ ^([01][0-9]|2[0-3]):[0-5][0-9]$ ]] \
        || die 2 "BACKUP_TIME must be HH:MM (24-hour, UTC), not '$BACKUP_TIME'"
    check_count BACKUP_KEEP_DAILY "$KEEP_DAILY"
    check_count BACKUP_KEEP_WEEKLY "$KEEP_WEEKLY"
    check_count BACKUP_RETRY_MINUTES "$RETRY_MINUTES"
    # Base 10 from here on: "08" is not an octal error.
    KEEP_DAILY=$((10#$KEEP_DAILY)) KEEP_WEEKLY=$((10#$KEEP_WEEKLY)) RETRY_MINUTES=$((10#$RETRY_MINUTES))
    # Both 0 would delete every backup, including the one just made.
    ((KEEP_DAILY + KEEP_WEEKLY > 0)) \
        || die 2 "BACKUP_KEEP_DAILY and BACKUP_KEEP_WEEKLY are both 0: nothing would be kept"
}

# --- Retention ------------------------------------------------------------------

# Prints the names to keep. Same rule as restic's --keep-daily/--keep-weekly: for
# the last N days (weeks) that have backups, the newest backup of each; a backup
# kept by either rule stays. Days and weeks are UTC, weeks ISO (Monday first).
# Plain SQL backups of earlier versions (.sql.gz) take part like the others, so
# they age out.
select_kept() {
    local -A day_seen=() week_seen=()
    local days=0 weeks=0 name day week keep
    while IFS= read -r name; do
        [[ "$name" =~ $BACKUP_NAME_RE || "$name" =~ $LEGACY_BACKUP_NAME_RE ]] || continue
        day=${BASH_REMATCH[1]}
        week=$(date -u -d "$day" +%G-W%V)
        keep=false
        if [[ -z "${day_seen[$day]:-}" ]]; then
            day_seen[$day]=1
            days=$((days + 1))
            ((days > KEEP_DAILY)) || keep=true
        fi
        if [[ -z "${week_seen[$week]:-}" ]]; then
            week_seen[$week]=1
            weeks=$((weeks + 1))
            ((weeks > KEEP_WEEKLY)) || keep=true
        fi
        if [[ "$keep" == true ]]; then printf '%s\n' "$name"; fi
    done < <(backup_names)
}

# Backup names, current and earlier formats, newest first (names sort by their
# UTC time).
backup_names() {
    local f
    for f in "$BACKUP_DIR"/backup_*.dump "$BACKUP_DIR"/backup_*.sql.gz; do
        f=${f##*/}
        if [[ "$f" =~ $BACKUP_NAME_RE || "$f" =~ $LEGACY_BACKUP_NAME_RE ]]; then printf '%s\n' "$f"; fi
    done | sort -r
}

prune() {
    local -A kept=()
    local name removed=0
    [[ -d "$BACKUP_DIR" ]] || return 0
    while IFS= read -r name; do kept[$name]=1; done < <(select_kept)
    while IFS= read -r name; do
        [[ -n "${kept[$name]:-}" ]] && continue
        # With its tag (or an earlier version's checksum).
        rm -f -- "$BACKUP_DIR/$name" "$BACKUP_DIR/$name.hmac" "$BACKUP_DIR/$name.sha256"
        removed=$((removed + 1))
        stamp "pruned $name"
    done < <(backup_names)
    # Temp files of a backup that was killed (SIGKILL skips its clean-up); a day
    # old, so never those of a backup still running.
    find "$BACKUP_DIR" -maxdepth 1 -name '.backup_*.tmp' -mmin +1440 -delete 2>/dev/null || true
    stamp "retention: kept ${#kept[@]} backup(s), removed $removed" \
        "(daily $KEEP_DAILY, weekly $KEEP_WEEKLY)"
}

# --- Metrics --------------------------------------------------------------------

# Arguments: last success time, size, duration, last failure time, last run ok (1/0).
write_metrics() {
    publish_metrics <<EOF
# HELP backup_last_success_timestamp_seconds Unix time at which the last successful database backup finished.
# TYPE backup_last_success_timestamp_seconds gauge
backup_last_success_timestamp_seconds $1
# HELP backup_last_size_bytes Size in bytes of the last successful database backup (compressed).
# TYPE backup_last_size_bytes gauge
backup_last_size_bytes $2
# HELP backup_last_duration_seconds How long the last successful database backup took.
# TYPE backup_last_duration_seconds gauge
backup_last_duration_seconds $3
# HELP backup_last_failure_timestamp_seconds Unix time of the last failed database backup (0: none yet).
# TYPE backup_last_failure_timestamp_seconds gauge
backup_last_failure_timestamp_seconds $4
# HELP backup_last_run_success 1 if the last database backup attempt succeeded, else 0.
# TYPE backup_last_run_success gauge
backup_last_run_success $5
EOF
}

# --- One run --------------------------------------------------------------------

run_once() {
    local started path finished duration size
    started=$EPOCHREALTIME
    stamp "starting backup"
    if path=$("$HERE/backup.sh"); then
        finished=$EPOCHREALTIME
        duration=$(awk -v a="$started" -v b="$finished" 'BEGIN { printf "%.3f", b - a }')
        size=$(wc -c <"$path")
        write_metrics "${finished%.*}" "$size" "$duration" \
            "$(previous_metric backup_last_failure_timestamp_seconds)" 1
        stamp "backup ok: $path ($size bytes, ${duration}s)"
        # Only after a success: a failing backup never costs an older good one.
        prune
    else
        write_metrics "$(previous_metric backup_last_success_timestamp_seconds)" \
            "$(previous_metric backup_last_size_bytes)" \
            "$(previous_metric backup_last_duration_seconds)" "$(date +%s)" 0
        stamp "backup FAILED (see above); older backups are untouched"
        return 1
    fi
}

# sleep in the background so SIGTERM (docker stop) is handled at once, not after it.
pause() {
    sleep "$1" &
    SLEEP_PID=$!
    wait "$SLEEP_PID" || true
    SLEEP_PID=
}

on_term() {
    stamp "stopping"
    if [[ -n "${SLEEP_PID:-}" ]]; then kill "$SLEEP_PID" 2>/dev/null || true; fi
    exit 0
}

loop() {
    local wait_s
    # A missing or short key would fail every backup: say so now, not at BACKUP_TIME.
    # (In a subshell: backup.sh still needs the key in its environment.)
    (load_signing_key "every backup is signed with it (docs/operations.md)") || exit 2
    trap on_term TERM INT
    stamp "backup service: daily at $BACKUP_TIME UTC into $BACKUP_DIR," \
        "keeping $KEEP_DAILY daily and $KEEP_WEEKLY weekly"
    if [[ "${BACKUP_RUN_ON_START:-false}" == true ]]; then run_once || true; fi
    while :; do
        wait_s=$(seconds_until "$BACKUP_TIME")
        stamp "next backup in ${wait_s}s"
        pause "$wait_s"
        retry_until_next_run pause run_once
    done
}

main() {
    load_settings
    case "${1:-}" in
        "") loop ;;
        --once) run_once ;;
        --prune-only) prune ;;
        --next) seconds_until "$BACKUP_TIME" ;;
        *) die 2 "usage: $0 [--once | --prune-only | --next]" ;;
    esac
}

main "$@"

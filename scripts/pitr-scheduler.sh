#!/usr/bin/env bash
# The scheduled backups of the point-in-time recovery setup (scripts/pitr.sh),
# and the state of WAL archiving, published for Prometheus (node_exporter's
# textfile collector reads $BACKUP_DIR/metrics/*.prom).
#
#   scripts/pitr-scheduler.sh                     loop: a backup every day at PITR_BACKUP_TIME,
#                                                 the archiving metrics every 60 s
#   scripts/pitr-scheduler.sh --once [full|diff|incr]
#                                                 one backup (today's scheduled type by
#                                                 default) + metrics; exits with its status
#   scripts/pitr-scheduler.sh --metrics-only      write the metrics once, then exit
#
# Environment or .env (besides the DB_* / DATABASE_URL and PITR_* settings that
# scripts/pitr.sh reads):
#   PITR_BACKUP_TIME        HH:MM, UTC, of the daily backup (default 01:00)
#   PITR_FULL_BACKUP_DAY    the weekday (monday ... sunday, UTC) of the full backup; a
#                           differential one on the other days (default sunday)
#   PITR_RETRY_MINUTES      after a failure, retry this often until the next run; 0: no
#                           retry (default 30)
#   PITR_METRICS_FILE       the metrics file (default $BACKUP_DIR/metrics/pitr.prom, with
#                           BACKUP_DIR defaulting to <repo>/backups as for backup-scheduler.sh)
#
# Metrics (all gauges but the counter pitr_wal_archive_failed_total):
#   pitr_backup_last_success_timestamp_seconds    0 until the first success
#   pitr_backup_last_duration_seconds             of the last successful backup
#   pitr_backup_last_failure_timestamp_seconds    0: none yet
#   pitr_wal_archive_up                           1 if the server answered, else 0 and
#                                                 the pitr_wal_archive_* below are left out
#   pitr_wal_archive_last_success_timestamp_seconds, pitr_wal_archive_last_failure_timestamp_seconds,
#   pitr_wal_archive_failed_total                 pg_stat_archiver (0: never)
#   pitr_wal_archive_failing                      1 if the last attempt failed, else 0
#   pitr_wal_archive_ready_segments               WAL waiting to be archived
#   pitr_metrics_last_update_timestamp_seconds    when the file was written
# The archiving metrics are only as fresh as the file (PitrMetricsStale alerts
# after 15 minutes): the loop refreshes it every 60 s, during backups too. A
# CronJob or timer running --once must also run --metrics-only every minute.
#
# SIGTERM ends a wait at once (exit 0) and stops a running backup: pgBackRest
# stops cleanly, the attempt is recorded as a failure, and the exit status is 143.
#
# Runs where scripts/pitr.sh runs (the database's host, as root or as the data
# directory's owner), with bash 5.1 or later (wait -n -p).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/db-env.sh
source "$HERE/lib/db-env.sh"
# shellcheck source-path=SCRIPTDIR source=lib/pitr-config.sh
source "$HERE/lib/pitr-config.sh"
# shellcheck source-path=SCRIPTDIR source=lib/scheduling.sh
source "$HERE/lib/scheduling.sh"
export LC_ALL=C # a '.' decimal separator in EPOCHREALTIME and the metrics; English weekdays

REFRESH_SECONDS=60
WEEKDAYS=(monday tuesday wednesday thursday friday saturday sunday)

usage() { die 2 "usage: $0 [--once [full|diff|incr] | --metrics-only]"; }

# Every setting is checked before anything runs: a typo stops the service at
# start, not at the first backup time.
load_settings() {
    local repo_root
    repo_root=$(cd "$HERE/.." && pwd)
    load_dotenv "$repo_root/.env"
    BACKUP_TIME=${PITR_BACKUP_TIME:-01:00}
    FULL_DAY=${PITR_FULL_BACKUP_DAY:-sunday}
    FULL_DAY=${FULL_DAY,,}
    RETRY_MINUTES=${PITR_RETRY_MINUTES:-30}
    METRICS_FILE=${PITR_METRICS_FILE:-${BACKUP_DIR:-$repo_root/backups}/metrics/pitr.prom}
    [[ "$BACKUP_TIME" =~ ^([01][0-9]|2[0-3]):[0-5][0-9]$ ]] \
        || die 2 "PITR_BACKUP_TIME must be HH:MM (24-hour, UTC), not '$BACKUP_TIME'"
    [[ " ${WEEKDAYS[*]} " == *" $FULL_DAY "* ]] \
        || die 2 "PITR_FULL_BACKUP_DAY must be a weekday (${WEEKDAYS[*]}), not '${PITR_FULL_BACKUP_DAY}'"
    [[ "$RETRY_MINUTES" =~ ^[0-9]+$ ]] \
        || die 2 "PITR_RETRY_MINUTES must be a whole number of minutes, not '$RETRY_MINUTES'"
    RETRY_MINUTES=$((10#$RETRY_MINUTES))
    [[ "$METRICS_FILE" == *.prom ]] \
        || die 2 "PITR_METRICS_FILE must end in .prom (node_exporter reads only those), not '$METRICS_FILE'"
    resolve_db_env
}

# The backup type of a scheduled run today (UTC).
scheduled_type() {
    if [[ "$(date -u +%A)" == "${FULL_DAY^}" ]]; then echo full; else echo diff; fi
}

# --- Metrics --------------------------------------------------------------------

ARCHIVE_WAS_UP=""

# The archiving metrics from pg_stat_archiver, as text for the file, in
# ARCHIVE_TEXT (not on stdout: a command substitution would lose ARCHIVE_WAS_UP).
# pg_ls_archive_statusdir() lists pg_wal/archive_status through the server (no
# file access), and is granted to pg_monitor, not only to superusers.
archive_metrics() {
    local row error up=1
    # The timeout bounds a hung server, so the metrics keep their rhythm. For
    # this query only: pitr.sh and pgBackRest (libpq reads PGOPTIONS too) wait
    # longer, for WAL to be archived at the end of a backup.
    row=$(PGOPTIONS="$PGOPTIONS -c statement_timeout=10s" psql -XAtq -F ' ' "${DB_ARGS[@]}" -v ON_ERROR_STOP=1 -c "
        SELECT coalesce(floor(extract(epoch FROM last_archived_time)), 0),
               coalesce(floor(extract(epoch FROM last_failed_time)), 0),
               failed_count,
               (last_failed_time IS NOT NULL
                AND (last_archived_time IS NULL OR last_failed_time > last_archived_time))::int,
               (SELECT count(*) FROM pg_ls_archive_statusdir() WHERE name LIKE '%.ready')
        FROM pg_stat_archiver" 2>&1) || { up=0; error=$row; }
    if ((up)) && ! [[ "$row" =~ ^[0-9]+\ [0-9]+\ [0-9]+\ [01]\ [0-9]+$ ]]; then
        up=0 error="unexpected answer: $row"
    fi
    # Said once per change, not every 60 s.
    if [[ "$up" != "$ARCHIVE_WAS_UP" ]]; then
        if ((up)); then
            stamp "archiving metrics: reading pg_stat_archiver of ${DB_LABEL}"
        else
            stamp "warning: cannot read pg_stat_archiver of ${DB_LABEL} (pitr_wal_archive_up 0): ${error}"
        fi
    fi
    ARCHIVE_WAS_UP=$up
    ARCHIVE_TEXT="\
# HELP pitr_wal_archive_up 1 if PostgreSQL answered the archiving query, else 0 (the other pitr_wal_archive_* metrics are then left out).
# TYPE pitr_wal_archive_up gauge
pitr_wal_archive_up $up"
    ((up)) || return 0
    local archived failed failed_count failing ready
    read -r archived failed failed_count failing ready <<<"$row"
    ARCHIVE_TEXT+="
# HELP pitr_wal_archive_last_success_timestamp_seconds Unix time PostgreSQL last archived a WAL segment (pg_stat_archiver; 0: never).
# TYPE pitr_wal_archive_last_success_timestamp_seconds gauge
pitr_wal_archive_last_success_timestamp_seconds $archived
# HELP pitr_wal_archive_last_failure_timestamp_seconds Unix time of PostgreSQL's last failed attempt to archive a WAL segment (pg_stat_archiver; 0: never).
# TYPE pitr_wal_archive_last_failure_timestamp_seconds gauge
pitr_wal_archive_last_failure_timestamp_seconds $failed
# HELP pitr_wal_archive_failed_total Failed attempts to archive a WAL segment since the statistics were last reset (pg_stat_archiver.failed_count).
# TYPE pitr_wal_archive_failed_total counter
pitr_wal_archive_failed_total $failed_count
# HELP pitr_wal_archive_failing 1 if the last attempt to archive a WAL segment failed (no success since), else 0.
# TYPE pitr_wal_archive_failing gauge
pitr_wal_archive_failing $failing
# HELP pitr_wal_archive_ready_segments WAL segments waiting to be archived (.ready files in pg_wal/archive_status).
# TYPE pitr_wal_archive_ready_segments gauge
pitr_wal_archive_ready_segments $ready"
}

# Arguments: last success time, duration, last failure time; none: the
# current file's values (a refresh of the archiving metrics).
write_metrics() {
    local success=${1:-$(previous_metric pitr_backup_last_success_timestamp_seconds)}
    local duration=${2:-$(previous_metric pitr_backup_last_duration_seconds)}
    local failure=${3:-$(previous_metric pitr_backup_last_failure_timestamp_seconds)}
    archive_metrics
    publish_metrics <<EOF
# HELP pitr_backup_last_success_timestamp_seconds Unix time at which the last successful point-in-time (pgBackRest) backup finished (0: none yet).
# TYPE pitr_backup_last_success_timestamp_seconds gauge
pitr_backup_last_success_timestamp_seconds $success
# HELP pitr_backup_last_duration_seconds How long the last successful point-in-time backup took, verification included.
# TYPE pitr_backup_last_duration_seconds gauge
pitr_backup_last_duration_seconds $duration
# HELP pitr_backup_last_failure_timestamp_seconds Unix time of the last failed point-in-time backup (0: none yet).
# TYPE pitr_backup_last_failure_timestamp_seconds gauge
pitr_backup_last_failure_timestamp_seconds $failure
$ARCHIVE_TEXT
# HELP pitr_metrics_last_update_timestamp_seconds Unix time at which the point-in-time scheduler last wrote these metrics.
# TYPE pitr_metrics_last_update_timestamp_seconds gauge
pitr_metrics_last_update_timestamp_seconds $(date +%s)
EOF
}

# --- Waiting and running --------------------------------------------------------

# Waits $1 seconds, refreshing the metrics every REFRESH_SECONDS. sleep runs in
# the background so SIGTERM (docker stop) is handled at once.
wait_refreshing() {
    local deadline=$((SECONDS + $1)) left
    while :; do
        write_metrics
        left=$((deadline - SECONDS))
        ((left > 0)) || return 0
        sleep $((left < REFRESH_SECONDS ? left : REFRESH_SECONDS)) &
        SLEEP_PID=$!
        wait "$SLEEP_PID" || true
        SLEEP_PID=
    done
}

# One backup of type $1 with scripts/pitr.sh, the metrics refreshed while it
# runs (a full backup of a large database takes hours) and written after it.
run_backup() {
    local type=$1 started finished duration status=0 done_pid
    started=$EPOCHREALTIME
    stamp "starting a backup ($type)"
    # A session (so a process group) of its own: SIGTERM reaches pgBackRest
    # under pitr.sh and runuser too (on_term).
    setsid -w "$HERE/pitr.sh" backup "$type" &
    BACKUP_PID=$!
    while :; do
        sleep "$REFRESH_SECONDS" &
        SLEEP_PID=$!
        done_pid=""
        status=0
        wait -n -p done_pid "$BACKUP_PID" "$SLEEP_PID" || status=$?
        [[ "$done_pid" == "$BACKUP_PID" ]] && break
        write_metrics
    done
    kill "$SLEEP_PID" 2>/dev/null || true
    wait "$SLEEP_PID" 2>/dev/null || true
    SLEEP_PID="" BACKUP_PID=""
    if ((status == 0)); then
        finished=$EPOCHREALTIME
        duration=$(awk -v a="$started" -v b="$finished" 'BEGIN { printf "%.3f", b - a }')
        write_metrics "${finished%.*}" "$duration" ""
        stamp "backup ($type) ok in ${duration}s"
    else
        write_metrics "" "" "$(date +%s)"
        stamp "backup ($type) FAILED (status $status, see above); earlier backups are untouched"
        return "$status"
    fi
}

# SIGTERM (docker stop, systemctl stop, a CronJob's deadline): a wait ends at
# once; a running backup (hours, for a full one) is stopped, not left running
# without us. pgBackRest stops cleanly on SIGTERM, and the attempt counts as
# failed: it produced no backup.
on_term() {
    if [[ -n "${SLEEP_PID:-}" ]]; then kill "$SLEEP_PID" 2>/dev/null || true; fi
    if [[ -z "${BACKUP_PID:-}" ]]; then
        stamp "stopping"
        exit 0
    fi
    stamp "stopping: interrupting the running backup"
    kill -TERM -- "-$BACKUP_PID" 2>/dev/null || kill -TERM "$BACKUP_PID" 2>/dev/null || true
    wait "$BACKUP_PID" 2>/dev/null || true
    write_metrics "" "" "$(date +%s)"
    exit 143
}

loop() {
    local type
    # Settings that would fail every backup: say so now, not at PITR_BACKUP_TIME.
    # (In a subshell: pitr.sh resolves them again itself.)
    (resolve_pitr_env) || exit 2
    trap on_term TERM INT
    stamp "point-in-time backups: daily at $BACKUP_TIME UTC, full on ${FULL_DAY^}s, differential" \
        "on other days; metrics every ${REFRESH_SECONDS}s in $METRICS_FILE"
    while :; do
        wait_refreshing "$(seconds_until "$BACKUP_TIME")"
        type=$(scheduled_type)
        retry_until_next_run wait_refreshing run_backup "$type"
    done
}

main() {
    case "${1:-}" in
        "") (($# == 0)) || usage ;;
        --once)
            (($# <= 2)) || usage
            [[ $# == 1 || "$2" =~ ^(full|diff|incr)$ ]] || usage ;;
        --metrics-only) (($# == 1)) || usage ;;
        *) usage ;;
    esac
    load_settings
    case "${1:-}" in
        "") loop ;;
        --once)
            (resolve_pitr_env) || exit 2
            trap on_term TERM INT
            run_backup "${2:-$(scheduled_type)}" ;;
        --metrics-only) write_metrics ;;
    esac
}

main "$@"

# shellcheck shell=bash
# Shared by the schedulers, scripts/backup-scheduler.sh (dumps) and
# scripts/pitr-scheduler.sh (pgBackRest) (sourced, not run; after
# lib/db-env.sh, for log). The caller sets METRICS_FILE, BACKUP_TIME and
# RETRY_MINUTES.

stamp() { log "$(date -u +%Y-%m-%dT%H:%M:%SZ) $*"; }

# A value from the current metrics file, so a failure keeps the last success's values.
previous_metric() {
    awk -v name="$1" '$1 == name { v = $2 } END { print (v == "" ? 0 : v) }' \
        "$METRICS_FILE" 2>/dev/null || echo 0
}

# Writes stdin to METRICS_FILE for node_exporter's textfile collector. A write
# that fails is a warning: the backups go on.
publish_metrics() {
    local dir tmp
    dir=$(dirname -- "$METRICS_FILE")
    mkdir -p -- "$dir" || { stamp "warning: cannot create $dir"; return 0; }
    # Same directory, name not ending in .prom (the collector skips it), then rename:
    # node_exporter never reads a half-written file.
    tmp=$(mktemp "$dir/.$(basename -- "$METRICS_FILE").XXXXXX") \
        || { stamp "warning: cannot write metrics in $dir"; return 0; }
    if cat >"$tmp"; then
        chmod 644 "$tmp" # node_exporter runs as another user
        mv -f -- "$tmp" "$METRICS_FILE"
    else
        rm -f -- "$tmp"
        stamp "warning: cannot write metrics to $dir (disk full?)"
    fi
}

# Seconds from now until the next HH:MM UTC, in 1..86400. Epoch seconds count
# 86400 per UTC day, so no date arithmetic is needed.
seconds_until() {
    local hh=${1%:*} mm=${1#*:} now target diff
    now=$(date +%s)
    target=$((10#$hh * 3600 + 10#$mm * 60))
    diff=$(((target - now % 86400 + 86400) % 86400))
    ((diff > 0)) || diff=86400
    echo "$diff"
}

# Runs the backup command (the arguments after $1) until it succeeds, waiting
# RETRY_MINUTES between tries with the wait function $1: a failed run
# (database restarting, say) is retried, but not past the next BACKUP_TIME.
retry_until_next_run() {
    local wait=$1
    shift
    until "$@"; do
        (($(seconds_until "$BACKUP_TIME") > RETRY_MINUTES * 60 && RETRY_MINUTES > 0)) || break
        stamp "retrying in $RETRY_MINUTES min"
        "$wait" $((RETRY_MINUTES * 60))
    done
}

#!/usr/bin/env bash
# Continuous archiving and point-in-time recovery of the configured PostgreSQL
# server, with pgBackRest (docs/operations.md).
#
#   scripts/pitr.sh setup                 (make backup-setup) archiving on, repository created
#   scripts/pitr.sh backup [full|diff|incr]   (make backup) a backup, verified; incr by default
#   scripts/pitr.sh info                  (make backup-info) backups and archived WAL
#   scripts/pitr.sh restore [--target-time TIME] [--other-cluster]
#                                         (make restore [TARGET_TIME=...]) latest, or TIME
#       --prepare               only the checks, and the WAL archived up to now
#       --stop-after-recovery   PostgreSQL stopped again once recovered (in a
#                               container, its own service starts it)
#
# pgBackRest works on the server's data directory, so this runs on the
# database's host, as root or as the data directory's owner (commands are run
# as that owner). The repository (PITR_REPO_TYPE: a directory, or S3-compatible
# object storage) is encrypted with PITR_CIPHER_PASS.
#
# A restore never starts on a guess: the time is checked, the repository is
# read in full and every checksum verified (a wrong key or a damaged file stops
# it here), and the data directory must be the configured server's, with the
# repository's system identifier, unless --other-cluster says otherwise (a new
# host). Only then are the API and the worker stopped (PITR_APP_STOP_COMMAND),
# WAL up to now archived, PostgreSQL stopped, the backup restored and replayed
# to the target, and everything started again.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/db-env.sh
source "$HERE/lib/db-env.sh"
# shellcheck source-path=SCRIPTDIR source=lib/pitr-config.sh
source "$HERE/lib/pitr-config.sh"

usage() {
    cat >&2 <<'EOF'
usage: scripts/pitr.sh setup
       scripts/pitr.sh backup [full|diff|incr]
       scripts/pitr.sh info
       scripts/pitr.sh restore [--target-time "2026-12-05 17:00:00+00"] [--other-cluster]
                               [--prepare | --stop-after-recovery]
EOF
    exit 2
}

# ---- the server -------------------------------------------------------------

# psql against the configured server (DB_* or DATABASE_URL), one value out.
sql_value() { psql -XAtq "${DB_ARGS[@]}" -v ON_ERROR_STOP=1 -c "$1"; }

server_answers() { sql_value 'SELECT 1' >/dev/null 2>&1; }

# PGDATA, PG_PORT, PG_SOCKET and PG_OWNER: from the settings, else from the
# running server. The data directory is the one thing pgBackRest cannot work
# without, so without a server to ask it must be given (PITR_PGDATA).
resolve_cluster() {
    if server_answers; then
        SERVER_PGDATA=$(sql_value 'SHOW data_directory')
        PG_PORT=${PITR_PG_PORT:-$(sql_value 'SHOW port')}
        PG_SOCKET=${PITR_PG_SOCKET:-$(sql_value 'SHOW unix_socket_directories' | cut -d, -f1)}
    else
        SERVER_PGDATA=""
        PG_PORT=${PITR_PG_PORT:-${PGPORT:-5432}}
        PG_SOCKET=${PITR_PG_SOCKET:-/var/run/postgresql}
    fi
    PGDATA=${PITR_PGDATA:-$SERVER_PGDATA}
    [[ -n "$PGDATA" ]] || die "${DB_LABEL} does not answer and PITR_PGDATA is not set: name the data directory to work on"
    PG_OWNER=$(stat -c %U -- "$PGDATA" 2>/dev/null || stat -c %U -- "$(dirname -- "$PGDATA")" 2>/dev/null) \
        || die "PITR_PGDATA=$PGDATA: neither it nor its parent directory exists"
    if [[ $(id -un) != "$PG_OWNER" && $EUID -ne 0 ]]; then
        die "run this as root or as $PG_OWNER, the owner of $PGDATA: pgBackRest reads and writes it"
    fi
}

pgbackrest_() { as_owner pgbackrest --config="$RUN_CONFIG" --stanza="$PITR_STANZA" "$@"; }

# How this cluster is stopped and started: PITR_PG_STOP_COMMAND and
# PITR_PG_START_COMMAND if set (a container, a service manager), else Debian's
# pg_ctlcluster for a cluster it manages, else pg_ctl on the data directory
# (with PITR_PG_OPTIONS, server options for that start).
pg_control() {
    local action=$1 command_var="PITR_PG_${1^^}_COMMAND" cluster
    if [[ -n "${!command_var:-}" ]]; then
        bash -c "${!command_var}"
        return
    fi
    cluster=$(debian_cluster)
    if [[ -n "$cluster" ]]; then
        # shellcheck disable=SC2086  # "version name"
        pg_ctlcluster $cluster "$action"
    else
        # -t: a start returns once the server accepts connections; recovery
        # goes on after, and wait_until_promoted waits for its end.
        as_owner "$(pg_bindir)/pg_ctl" -D "$PGDATA" -w -t 600 -m fast -o "${PITR_PG_OPTIONS:-}" \
            -l "${PITR_PG_LOG:-/tmp/pitr-postgres-$PITR_STANZA.log}" "$action" >/dev/null
    fi
}

# "15 main" when Debian's postgresql-common manages the cluster in PGDATA.
debian_cluster() {
    command -v pg_lsclusters >/dev/null || return 0
    pg_lsclusters -h 2>/dev/null | awk -v dir="$PGDATA" '$6 == dir { print $1, $2; exit }'
}

pg_bindir() {
    local version
    version=$(cat -- "$PGDATA/PG_VERSION" 2>/dev/null || echo 15)
    if [[ -x "/usr/lib/postgresql/$version/bin/pg_ctl" ]]; then
        echo "/usr/lib/postgresql/$version/bin"
    else
        dirname -- "$(command -v pg_ctl || die "pg_ctl not found")"
    fi
}

# ---- the repository ---------------------------------------------------------

# The repository's state as pgBackRest reports it, as JSON on stdout. A wrong
# key shows here first: the encrypted info files cannot be read.
# Only printable text: a wrong key makes pgBackRest quote undecryptable bytes.
repo_info_json() { pgbackrest_ info --output=json 2>&1 | tr -cd '[:print:]\n'; }

# Refuses a repository that cannot be read (wrong key, unreachable storage,
# no stanza) with pgBackRest's own reason.
require_readable_repo() {
    local json status
    json=$(repo_info_json) || die "cannot read the backup repository: $json"
    status=$(python3 -c 'import json,sys; s=json.load(sys.stdin)[0]["status"]; print(s["code"], s["message"])' <<<"$json" 2>/dev/null) \
        || die "cannot read the backup repository: ${json:0:2000}"
    case "$status" in
        "0 "*) ;;
        "1 "*) die "the backup repository has no stanza '$PITR_STANZA' yet: run make backup-setup" ;;
        "2 "*) die "the backup repository has no backup yet: run make backup" ;;
        *) die "cannot read the backup repository (${status#* }): is PITR_CIPHER_PASS the key it was written with, and are the PITR_REPO_* / PITR_S3_* settings right? (pgbackrest info --log-level-console=detail, with the same settings, says more)" ;;
    esac
    REPO_INFO=$json
}

# Reads every file of every backup and every archived WAL segment back and
# checks it against its checksum. The report is empty when all is well.
verify_repo() {
    local report
    report=$(pgbackrest_ verify --output=text 2>&1 | tr -cd '[:print:]\n') || die "verifying the backup repository failed: $report"
    ! grep -q 'status: error' <<<"$report" \
        || die "the backup repository is damaged; nothing was changed:"$'\n'"$report"
}

# A field of the repository's newest or oldest backup: $1 = first|last, $2 a
# python expression on the backup `b`.
backup_field() {
    local index=-1
    if [[ $1 == first ]]; then index=0; fi
    python3 -c "import json,sys; b=json.load(sys.stdin)[0]['backup'][$index]; print($2)" <<<"$REPO_INFO"
}

# ---- commands ---------------------------------------------------------------

# Creates the stanza (again is fine), then checks that a WAL segment reaches
# the repository. Quiet unless it fails, then says why.
create_stanza() {
    pgbackrest_ stanza-create >/dev/null 2>&1 || pgbackrest_ stanza-create
    pgbackrest_ check || die "the repository was created but archiving does not reach it yet (above)"
}

cmd_setup() {
    server_answers || die "${DB_LABEL} does not answer: setup needs the running server"
    install_pitr_config
    local command="pgbackrest --config=$PITR_CONFIG --stanza=$PITR_STANZA archive-push %p"
    local mode timeout
    mode=$(sql_value 'SHOW archive_mode')
    # Set on the server's command line (a container): archived by its own
    # means, which setup does not change.
    if [[ "$(sql_value "SELECT source FROM pg_settings WHERE name = 'archive_mode'")" == "command line" ]]; then
        [[ "$mode" == on || "$mode" == always ]] || die "archive_mode is off on the server's command line: turn it on there"
        create_stanza
        log "the server archives as its command line says; repository $PITR_REPO_PATH ($PITR_REPO_TYPE, stanza $PITR_STANZA) ready"
        return
    fi
    sql_value "ALTER SYSTEM SET archive_command = '${command//\'/\'\'}'" >/dev/null
    timeout=$(sql_value 'SHOW archive_timeout')
    if [[ "$timeout" == 0 ]]; then sql_value "ALTER SYSTEM SET archive_timeout = '60s'" >/dev/null; fi
    if [[ "$mode" != on && "$mode" != always ]]; then
        sql_value "ALTER SYSTEM SET archive_mode = 'on'" >/dev/null
        log "archive_mode is now on in ${PGDATA}/postgresql.auto.conf: it takes effect when PostgreSQL restarts."
        log "restart it (e.g. pg_ctlcluster 15 main restart), then run make backup-setup again."
        exit 3
    fi
    sql_value 'SELECT pg_reload_conf()' >/dev/null
    create_stanza
    log "archiving ${DB_LABEL} to the $PITR_REPO_TYPE repository $PITR_REPO_PATH (stanza $PITR_STANZA); take the first backup with: make backup"
}

cmd_backup() {
    local type=${1:-incr} started
    [[ "$type" =~ ^(full|diff|incr)$ ]] || die "backup type '$type': use full, diff or incr"
    server_answers || die "${DB_LABEL} does not answer: a backup needs the running server"
    started=$(date +%s)
    # An incremental or differential backup with no full one to build on is
    # taken as a full one (pgBackRest says so); retention runs after it.
    pgbackrest_ backup --type="$type" || die "the backup failed; earlier backups are untouched"
    verify_repo
    require_readable_repo
    log "backup complete: $(backup_field last 'b["label"], "(" + b["type"] + ",", b["info"]["repository"]["delta"], "bytes stored)"') in $(($(date +%s) - started))s, verified"
}

cmd_info() {
    pgbackrest_ info
}

# Refuses a TARGET_TIME that is not a time, is in the future, or is older than
# the oldest backup, before anything is touched.
check_target_time() {
    local given=$1 parsed
    parsed=$(python3 - "$given" <<'EOF'
import sys
from datetime import datetime, timezone
text = sys.argv[1].strip()
try:
    when = datetime.fromisoformat(text)
except ValueError:
    sys.exit(1)
if when.tzinfo is None:
    sys.exit(2)
print(int(when.timestamp()))
EOF
    ) || case $? in
        2) die "TARGET_TIME=\"$given\" has no time zone: add one, e.g. \"2026-12-05 17:00:00+00\"" ;;
        *) die "TARGET_TIME=\"$given\" is not a time: use e.g. \"2026-12-05 17:00:00+00\"" ;;
    esac
    ((parsed <= $(date +%s))) || die "TARGET_TIME=\"$given\" is in the future"
    local oldest_end
    oldest_end=$(backup_field first 'b["timestamp"]["stop"]')
    ((parsed >= oldest_end)) \
        || die "TARGET_TIME=\"$given\" is before the oldest backup ended ($(date -u -d "@$oldest_end" '+%Y-%m-%d %H:%M:%S+00')): the repository cannot go back that far"
}

# The data directory must be the one the configured server runs on, holding
# the cluster the repository was made from, unless --other-cluster.
check_same_cluster() {
    local other=$1 repo_id local_id
    if [[ -n "$SERVER_PGDATA" && "$(realpath -m -- "$SERVER_PGDATA")" != "$(realpath -m -- "$PGDATA")" ]]; then
        [[ "$other" == yes ]] || die "PITR_PGDATA=$PGDATA is not the data directory of ${DB_LABEL} ($SERVER_PGDATA); nothing was changed. Restoring into another cluster needs --other-cluster (make restore ALLOW_OTHER_CLUSTER=yes)"
    fi
    repo_id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["db"][-1]["system-id"])' <<<"$REPO_INFO")
    local_id=$(as_owner "$(pg_bindir)/pg_controldata" -D "$PGDATA" 2>/dev/null | sed -n 's/^Database system identifier: *//p' || true)
    SAME_CLUSTER=yes
    if [[ "$local_id" != "$repo_id" ]]; then
        SAME_CLUSTER=no
        [[ "$other" == yes ]] || die "the cluster in $PGDATA (system identifier ${local_id:-none: no cluster there}) is not the one the repository was made from ($repo_id); nothing was changed. Restoring into another cluster (a new host) needs --other-cluster (make restore ALLOW_OTHER_CLUSTER=yes)"
        log "restoring into another cluster ($PGDATA), as asked"
    fi
}

# Without PITR_APP_STOP_COMMAND there is nothing to stop the app with: refuse
# while the API or the worker of `make run` answers, rather than restore under
# them. $1: the checkout (run-env.sh reads its .env for the ports).
require_app_stopped() {
    [[ -z "${PITR_APP_STOP_COMMAND:-}" ]] || return 0
    local root=$1 port
    # shellcheck source-path=SCRIPTDIR source=lib/run-env.sh
    source "$HERE/lib/run-env.sh"
    for port in "$api_port" "$worker_port"; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            die "something answers on 127.0.0.1:$port (the API or the worker of make run?): stop it first, or set PITR_APP_STOP_COMMAND and PITR_APP_START_COMMAND (docs/operations.md); nothing was changed"
        fi
    done
}

# Whether the configured server answers and runs on PGDATA.
serves_pgdata() {
    server_answers && [[ "$(realpath -m -- "$SERVER_PGDATA")" == "$(realpath -m -- "$PGDATA")" ]]
}

# A server on PGDATA that is not the configured one is not ours to stop.
require_no_other_server() {
    serves_pgdata && return 0
    if as_owner "$(pg_bindir)/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
        die "a PostgreSQL server runs on $PGDATA, and it is not ${DB_LABEL}: stop it first (e.g. pg_ctlcluster 15 main stop); nothing was changed"
    fi
}

app_hook() {
    local var=$1
    [[ -n "${!var:-}" ]] || return 0
    log "running $var: ${!var}"
    bash -c "${!var}" || die "$var failed"
}

# Archives everything committed up to now, so "latest" loses nothing and any
# TARGET_TIME up to now can be reached. Another cluster (a new host's fresh
# one) has nothing to archive here, nor has a stopped server.
flush_wal() {
    if [[ "$SAME_CLUSTER" != yes ]] || ! server_answers; then return 0; fi
    pgbackrest_ check >/dev/null
}

wait_until_promoted() {
    local deadline=$((SECONDS + ${PITR_RECOVERY_TIMEOUT:-3600}))
    until [[ "$(sql_value 'SELECT pg_is_in_recovery()' 2>/dev/null)" == f ]]; do
        ((SECONDS < deadline)) || die "PostgreSQL has not finished recovery after ${PITR_RECOVERY_TIMEOUT:-3600}s"
        sleep 0.5
    done
}

cmd_restore() {
    local target="" other=no prepare=no stop_after=no started
    while (($#)); do
        case "$1" in
            --target-time) (($# >= 2)) || usage; target=$2; shift 2 ;;
            --other-cluster) other=yes; shift ;;
            --prepare) prepare=yes; shift ;;
            --stop-after-recovery) stop_after=yes; shift ;;
            *) usage ;;
        esac
    done
    require_readable_repo
    if [[ -n "$target" ]]; then check_target_time "$target"; fi
    check_same_cluster "$other"
    require_no_other_server
    require_app_stopped "$(cd "$HERE/.." && pwd)"
    verify_repo
    if [[ "$prepare" == yes ]]; then
        flush_wal || die "could not archive the newest WAL (above); nothing was changed"
        log "ready to restore ${DB_LABEL} to ${target:-the latest archived moment}: the repository is readable and verified, WAL archived up to now"
        return
    fi

    started=$(date +%s%N)
    log "restoring ${DB_LABEL} (${PGDATA}) to ${target:-the latest archived moment}"
    app_hook PITR_APP_STOP_COMMAND
    if ! flush_wal; then
        app_hook PITR_APP_START_COMMAND
        die "could not archive the newest WAL before stopping PostgreSQL (above); nothing was changed"
    fi
    if serves_pgdata; then pg_control stop; fi
    # This cluster archives to this repository from now on (a new host too).
    install_pitr_config
    local args=(--delta)
    if [[ -n "$target" ]]; then args+=(--type=time "--target=$target" --target-action=promote); fi
    as_owner mkdir -p -m 700 -- "$PGDATA"
    # With PITR_CONFIG: pgBackRest writes it into the restore_command that
    # recovery runs.
    as_owner pgbackrest --config="$PITR_CONFIG" --stanza="$PITR_STANZA" restore "${args[@]}" || die "pgBackRest could not restore into $PGDATA (above); PostgreSQL is stopped"
    pg_control start || die "PostgreSQL did not start after the restore; see its log"
    wait_until_promoted
    # A container's server is started by its own service, not here.
    if [[ "$stop_after" == yes ]]; then pg_control stop; fi
    app_hook PITR_APP_START_COMMAND
    local elapsed_ms=$((($(date +%s%N) - started) / 1000000))
    log "restore complete in $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000)))s (${target:-latest})"
}

main() {
    local command=${1:-}
    (($#)) && shift
    case "$command" in
        setup | backup | info | restore) ;;
        *) usage ;;
    esac
    load_dotenv "$(cd "$HERE/.." && pwd)/.env"
    resolve_db_env
    resolve_pitr_env
    command -v pgbackrest >/dev/null || die "pgbackrest is not installed (Debian: apt-get install pgbackrest)"
    resolve_cluster
    write_run_config "$PGDATA" "$PG_PORT" "$PG_SOCKET" "$PG_OWNER"
    "cmd_$command" "$@"
}

main "$@"

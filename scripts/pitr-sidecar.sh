#!/usr/bin/env bash
# The Compose production stack's `pitr` service: point-in-time recovery beside
# a standard PostgreSQL 15 image (docs/operations.md).
#
#   scripts/pitr-sidecar.sh               the service: WAL shipped, setup, first
#                                         full backup, then pitr-scheduler.sh
#   scripts/pitr-sidecar.sh --no-schedule the same without the scheduler: another
#                                         takes the backups (the Kubernetes
#                                         development overlay's CronJob pitr-backup)
#   scripts/pitr-sidecar.sh --push-once   ship what is spooled now, then exit
#                                         (a restore drains the spool with it)
#
# The database's archive_command copies each finished segment into
# PITR_WAL_SPOOL (as NAME.part, flushed, then renamed), a volume it shares with
# this service. Every PITR_PUSH_SECONDS
# (5) this service pushes each spooled segment, oldest first, with `pgbackrest
# archive-push` (checksummed, compressed, encrypted) and deletes it only once
# it is in the repository. The recovery point is archive_timeout plus that.
#
# In Compose it runs as root with only CHOWN, SETUID and SETGID: it gives the
# spool and the repository directory to the data directory's owner, and
# scripts/pitr.sh runs pgBackRest as that owner. In Kubernetes it runs as that
# owner (999), and needs none of them.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/db-env.sh
source "$HERE/lib/db-env.sh"
# shellcheck source-path=SCRIPTDIR source=lib/pitr-config.sh
source "$HERE/lib/pitr-config.sh"
# shellcheck source-path=SCRIPTDIR source=lib/scheduling.sh
source "$HERE/lib/scheduling.sh"

SPOOL=${PITR_WAL_SPOOL:?PITR_WAL_SPOOL must name the directory the database archives into}
PUSH_SECONDS=${PITR_PUSH_SECONDS:-5}
PG_OWNER=$(stat -c %U -- "${PITR_PGDATA:?PITR_PGDATA must name the data directory}")

# Ships every complete spooled file (not a *.part being copied), in name
# order: WAL order. Listed as the owner: the spool is the owner's alone (700),
# and root here has no right to read what it does not own.
push_spooled() {
    local name names
    [[ -s "$PITR_CONFIG" ]] || return 0 # not set up yet
    names=$(as_owner find "$SPOOL" -maxdepth 1 -type f ! -name '*.part' -printf '%f\n' | sort) \
        || { stamp "cannot list $SPOOL"; return 1; }
    for name in $names; do
        as_owner pgbackrest --config="$PITR_CONFIG" --stanza="$PITR_STANZA" archive-push "$SPOOL/$name" \
            || { stamp "could not push $name to the repository; retrying"; return 1; }
        as_owner rm -f -- "$SPOOL/$name"
    done
}

push_loop() {
    while :; do
        push_spooled || true
        sleep "$PUSH_SECONDS"
    done
}

# The spool and the repository's directory belong to the data directory's
# owner; the database writes the spool, pgBackRest the repository.
# (chown needs only CHOWN; the owner sets the mode itself, root would need FOWNER).
# Running as the owner (Kubernetes), the volumes are already its group's (fsGroup).
prepare_dirs() {
    local dirs=("$SPOOL")
    if [[ "${PITR_REPO_TYPE:-posix}" == posix ]]; then dirs+=("${PITR_REPO_PATH:-/var/lib/pgbackrest}"); fi
    mkdir -p -- "${dirs[@]}"
    if ((EUID == 0)); then
        chown "$PG_OWNER:$PG_OWNER" -- "${dirs[@]}"
        as_owner chmod 700 -- "${dirs[@]}"
    fi
}

# --push-once in a container of its own (a Kubernetes restore Job) has no
# configuration from a setup: it is written from the same settings.
ensure_config() {
    [[ -s "$PITR_CONFIG" ]] && return 0
    resolve_pitr_env
    CONFIG_ARGS=("$PITR_PGDATA" "${DB_PORT:-5432}" "${PITR_PG_SOCKET:-/var/run/postgresql}" "$PG_OWNER")
    install_pitr_config
}

has_full_backup() { "$HERE/pitr.sh" info 2>/dev/null | grep -q 'full backup:'; }

main() {
    PITR_STANZA=${PITR_STANZA:-app}
    PITR_CONFIG=${PITR_CONFIG:?PITR_CONFIG must name a writable path (the image is read-only)}
    if [[ "${1:-}" == --push-once ]]; then
        ensure_config
        push_spooled
        return
    fi
    local schedule=yes
    case "${1:-}" in
        "") ;;
        --no-schedule) schedule=no ;;
        *) die 2 "usage: $0 [--push-once | --no-schedule]" ;;
    esac
    prepare_dirs
    push_loop &
    local pusher=$!
    trap 'kill "$pusher" 2>/dev/null; exit 143' TERM INT
    # Archiving reaches the repository only once setup has written the
    # configuration; until then the database keeps its WAL.
    until "$HERE/pitr.sh" setup; do
        stamp "setup failed; retrying in 30 s"
        sleep 30 &
        wait $! || true
    done
    # The service's health check: set up.
    touch "$(dirname -- "$PITR_CONFIG")/ready"
    if ! has_full_backup; then
        stamp "no full backup in the repository yet: taking one"
        # Through the scheduler, so its metrics record it.
        "$HERE/pitr-scheduler.sh" --once full || stamp "the first full backup failed; the schedule retries"
    fi
    if [[ "$schedule" == no ]]; then
        wait "$pusher"
        return
    fi
    "$HERE/pitr-scheduler.sh" &
    local scheduler=$!
    trap 'kill -TERM "$scheduler" 2>/dev/null; wait "$scheduler"; status=$?; kill "$pusher" 2>/dev/null; exit "$status"' TERM INT
    wait "$scheduler"
}

main "$@"

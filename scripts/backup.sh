#!/usr/bin/env bash
# Backs up the database to $BACKUP_DIR/backup_YYYYMMDD_HHMMSS.sql.gz (UTC) plus a
# sha256sum-format .sha256 beside it, and prints the backup's path on stdout.
#
#   scripts/backup.sh            (or `make backup`)
#
# The backup is a plain SQL dump (pg_dump --clean --if-exists --no-owner
# --no-privileges), so it restores into any database with psql, whoever owns it.
#
# Written so that a failure (disk full, database down, killed) never leaves a
# half-written file that looks like a backup, and never harms earlier backups:
# everything goes to a hidden temp file in the same directory, is fsynced and
# verified, and only then renamed into place (rename is atomic within a file
# system). On any failure the temp files are removed and the exit status is non-zero.
#
# Needs bash, pg_dump (same major version as the server or newer), gzip and GNU
# coreutils (sha256sum, sync FILE): Debian, or the postgres:15 (Debian) image;
# postgres:15-alpine lacks bash.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/db-env.sh
source "$HERE/lib/db-env.sh"

TMP_FILES=()
cleanup() {
    # Removes whatever was not renamed into place; harmless after success.
    if ((${#TMP_FILES[@]})); then rm -f -- "${TMP_FILES[@]}"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

prepare_dir() {
    mkdir -p -- "$BACKUP_DIR" 2>/dev/null || die "cannot create backup directory $BACKUP_DIR"
    [[ -w "$BACKUP_DIR" ]] || die "backup directory $BACKUP_DIR is not writable"
}

# A name not yet taken: two backups in the same second wait a second rather than
# overwrite each other.
next_name() {
    local name
    while :; do
        name="backup_$(date -u +%Y%m%d_%H%M%S).sql.gz"
        [[ -e "$BACKUP_DIR/$name" ]] || break
        sleep 1
    done
    printf '%s' "$name"
}

new_temp() {
    # Hidden (leading dot) so listings, retention and restore never pick it up.
    mktemp "$BACKUP_DIR/.$1.XXXXXX.tmp" 2>/dev/null \
        || die "cannot create a file in $BACKUP_DIR (disk full or not writable?)"
}

# pg_dump | gzip into $1. Tells a database problem from a write problem, because
# the operator's fix differs.
dump_to() {
    local out=$1 errlog status
    errlog=$(mktemp "${TMPDIR:-/tmp}/backup-err.XXXXXX")
    TMP_FILES+=("$errlog")
    set +e
    pg_dump --clean --if-exists --no-owner --no-privileges --no-password \
        "${DB_ARGS[@]}" 2>"$errlog" | gzip -c >"$out" 2>>"$errlog"
    local -a codes=("${PIPESTATUS[@]}")
    set -e
    status=0
    # gzip first: when it dies (disk full), pg_dump then fails too, on a broken pipe.
    if ((codes[1] != 0)); then
        log "could not write the backup to $BACKUP_DIR (disk full?):"
        sed 's/^/  /' "$errlog" >&2
        status=1
    elif ((codes[0] != 0)); then
        log "pg_dump failed for ${DB_LABEL}:"
        sed 's/^/  /' "$errlog" >&2
        status=1
    fi
    return "$status"
}

# Reads the file back from disk: the bytes renamed into place are known good.
verify_dump() {
    local file=$1 tail_text
    # One pass: gzip fails (and pipefail tells) on a cut-short or foreign file.
    tail_text=$(gzip -dc -- "$file" 2>/dev/null | tail -n 10) \
        || die "verification failed: $file is not a valid gzip file"
    [[ "$tail_text" == *"$DUMP_END_MARKER"* ]] \
        || die "verification failed: the dump in $file is incomplete"
}

# Flushes file data, then the directory entry, so a crash right after we report
# success cannot lose the backup.
flush() { sync -- "$@" 2>/dev/null || die "cannot flush $* to disk (disk full or I/O error?)"; }

main() {
    local repo_root started name dump sum size elapsed
    repo_root=$(cd "$HERE/.." && pwd)
    load_dotenv "$repo_root/.env"
    resolve_db_env
    BACKUP_DIR=${BACKUP_DIR:-$repo_root/backups}
    started=$(date +%s)

    prepare_dir
    name=$(next_name)
    dump=$(new_temp "$name"); TMP_FILES+=("$dump")
    sum=$(new_temp "$name.sha256"); TMP_FILES+=("$sum")

    log "backing up ${DB_LABEL} to $BACKUP_DIR/$name"
    dump_to "$dump" || die "backup failed; earlier backups are untouched"
    flush "$dump"
    verify_dump "$dump"
    # sha256sum format with the final name, so `sha256sum -c` works in $BACKUP_DIR.
    printf '%s  %s\n' "$(sha256sum <"$dump" | cut -d' ' -f1)" "$name" >"$sum" \
        || die "cannot write the checksum file in $BACKUP_DIR (disk full?)"
    flush "$sum"

    # The temp paths stay in TMP_FILES: once renamed they no longer exist, so the
    # clean-up's rm -f is a no-op for them.
    # The dump first: a crash between the renames leaves a backup without a
    # checksum, which restore refuses, rather than a checksum without a backup.
    chmod 600 "$dump" "$sum"
    mv -f -- "$dump" "$BACKUP_DIR/$name"
    mv -f -- "$sum" "$BACKUP_DIR/$name.sha256"
    flush "$BACKUP_DIR"

    size=$(wc -c <"$BACKUP_DIR/$name")
    elapsed=$(($(date +%s) - started))
    log "backup complete: $BACKUP_DIR/$name ($size bytes, ${elapsed}s)"
    printf '%s\n' "$BACKUP_DIR/$name"
}

main "$@"

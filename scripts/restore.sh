#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into the configured database.
#
#   scripts/restore.sh                  lists backups, asks which one, asks to confirm
#   scripts/restore.sh FILE             no questions (for scripts); FILE is a path or
#                                       a name in $BACKUP_DIR (`make restore-dump FILE=...`)
#   scripts/restore.sh --list           lists backups, newest first
#
# The database is left untouched unless the restore succeeds as a whole:
#   1. before the database is contacted, the backup's tag (.hmac) must verify
#      under BACKUP_SIGNING_KEY (lib/backup-signing.sh), and pg_restore must read
#      the whole archive without error;
#   2. pg_restore applies it in ONE transaction (--single-transaction
#      --exit-on-error), so any error (a bad statement, a dropped connection,
#      Ctrl-C) rolls everything back.
# With --clean --if-exists every object in the backup is dropped and recreated;
# objects created after the backup that it does not mention stay.
#
# Backups are pg_dump custom-format archives, restored with pg_restore: it sends
# their SQL to the server and never runs a client-side command, whereas psql
# runs backslash commands (\! runs a shell command) found in a plain SQL file.
# The plain SQL backups (.sql.gz) of earlier versions are therefore refused
# (docs/operations.md says how to restore one by hand). The file is opened once
# and every step reads that open file, so replacing it half way has no effect.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/db-env.sh
source "$HERE/lib/db-env.sh"
# shellcheck source-path=SCRIPTDIR source=lib/backup-signing.sh
source "$HERE/lib/backup-signing.sh"

usage() {
    cat >&2 <<EOF
usage: make restore-dump                 (asks which dump; needs a terminal)
       make restore-dump FILE=<dump>     (no questions)
       scripts/restore.sh [--list | FILE]
FILE is a path, or a name in $BACKUP_DIR such as backup_20250101_020000.dump.
EOF
}

# Backup names in $BACKUP_DIR, newest first (the names sort by their UTC time).
list_names() {
    local f
    [[ -d "$BACKUP_DIR" ]] || return 0
    for f in "$BACKUP_DIR"/backup_*.dump; do
        f=${f##*/}
        if [[ "$f" =~ $BACKUP_NAME_RE ]]; then printf '%s\n' "$f"; fi
    done | sort -r
}

# "backup_20250101_020000.dump" -> "2025-01-01 02:00:00 UTC"
name_date() {
    [[ "$1" =~ $BACKUP_NAME_RE ]] || return 0
    local d=${BASH_REMATCH[1]} t=${BASH_REMATCH[2]}
    printf '%s-%s-%s %s:%s:%s UTC' "${d:0:4}" "${d:4:2}" "${d:6:2}" "${t:0:2}" "${t:2:2}" "${t:4:2}"
}

human_size() {
    numfmt --to=iec --suffix=B "$1" 2>/dev/null || printf '%sB' "$1"
}

print_list() {
    local i=0 name
    while IFS= read -r name; do
        i=$((i + 1))
        printf '  %2d) %-34s %9s  %s\n' "$i" "$name" \
            "$(human_size "$(wc -c <"$BACKUP_DIR/$name")")" "$(name_date "$name")" >&2
    done < <(list_names)
    ((i > 0)) || log "no backups in $BACKUP_DIR"
    legacy_note
}

# Plain SQL backups of earlier versions are not listed: say so, once.
legacy_note() {
    local f count=0
    for f in "$BACKUP_DIR"/backup_*.sql.gz; do
        if [[ "${f##*/}" =~ $LEGACY_BACKUP_NAME_RE ]]; then count=$((count + 1)); fi
    done
    ((count == 0)) || log "($count plain SQL backup(s) of an earlier version (.sql.gz) not listed:" \
        "restore refuses them; docs/operations.md says how to restore one by hand)"
}

# A path as given, else a name in $BACKUP_DIR (the .dump suffix may be left off).
resolve_file() {
    local given=$1 candidate
    for candidate in "$given" "$BACKUP_DIR/$given" "$BACKUP_DIR/$given.dump" "$BACKUP_DIR/$given.sql.gz"; do
        if [[ -f "$candidate" ]]; then printf '%s' "$candidate"; return 0; fi
    done
    die "no such backup: $given (looked for it as a path and in $BACKUP_DIR)"
}

# A plain SQL backup of an earlier version: psql would run any backslash command
# in it, and nothing proves who wrote it. Refused, whatever its checksum says.
refuse_legacy() {
    local file=$1
    if [[ "$file" == *.sql.gz || "$file" == *.sql ]]; then
        die "$file is a plain SQL backup of an earlier version, which restore no longer" \
            "applies: psql would run any backslash command in it (\\! runs a shell command)," \
            "and it carries no tag to prove who made it. If you made it yourself and it never" \
            "left storage only you control, inspect it and restore it by hand (docs/operations.md," \
            "\"Backups from earlier versions\"); then take a new one with: make dump"
    fi
}

# Opens the backup once, on file descriptor BACKUP_FD; every later step reads it
# through SOURCE (/dev/fd/N opens the same file again from its start), so a file
# swapped in under the same name after the checks is never read.
open_backup() {
    exec {BACKUP_FD}<"$1" || die "cannot read $1"
    SOURCE=/dev/fd/$BACKUP_FD
}

# Everything here reads only the file: a bad backup is refused before the
# database is contacted.
verify_backup() {
    local file=$1 name tagfile expected="" actual errors
    name=$(basename -- "$file")
    tagfile=$file.hmac
    [[ -f "$tagfile" ]] \
        || die "no tag file $tagfile: refusing to restore a backup that cannot be authenticated"
    read -r expected _ <"$tagfile" || true
    [[ "$expected" =~ ^[0-9a-f]{64}$ ]] || die "$tagfile is not a backup tag (an HMAC-SHA256 in hex)"
    actual=$(backup_tag "$SOURCE" "$name") || die "cannot read $file"
    [[ "$actual" == "$expected" ]] \
        || die "authentication failed: $file does not match its tag $tagfile. It was changed or" \
            "renamed after it was made, or made with another BACKUP_SIGNING_KEY; refusing to restore it"
    # Authentic, but complete? pg_restore turns the whole archive into SQL, thrown
    # away unrun, and fails on a cut-short or damaged one.
    errors=$(pg_restore --format=custom --file=/dev/null -- "$SOURCE" 2>&1) \
        || die "$file is truncated or not a pg_dump custom-format archive: $errors"
}

# Interactive choice; prints the chosen file's path.
choose_file() {
    local -a names
    local answer
    mapfile -t names < <(list_names)
    ((${#names[@]})) || die "no backups in $BACKUP_DIR (make one with: make dump)"
    log "Backups in $BACKUP_DIR, newest first:"
    print_list
    read -r -p "Restore which backup? [1-${#names[@]}, Enter to cancel] " answer || answer=""
    if [[ ! "$answer" =~ ^[0-9]+$ ]] || ((10#$answer < 1 || 10#$answer > ${#names[@]})); then
        die "no backup chosen; nothing changed"
    fi
    printf '%s' "$BACKUP_DIR/${names[10#$answer - 1]}"
}

confirm() {
    local file=$1 answer
    log "This replaces the contents of ${DB_LABEL} with $(basename "$file")."
    read -r -p "Type the database name (${DB_TARGET_NAME}) to confirm: " answer || answer=""
    [[ "$answer" == "$DB_TARGET_NAME" ]] || die "not confirmed; nothing changed"
}

apply_backup() {
    local file=$1
    log "restoring $(basename "$file") into ${DB_LABEL} ..."
    # --single-transaction + --exit-on-error: all or nothing. Owners and grants
    # are left out, so the backup restores into a database whoever owns it.
    if ! pg_restore --format=custom --single-transaction --exit-on-error --clean --if-exists \
        --no-owner --no-privileges --no-password "${DB_ARGS[@]}" -- "$SOURCE"; then
        die "restore failed; the transaction was rolled back and ${DB_LABEL} is unchanged"
    fi
    log "restore complete: ${DB_LABEL} now holds $(basename "$file")"
}

KEY_NEEDED="restore verifies each backup's tag (.hmac) with the key the backup was made with, \
and refuses a backup it cannot verify. Set it as when the backup was made (docs/operations.md)"

main() {
    local repo_root file="${1:-}"
    repo_root=$(cd "$HERE/.." && pwd)
    load_dotenv "$repo_root/.env"
    resolve_db_env
    BACKUP_DIR=${BACKUP_DIR:-$repo_root/backups}

    case "$file" in
        -h | --help) usage; exit 0 ;;
        --list) print_list; exit 0 ;;
        -*) usage; exit 2 ;;
    esac
    (($# <= 1)) || { usage; exit 2; }

    if [[ -n "$file" ]]; then
        file=$(resolve_file "$file")
        refuse_legacy "$file"
        load_signing_key "$KEY_NEEDED"
        open_backup "$file"
        verify_backup "$file"
    else
        # Without FILE we must ask, and without a terminal nobody can answer.
        [[ -t 0 ]] || { log "error: no FILE given and no terminal to ask which backup"; usage; exit 2; }
        load_signing_key "$KEY_NEEDED"
        file=$(choose_file)
        open_backup "$file"
        verify_backup "$file"
        confirm "$file"
    fi
    apply_backup "$file"
}

main "$@"

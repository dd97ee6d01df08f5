#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into the configured database.
#
#   scripts/restore.sh                  lists backups, asks which one, asks to confirm
#   scripts/restore.sh FILE             no questions (for scripts); FILE is a path or
#                                       a name in $BACKUP_DIR (`make restore FILE=...`)
#   scripts/restore.sh --list           lists backups, newest first
#
# The database is left untouched unless the restore succeeds as a whole:
#   1. the checksum (.sha256) and the gzip stream are verified, and the dump must
#      end with pg_dump's completion marker, before the database is contacted;
#   2. the dump is applied in ONE transaction with ON_ERROR_STOP, so any error
#      (a bad statement, a dropped connection, Ctrl-C) rolls everything back.
# The dump was taken with --clean --if-exists: every object in it is dropped and
# recreated. Objects created after the backup that the dump does not mention stay.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/db-env.sh
source "$HERE/lib/db-env.sh"

usage() {
    cat >&2 <<EOF
usage: make restore                      (asks which backup; needs a terminal)
       make restore FILE=<backup>        (no questions)
       scripts/restore.sh [--list | FILE]
FILE is a path, or a name in $BACKUP_DIR such as backup_20250101_020000.sql.gz.
EOF
}

# Backup names in $BACKUP_DIR, newest first (the names sort by their UTC time).
list_names() {
    local f
    [[ -d "$BACKUP_DIR" ]] || return 0
    for f in "$BACKUP_DIR"/backup_*.sql.gz; do
        f=${f##*/}
        if [[ "$f" =~ $BACKUP_NAME_RE ]]; then printf '%s\n' "$f"; fi
    done | sort -r
}

# "backup_20250101_020000.sql.gz" -> "2025-01-01 02:00:00 UTC"
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
}

# A path as given, else a name in $BACKUP_DIR (the .sql.gz suffix may be left off).
resolve_file() {
    local given=$1 candidate
    for candidate in "$given" "$BACKUP_DIR/$given" "$BACKUP_DIR/$given.sql.gz"; do
        if [[ -f "$candidate" ]]; then printf '%s' "$candidate"; return 0; fi
    done
    die "no such backup: $given (looked for it as a path and in $BACKUP_DIR)"
}

# Everything here reads only the file: a bad backup is refused before the
# database is contacted.
verify_backup() {
    local file=$1 expected actual tail_text
    [[ -f "$file.sha256" ]] \
        || die "no checksum file $file.sha256: refusing to restore an unverifiable backup"
    expected=$(cut -d' ' -f1 <"$file.sha256")
    [[ "$expected" =~ ^[0-9a-f]{64}$ ]] || die "$file.sha256 is not a sha256sum checksum file"
    actual=$(sha256sum <"$file" | cut -d' ' -f1)
    [[ "$actual" == "$expected" ]] || die "checksum mismatch: $file is corrupt"
    # One pass: gzip fails (and pipefail tells) on a cut-short or foreign file.
    tail_text=$(gzip -dc -- "$file" 2>/dev/null | tail -n 10) \
        || die "$file is truncated or not gzip"
    [[ "$tail_text" == *"$DUMP_END_MARKER"* ]] \
        || die "$file is truncated: the dump lacks pg_dump's completion marker"
}

# Interactive choice; prints the chosen file's path.
choose_file() {
    local -a names
    local answer
    mapfile -t names < <(list_names)
    ((${#names[@]})) || die "no backups in $BACKUP_DIR (make one with: make backup)"
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
    # -X: no ~/.psqlrc; --single-transaction + ON_ERROR_STOP: all or nothing.
    if ! gzip -dc -- "$file" | psql -X --quiet --no-password --single-transaction \
        -v ON_ERROR_STOP=1 -f - "${DB_ARGS[@]}" >/dev/null; then
        die "restore failed; the transaction was rolled back and ${DB_LABEL} is unchanged"
    fi
    log "restore complete: ${DB_LABEL} now holds $(basename "$file")"
}

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
        verify_backup "$file"
    else
        # Without FILE we must ask, and without a terminal nobody can answer.
        [[ -t 0 ]] || { log "error: no FILE given and no terminal to ask which backup"; usage; exit 2; }
        file=$(choose_file)
        verify_backup "$file"
        confirm "$file"
    fi
    apply_backup "$file"
}

main "$@"

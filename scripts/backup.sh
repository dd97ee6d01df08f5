#!/usr/bin/env bash
# Backs up the database to $BACKUP_DIR/backup_YYYYMMDD_HHMMSS.dump (UTC) plus its
# tag, backup_YYYYMMDD_HHMMSS.dump.hmac, and prints the backup's path on stdout.
#
#   scripts/backup.sh            (or `make dump`)
#
# The backup is a pg_dump custom-format archive (pg_dump --format=custom,
# compressed), restored by scripts/restore.sh with pg_restore, which sends the
# archive's SQL to the server and, unlike psql, runs no client-side command.
# The tag is an HMAC-SHA256 under BACKUP_SIGNING_KEY (lib/backup-signing.sh):
# restore.sh refuses a backup whose tag does not verify. Without a key (or with
# one shorter than 32 characters) no backup is made.
#
# Written so that a failure (disk full, database down, killed) never leaves a
# half-written file that looks like a backup, and never harms earlier backups:
# everything goes to a hidden temp file in the same directory, is fsynced and
# verified, and only then renamed into place (rename is atomic within a file
# system). On any failure the temp files are removed and the exit status is non-zero.
#
# Needs bash, pg_dump and pg_restore (same major version as the server or newer)
# and GNU coreutils (sha256sum, od, sync FILE): Debian, or the postgres:15 (Debian)
# image; postgres:15-alpine lacks bash.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/db-env.sh
source "$HERE/lib/db-env.sh"
# shellcheck source-path=SCRIPTDIR source=lib/backup-signing.sh
source "$HERE/lib/backup-signing.sh"

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
        name="backup_$(date -u +%Y%m%d_%H%M%S).dump"
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

# pg_dump into $1 (a file, so the archive records where each table's data is).
# Tells a database problem from a write problem, because the operator's fix differs.
dump_to() {
    local out=$1 errlog
    errlog=$(mktemp "${TMPDIR:-/tmp}/backup-err.XXXXXX")
    TMP_FILES+=("$errlog")
    if pg_dump --format=custom --no-password --file="$out" "${DB_ARGS[@]}" 2>"$errlog"; then
        return 0
    fi
    # pg_dump's own write errors name its output file ("could not write to output
    # file: No space left on device"); anything else came from the database.
    if grep -q 'could not [a-z ]*output file' "$errlog"; then
        log "could not write the backup to $BACKUP_DIR (disk full?):"
    else
        log "pg_dump failed for ${DB_LABEL}:"
    fi
    sed 's/^/  /' "$errlog" >&2
    return 1
}

# Reads the file back from disk, every byte of it: pg_restore turns the whole
# archive into SQL (thrown away, nothing is run), which fails on a cut-short or
# damaged archive. The bytes renamed into place are known good.
verify_dump() {
    local file=$1 errors
    errors=$(pg_restore --format=custom --file=/dev/null -- "$file" 2>&1) \
        || die "verification failed: $file is not a complete pg_dump archive: $errors"
}

# Flushes file data, then the directory entry, so a crash right after we report
# success cannot lose the backup.
flush() { sync -- "$@" 2>/dev/null || die "cannot flush $* to disk (disk full or I/O error?)"; }

main() {
    local repo_root started name dump tag signature size elapsed
    repo_root=$(cd "$HERE/.." && pwd)
    load_dotenv "$repo_root/.env"
    resolve_db_env
    BACKUP_DIR=${BACKUP_DIR:-$repo_root/backups}
    load_signing_key "every backup is signed with it, and restore refuses unsigned ones." \
        "make init writes a random one into a new .env; to add one to yours:" \
        "echo \"BACKUP_SIGNING_KEY=\$(openssl rand -hex 32)\" >> .env (docs/operations.md)"
    started=$(date +%s)

    prepare_dir
    name=$(next_name)
    dump=$(new_temp "$name"); TMP_FILES+=("$dump")
    tag=$(new_temp "$name.hmac"); TMP_FILES+=("$tag")

    log "backing up ${DB_LABEL} to $BACKUP_DIR/$name"
    dump_to "$dump" || die "backup failed; earlier backups are untouched"
    flush "$dump"
    verify_dump "$dump"
    # Signed under its final name (the tag covers the name too).
    signature=$(backup_tag "$dump" "$name") || die "cannot read $dump back to sign it"
    printf '%s  %s\n' "$signature" "$name" >"$tag" \
        || die "cannot write the tag file in $BACKUP_DIR (disk full?)"
    flush "$tag"

    # The temp paths stay in TMP_FILES: once renamed they no longer exist, so the
    # clean-up's rm -f is a no-op for them.
    # The dump first: a crash between the renames leaves a backup without a
    # tag, which restore refuses, rather than a tag without a backup.
    chmod 600 "$dump" "$tag"
    mv -f -- "$dump" "$BACKUP_DIR/$name"
    mv -f -- "$tag" "$BACKUP_DIR/$name.hmac"
    flush "$BACKUP_DIR"

    size=$(wc -c <"$BACKUP_DIR/$name")
    elapsed=$(($(date +%s) - started))
    log "backup complete: $BACKUP_DIR/$name ($size bytes, ${elapsed}s)"
    printf '%s\n' "$BACKUP_DIR/$name"
}

main "$@"

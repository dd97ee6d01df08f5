# shellcheck shell=bash disable=SC2034  # the variables set here are read by the scripts that source it
# Shared by scripts/pitr.sh and the scheduled backups (sourced, not run).
#
# Continuous archiving and point-in-time recovery with pgBackRest. Every setting
# is a PITR_* variable (the environment, else .env; docs/operations.md lists
# them). They become a pgBackRest configuration file for each run, and
# `setup` and `restore` install it as PITR_CONFIG, which PostgreSQL's
# archive_command reads: the server runs it with its own environment, not ours.

# Runs a command as the data directory's owner, PG_OWNER (the caller sets it):
# pgBackRest reads and writes the data directory, and only its owner may.
as_owner() {
    if [[ $(id -un) == "$PG_OWNER" ]]; then "$@"; else runuser -u "$PG_OWNER" -- "$@"; fi
}

# Sets the PITR_* defaults and refuses settings that cannot work, before
# anything is touched.
resolve_pitr_env() {
    PITR_STANZA=${PITR_STANZA:-app}
    PITR_CONFIG=${PITR_CONFIG:-/etc/pgbackrest/pgbackrest.conf}
    PITR_REPO_TYPE=${PITR_REPO_TYPE:-posix}
    PITR_KEEP_FULL=${PITR_KEEP_FULL:-2}
    PITR_KEEP_DIFF=${PITR_KEEP_DIFF:-6}
    PITR_PROCESS_MAX=${PITR_PROCESS_MAX:-2}
    [[ "$PITR_STANZA" =~ ^[A-Za-z0-9_-]+$ ]] \
        || die "PITR_STANZA=$PITR_STANZA: use letters, digits, - and _ only"
    [[ "$PITR_KEEP_FULL" =~ ^[1-9][0-9]*$ ]] || die "PITR_KEEP_FULL=$PITR_KEEP_FULL: a number of full backups, at least 1"
    [[ "$PITR_KEEP_DIFF" =~ ^[1-9][0-9]*$ ]] || die "PITR_KEEP_DIFF=$PITR_KEEP_DIFF: a number of differential backups, at least 1"
    [[ -n "${PITR_CIPHER_PASS:-}" ]] \
        || die "PITR_CIPHER_PASS is not set: the repository is encrypted with it (make init writes one into a new .env; else: echo \"PITR_CIPHER_PASS=\$(openssl rand -hex 32)\" >> .env)"
    ((${#PITR_CIPHER_PASS} >= 32)) || die "PITR_CIPHER_PASS is too short: use at least 32 characters (openssl rand -hex 32)"
    case "$PITR_REPO_TYPE" in
        posix) PITR_REPO_PATH=${PITR_REPO_PATH:-/var/lib/pgbackrest} ;;
        s3) resolve_s3_env ;;
        *) die "PITR_REPO_TYPE=$PITR_REPO_TYPE: use posix (a directory) or s3 (S3-compatible object storage)" ;;
    esac
}

resolve_s3_env() {
    local name missing=()
    for name in PITR_S3_BUCKET PITR_S3_ENDPOINT PITR_S3_REGION PITR_S3_KEY PITR_S3_KEY_SECRET; do
        [[ -n "${!name:-}" ]] || missing+=("$name")
    done
    ((${#missing[@]} == 0)) || die "PITR_REPO_TYPE=s3 needs ${missing[*]}"
    PITR_REPO_PATH=${PITR_REPO_PATH:-/pgbackrest}
    PITR_S3_PORT=${PITR_S3_PORT:-443}
    PITR_S3_URI_STYLE=${PITR_S3_URI_STYLE:-host}
    [[ "$PITR_S3_URI_STYLE" == host || "$PITR_S3_URI_STYLE" == path ]] \
        || die "PITR_S3_URI_STYLE=$PITR_S3_URI_STYLE: use host (bucket.endpoint) or path (endpoint/bucket)"
    if [[ -n "${PITR_S3_CA_FILE:-}" && ! -r "$PITR_S3_CA_FILE" ]]; then
        die "PITR_S3_CA_FILE=$PITR_S3_CA_FILE is not a readable file"
    fi
}

# The configuration file's text. $1: the data directory, $2: the server's port,
# $3: its socket directory.
pitr_config_text() {
    cat <<EOF
# Written by scripts/pitr.sh from the PITR_* settings; edit those, not this file.
[global]
repo1-type=$PITR_REPO_TYPE
repo1-path=$PITR_REPO_PATH
repo1-cipher-type=aes-256-cbc
repo1-cipher-pass=$PITR_CIPHER_PASS
repo1-retention-full=$PITR_KEEP_FULL
repo1-retention-diff=$PITR_KEEP_DIFF
start-fast=y
process-max=$PITR_PROCESS_MAX
log-level-console=warn
log-level-stderr=off
log-level-file=off
EOF
    if [[ "$PITR_REPO_TYPE" == s3 ]]; then
        cat <<EOF
repo1-s3-bucket=$PITR_S3_BUCKET
repo1-s3-endpoint=$PITR_S3_ENDPOINT
repo1-storage-port=$PITR_S3_PORT
repo1-s3-region=$PITR_S3_REGION
repo1-s3-key=$PITR_S3_KEY
repo1-s3-key-secret=$PITR_S3_KEY_SECRET
repo1-s3-uri-style=$PITR_S3_URI_STYLE
EOF
        if [[ -n "${PITR_S3_CA_FILE:-}" ]]; then printf 'repo1-storage-ca-file=%s\n' "$PITR_S3_CA_FILE"; fi
    fi
    cat <<EOF

[$PITR_STANZA]
pg1-path=$1
pg1-port=$2
pg1-socket-path=$3
EOF
    # The superuser pgBackRest connects as, when it is not the OS user's
    # namesake (a container's POSTGRES_USER).
    if [[ -n "${PITR_PG_USER:-}" ]]; then printf 'pg1-user=%s\n' "$PITR_PG_USER"; fi
}

# Writes this run's configuration to a private file, RUN_CONFIG (removed on
# exit), for the data directory's owner. Arguments as pitr_config_text, then
# the owner. Only install_pitr_config touches PITR_CONFIG, the file
# archive_command reads: a run with other settings (a key being tried) must
# not change where the server archives.
write_run_config() {
    CONFIG_ARGS=("$@")
    RUN_CONFIG=$(mktemp "${TMPDIR:-/tmp}/pitr-pgbackrest.XXXXXX.conf") || die "cannot create a temporary file"
    trap 'rm -f -- "$RUN_CONFIG"' EXIT
    write_config_file "$RUN_CONFIG"
}

# Puts this run's configuration in place as PITR_CONFIG, atomically.
install_pitr_config() {
    local dir tmp
    dir=$(dirname -- "$PITR_CONFIG")
    mkdir -p -- "$dir" 2>/dev/null || die "cannot create $dir for PITR_CONFIG"
    tmp=$(mktemp "$dir/.pgbackrest.conf.XXXXXX") || die "cannot write in $dir (PITR_CONFIG)"
    write_config_file "$tmp"
    mv -f -- "$tmp" "$PITR_CONFIG"
}

# The configuration into $1 (made by mktemp: mode 600, for it holds the key),
# then given to the data directory's owner, who runs pgBackRest. Written, not
# copied: root in a container may lack the right to read a file it gave away.
write_config_file() {
    pitr_config_text "${CONFIG_ARGS[@]:0:3}" >"$1" || die "cannot write $1"
    if [[ $(id -un) != "${CONFIG_ARGS[3]}" ]]; then
        chown -- "${CONFIG_ARGS[3]}" "$1" || die "cannot give $1 to ${CONFIG_ARGS[3]}"
    fi
}

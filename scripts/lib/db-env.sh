# shellcheck shell=bash disable=SC2034  # the variables set here are read by the scripts that source it
# Shared by scripts/backup.sh, restore.sh and backup-scheduler.sh (sourced, not run).
#
# Resolves the PostgreSQL connection exactly as the app does (backend/src/config.rs):
# DATABASE_URL wins; otherwise DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME with
# the same defaults (127.0.0.1, 5432, postgres, empty, app). The result is handed to
# pg_dump/pg_restore through libpq's PG* variables and DB_ARGS, so the password never
# appears on a command line (where `ps` would show it) nor in a message.

# Loads the repository's .env like the app does (dotenvy): a variable already set in
# the environment wins over the file, so `DB_NAME=x make dump`, CI and containers
# behave predictably. BACKUP_ENV_FILE names another file (or a missing one, to ignore it).
load_dotenv() {
    local _de_file=${BACKUP_ENV_FILE:-$1} _de_name
    local -A _de_keep=()
    [[ -f "$_de_file" ]] || return 0
    # Remember the variables the file would overwrite ...
    while IFS= read -r _de_name; do
        if [[ -v "$_de_name" ]]; then _de_keep[$_de_name]=${!_de_name}; fi
    done < <(sed -nE 's/^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=.*/\2/p' "$_de_file")
    # ... source it (set -u off: the file may reference unset variables) ...
    set -a +u
    # shellcheck disable=SC1090
    source "$_de_file"
    set +a -u
    # ... and put the environment's values back.
    for _de_name in "${!_de_keep[@]}"; do
        printf -v "$_de_name" '%s' "${_de_keep[$_de_name]}"
        export "${_de_name?}"
    done
}

# Sets DB_ARGS (the connection arguments for pg_dump and pg_restore), DB_LABEL (a
# password-free description for messages) and DB_TARGET_NAME (the database name,
# which an operator types to confirm a restore).
resolve_db_env() {
    if [[ -n "${DATABASE_URL:-}" ]]; then
        # libpq understands postgres:// and postgresql:// URLs as a dbname argument.
        DB_ARGS=(--dbname="$DATABASE_URL")
        local rest=${DATABASE_URL#*://}
        rest=${rest#*@}                   # drop user:password@
        local hostport=${rest%%/*}
        DB_TARGET_NAME=$(url_decode "$(url_path_dbname "$rest")")
        DB_LABEL="database '${DB_TARGET_NAME}' on ${hostport:-localhost}"
    else
        export PGHOST=${DB_HOST:-127.0.0.1}
        export PGPORT=${DB_PORT:-5432}
        export PGUSER=${DB_USER:-postgres}
        # An empty password means "none": leave PGPASSWORD unset so ~/.pgpass still works.
        if [[ -n "${DB_PASSWORD:-}" ]]; then export PGPASSWORD=$DB_PASSWORD; fi
        DB_TARGET_NAME=${DB_NAME:-app}
        DB_ARGS=(--dbname="$DB_TARGET_NAME")
        DB_LABEL="database '${DB_TARGET_NAME}' on ${PGHOST}:${PGPORT}"
    fi
    # NOTICEs such as "table does not exist, skipping" from DROP ... IF EXISTS are noise.
    export PGOPTIONS="${PGOPTIONS:+$PGOPTIONS }-c client_min_messages=warning"
    export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-10}
}

# "host:5432/app?sslmode=require" -> "app"; an empty path means the user's name, as in libpq.
url_path_dbname() {
    local rest=$1 path=""
    if [[ "$rest" == */* ]]; then path=${rest#*/}; fi
    path=${path%%\?*}
    if [[ -z "$path" ]]; then
        local userinfo=${DATABASE_URL#*://}
        if [[ "$userinfo" == *@* ]]; then userinfo=${userinfo%%@*}; path=${userinfo%%:*}; else path=postgres; fi
    fi
    printf '%s' "$path"
}

url_decode() {
    local s=${1//+/ }
    printf '%b' "${s//%/\\x}"
}

# Messages go to stderr; stdout is kept for results other scripts read.
log() { printf '%s\n' "$*" >&2; }
die() {
    local status=1
    if [[ "${1:-}" =~ ^[0-9]+$ ]]; then status=$1; shift; fi
    printf 'error: %s\n' "$*" >&2
    exit "$status"
}

# Backups are named by their UTC start time, so sorting by name sorts by age.
# A backup is a pg_dump custom-format archive (.dump) with its tag (.dump.hmac).
BACKUP_NAME_RE='^backup_([0-9]{8})_([0-9]{6})\.dump$'
# Plain SQL backups of earlier versions (.sql.gz, with a .sha256): restore.sh
# refuses them; retention still ages them out.
LEGACY_BACKUP_NAME_RE='^backup_([0-9]{8})_([0-9]{6})\.sql\.gz$'

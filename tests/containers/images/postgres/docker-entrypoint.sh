#!/bin/bash
# The upstream entrypoint's contract, for `postgres` as the command:
# initialise an empty $PGDATA once, then run the server as postgres.
set -euo pipefail
if [[ "${1:-}" != postgres ]]; then exec "$@"; fi
if [[ "$(id -u)" == 0 ]]; then
    mkdir -p "$PGDATA" && chown postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
    exec gosu postgres "${BASH_SOURCE[0]}" "$@"
fi
# As the owner (a pod's runAsUser): the directory may come with a volume's
# group permissions (fsGroup), which the server refuses.
mkdir -p "$PGDATA" && chmod 700 "$PGDATA" 2>/dev/null || :
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
user=${POSTGRES_USER:-postgres}
database=${POSTGRES_DB:-$user}
if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
    pwfile=$(mktemp)
    printf '%s' "$POSTGRES_PASSWORD" > "$pwfile"
    initdb --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 -D "$PGDATA" >/dev/null
    rm -f "$pwfile"
    printf 'host all all all scram-sha-256\n' >> "$PGDATA/pg_hba.conf"
    printf "listen_addresses = '*'\n" >> "$PGDATA/postgresql.conf"
    # During initialisation the server listens on the socket only, so a
    # health check over TCP stays false until the real server is up.
    pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
    if [[ "$database" != postgres ]]; then
        psql -v ON_ERROR_STOP=1 --username "$user" --dbname postgres \
            -c "CREATE DATABASE \"$database\"" >/dev/null
    fi
    pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
    echo "PostgreSQL init process complete; ready for start up."
fi
exec "$@"

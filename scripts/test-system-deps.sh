#!/usr/bin/env bash
# The programs the test suites run, and the Debian/Ubuntu packages they come
# from: the one list `make test`, `make test-system-deps` and CI (.ci/run) use.
#
#   scripts/test-system-deps.sh [TOOL ...]
#
# Checks the named tools (default: every one below). When all are there it does
# nothing. When some are missing it installs their packages with apt-get if it
# runs as root where apt-get exists; anywhere else it names what is missing and
# the one command that installs it, and exits 1.
set -euo pipefail

# tool                          package
PACKAGES="
nginx                           nginx
envsubst                        gettext-base
testssl                         testssl.sh
chromium                        chromium
curl                            curl
redis-server                    redis-server
redis-cli                       redis-tools
psql                            postgresql-client
pg_dump                         postgresql-client
initdb                          postgresql
pgbackrest                      pgbackrest
openssl                         openssl
prometheus                      prometheus
promtool                        prometheus
prometheus-alertmanager         prometheus-alertmanager
amtool                          prometheus-alertmanager
prometheus-node-exporter        prometheus-node-exporter
prometheus-postgres-exporter    prometheus-postgres-exporter
prometheus-redis-exporter       prometheus-redis-exporter
prometheus-nginx-exporter       prometheus-nginx-exporter
"

declare -A package_of=()
tools=()
while read -r tool package; do
    [[ -n "$tool" ]] || continue
    package_of[$tool]=$package
    tools+=("$tool")
done <<<"$PACKAGES"

if (( $# )); then
    for tool in "$@"; do
        [[ -v "package_of[$tool]" ]] || { echo "error: $0: unknown tool $tool (not in its list)" >&2; exit 2; }
    done
    tools=("$@")
fi

# Also where Debian puts what a non-root PATH lacks: nginx (/usr/sbin) and
# PostgreSQL's server programs (initdb; the tests look there too).
installed() {
    local tool=$1 dir
    command -v "$tool" >/dev/null 2>&1 && return 0
    for dir in /usr/sbin /sbin /usr/lib/postgresql/*/bin; do
        [[ -x "$dir/$tool" ]] && return 0
    done
    return 1
}

missing_tools=()
missing_packages=()
for tool in "${tools[@]}"; do
    installed "$tool" && continue
    missing_tools+=("$tool")
    package=${package_of[$tool]}
    [[ " ${missing_packages[*]} " == *" $package "* ]] || missing_packages+=("$package")
done
(( ${#missing_tools[@]} )) || exit 0

if (( EUID == 0 )) && command -v apt-get >/dev/null 2>&1; then
    echo "Installing what the tests need: ${missing_packages[*]} (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_packages[@]}" >/dev/null
    exit 0
fi

{
    echo "error: the tests need programs that are not installed: ${missing_tools[*]}"
    echo "       (Debian/Ubuntu packages: ${missing_packages[*]}). Install them with:"
    echo
    echo "    sudo make test-system-deps"
    echo
    echo "       (as root on Debian/Ubuntu, \`make test\` installs them itself; elsewhere"
    echo "       install the equivalent packages with your system's package manager)"
} >&2
exit 1

#!/usr/bin/env bash
# Run by `make run` before it builds anything (and by run-native.sh before it
# starts anything): fails, naming each port and the setting that chooses it,
# when a port the app needs is invalid, used twice, or already taken (most
# likely by another `make run`, of this checkout or another one).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib/run-env.sh
source "$root/scripts/lib/run-env.sh"

# Something accepts connections on 127.0.0.1:$1. The API and the worker listen
# on every address by default, the SPA's server on 127.0.0.1: another instance
# answers there.
listening() {
    # shellcheck disable=SC2016 # $1 is the inner bash's argument
    timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

declare -A used_by=()
taken=()
while read -r port variable what; do
    if ! [[ "$port" =~ ^[0-9]{1,5}$ ]] || (( 10#$port < 1 || 10#$port > 65535 )); then
        echo "error: $variable=$port is not a port number (1-65535)" >&2
        exit 1
    fi
    if [[ -v "used_by[$port]" ]]; then
        echo "error: ${used_by[$port]} and $variable are both $port: one instance needs three different ports" >&2
        exit 1
    fi
    used_by[$port]=$variable
    if listening "$port"; then taken+=("$(printf '  %-5s  %s (%s)' "$port" "$variable" "$what")"); fi
done < <(app_ports)

if (( ${#taken[@]} )); then
    {
        echo "error: another instance of the app seems to be running (make run, here or in"
        echo "another checkout): these ports are already in use:"
        printf '%s\n' "${taken[@]}"
        echo "Stop it, or give this one other ports with the variables named (in .env or the environment)."
    } >&2
    exit 1
fi

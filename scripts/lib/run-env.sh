# shellcheck shell=bash disable=SC2034,SC2154  # the variables set here are read by the scripts that source it; they set root
# Shared by scripts/run-native.sh and scripts/check-ports.sh (sourced, not run;
# the caller sets `root`, the checkout).
#
# The settings `make run` uses, resolved as its processes resolve them: the API
# and the worker read .env without overriding the environment (dotenvy), and
# run-native.sh hands FRONTEND_PORT to the SPA's server. So: the environment,
# else .env, else the default.

# The value of setting $1: the environment's, else .env's (its last line, quotes
# removed), else $2.
env_or_dotenv() {
    local name=$1 default=$2 value=${!1:-}
    if [[ -z "$value" && -f "$root/.env" ]]; then
        value=$(sed -n "s/^$name=//p" "$root/.env" | tail -n 1)
        if [[ "$value" =~ ^\"(.*)\"$ || "$value" =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
    fi
    echo "${value:-$default}"
}

api_port=$(env_or_dotenv API_PORT 8000)
frontend_port=$(env_or_dotenv FRONTEND_PORT 3000)
worker_port=$(env_or_dotenv WORKER_METRICS_PORT 9100)

# The ports one instance listens on: "port variable what", one a line.
app_ports() {
    printf '%s API_PORT the API\n' "$api_port"
    printf '%s FRONTEND_PORT the SPA\n' "$frontend_port"
    printf "%s WORKER_METRICS_PORT the worker's metrics\n" "$worker_port"
}

# What `make run` prints once the API, the worker and the SPA all answer.
print_banner() {
    echo
    echo "  App:          http://localhost:$frontend_port"
    echo "  API:          http://localhost:$api_port/api/v1"
    echo "  Swagger UI:   http://localhost:$api_port/docs"
    echo "  OpenAPI:      http://localhost:$api_port/openapi.json"
    echo "  Metrics:      http://localhost:$api_port/metrics"
    echo "  Worker:       http://localhost:$worker_port/metrics"
    echo "  Superuser:    $(env_or_dotenv FIRST_SUPERUSER '(FIRST_SUPERUSER is not set)') (password in .env)"
    echo
}

#!/usr/bin/env bash
# Renders the reverse proxy's configuration into OUT_DIR for a native run:
#
#   scripts/render-nginx.sh OUT_DIR
#   nginx -t -p OUT_DIR -e stderr -c OUT_DIR/nginx.conf -g "pid OUT_DIR/nginx.pid;"
#
# It does what the official nginx image does at start-up with
# /etc/nginx/templates: envsubst on nginx/conf.d/*.template into conf.d/*.conf
# (dropping the .template suffix); nginx.conf and snippets/ are copied as they
# are. So the container and a native nginx (Debian's) run the same files.
#
# Variables (environment; defaults are the Docker Compose values):
#   API_UPSTREAM       backend:8000      the API, host:port; several, space-separated,
#                                        for more than one API process natively (in
#                                        Compose the service name resolves to each replica)
#   FRONTEND_UPSTREAM  frontend:3000     the SPA's server, host:port
#   SERVER_NAME        localhost         public host name(s), space-separated; the
#                                        first is the name the HTTP->HTTPS redirect
#                                        names, so it must be a plain host name
#   LISTEN_ADDRESS     0.0.0.0           address the proxy listens on
#   HTTP_PORT          80                plain HTTP (redirect, ACME challenges)
#   HTTPS_PORT         443               HTTPS + HTTP/2; the redirect's target
#   SSL_CERT_DIR       /etc/nginx/ssl    holds fullchain.pem and privkey.pem
#   ACME_WEBROOT       /var/www/certbot  certbot --webroot directory
#   NGINX_TEMP_DIR     /var/cache/nginx  writable; request bodies are buffered here
#   AUTH_RATE_LIMIT    5r/m              the strict zone on login, signup, recovery, reset
#   CLIENT_CONN_LIMIT  100               requests in progress at once per client address
#                                        (limit_conn on the public servers)
#   STATUS_PORT        8080              stub_status for the Prometheus exporter
#                                        (conf.d/status.conf.template); internal only
#
# Only these names are substituted, so nginx's own $variables survive; a
# template naming any other ${VARIABLE} is an error.
set -euo pipefail

out=${1:?usage: $0 OUT_DIR}
src="$(cd "$(dirname "$0")/../nginx" && pwd)"

VARS=(API_UPSTREAM FRONTEND_UPSTREAM SERVER_NAME LISTEN_ADDRESS HTTP_PORT HTTPS_PORT
      SSL_CERT_DIR ACME_WEBROOT NGINX_TEMP_DIR AUTH_RATE_LIMIT CLIENT_CONN_LIMIT STATUS_PORT)
: "${API_UPSTREAM:=backend:8000}"
: "${FRONTEND_UPSTREAM:=frontend:3000}"
: "${SERVER_NAME:=localhost}"
: "${LISTEN_ADDRESS:=0.0.0.0}"
: "${HTTP_PORT:=80}"
: "${HTTPS_PORT:=443}"
: "${SSL_CERT_DIR:=/etc/nginx/ssl}"
: "${ACME_WEBROOT:=/var/www/certbot}"
: "${NGINX_TEMP_DIR:=/var/cache/nginx}"
: "${AUTH_RATE_LIMIT:=5r/m}"
: "${CLIENT_CONN_LIMIT:=100}"
: "${STATUS_PORT:=8080}"
# The redirect names the first server name (nginx's $server_name): a catch-all
# (_), a wildcard or a regex there would make it https://_/... or worse.
read -r first_name _ <<<"$SERVER_NAME"
plain_host='^([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])$'
if [[ ! "${first_name:-}" =~ $plain_host ]]; then
    echo "SERVER_NAME: the first name ('$first_name') must be the public host name the" \
        "HTTP->HTTPS redirect names (no _, wildcard or regex first)" >&2
    exit 1
fi
# Several API addresses: one `server` line each in the upstream block.
API_UPSTREAM=$(echo "$API_UPSTREAM" | sed -E 's/^ +| +$//g; s/ +/;\n    server /g')
export "${VARS[@]}"

command -v envsubst >/dev/null || { echo "envsubst not found (apt-get install gettext-base)" >&2; exit 1; }

shell_format=""
for var in "${VARS[@]}"; do shell_format+="\${$var} "; done

mkdir -p "$out/conf.d" "$out/snippets"
cp "$src/nginx.conf" "$out/nginx.conf"
cp "$src"/snippets/*.conf "$out/snippets/"
for template in "$src"/conf.d/*.template; do
    # shellcheck disable=SC2016  # literal ${NAME} patterns, on purpose
    unknown=$(grep -o '\${[A-Za-z_][A-Za-z0-9_]*}' "$template" | sort -u |
        grep -vxF -f <(printf '${%s}\n' "${VARS[@]}") || true)
    if [[ -n "$unknown" ]]; then
        echo "$template: unknown template variable(s): $unknown" >&2
        exit 1
    fi
    name=$(basename "$template" .template)
    envsubst "$shell_format" <"$template" >"$out/conf.d/$name"
done
echo "nginx configuration rendered into $out"

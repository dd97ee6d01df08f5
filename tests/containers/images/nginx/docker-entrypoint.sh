#!/bin/sh
# The upstream image's template step (20-envsubst-on-templates.sh): each
# /etc/nginx/templates/NAME.template becomes $NGINX_ENVSUBST_OUTPUT_DIR/NAME,
# with only the variables set in the environment substituted.
set -eu
templates=${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}
output=${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}
suffix=${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}
if [ "${1:-}" = nginx ] && [ -d "$templates" ]; then
    # shellcheck disable=SC2016,SC2046 # literal ${NAME} patterns, one per variable name
    defined=$(printf '${%s} ' $(env | cut -d= -f1))
    for template in "$templates"/*"$suffix"; do
        [ -f "$template" ] || continue
        name=$(basename "$template" "$suffix")
        envsubst "$defined" < "$template" > "$output/$name"
        echo "$0: rendered $template to $output/$name"
    done
fi
exec "$@"

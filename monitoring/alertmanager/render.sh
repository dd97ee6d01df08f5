#!/bin/sh
# Renders Alertmanager's configuration from alertmanager.yml.template (next to
# this script) and the environment, since Alertmanager expands no variables:
#
#   ALERT_WEBHOOK_URL=https://hooks.example.com/alerts monitoring/alertmanager/render.sh OUT_FILE
#
# Environment:
#   ALERT_WEBHOOK_URL  required; http(s) URL that receives every alert (webhook)
#   SLACK_WEBHOOK_URL  optional; set and non-empty: every alert goes to Slack too
#   SLACK_CHANNEL      Slack channel (default #alerts)
#
# POSIX sh and sed only: it runs in the prom/alertmanager image (busybox, no
# envsubst) before Alertmanager starts (docker-compose.yml). Check the result
# with `amtool check-config OUT_FILE` (make test-alerts does).
set -eu

die() {
    printf 'render.sh: error: %s\n' "$*" >&2
    exit 1
}

[ "$#" -eq 1 ] || die "usage: $0 OUT_FILE"
out=$1
template="$(cd "$(dirname "$0")" && pwd)/alertmanager.yml.template"
[ -r "$template" ] || die "cannot read $template"

newline='
'

# check_url NAME VALUE: one line, http:// or https://. The value is never
# printed: a Slack webhook URL is a credential.
check_url() {
    case $2 in
        *"$newline"*) die "$1 must be a single line" ;;
        http://?* | https://?*) ;;
        *) die "$1 must be an http:// or https:// URL" ;;
    esac
}

# VALUE as the replacement of a sed `s|...|...|` that lands inside a
# single-quoted YAML string: ' doubled (YAML), then \ & and | escaped (sed).
sed_value() {
    printf '%s\n' "$1" | sed -e "s/'/''/g" -e 's/[\\&|]/\\&/g'
}

[ -n "${ALERT_WEBHOOK_URL:-}" ] ||
    die "ALERT_WEBHOOK_URL is not set: the URL Alertmanager POSTs every alert to (see .env.example)"
check_url ALERT_WEBHOOK_URL "$ALERT_WEBHOOK_URL"
case $ALERT_WEBHOOK_URL in
    *://*.invalid | *://*.invalid[:/]*)
        printf 'render.sh: warning: ALERT_WEBHOOK_URL points at an .invalid host:' >&2
        printf ' alerts are not delivered anywhere; set it in .env\n' >&2
        ;;
esac

slack=${SLACK_WEBHOOK_URL:-}
channel=${SLACK_CHANNEL:-#alerts}
if [ -n "$slack" ]; then
    check_url SLACK_WEBHOOK_URL "$slack"
    case $channel in *"$newline"*) die "SLACK_CHANNEL must be a single line" ;; esac
    # Keep the Slack blocks, drop their marker lines.
    blocks='/# >>> slack$/d
/# <<< slack$/d'
    receivers="webhook, slack"
else
    blocks='/# >>> slack$/,/# <<< slack$/d'
    receivers="webhook"
fi

# The Slack URL is a credential: only this user may read the file.
umask 077
tmp="$out.tmp.$$"
trap 'rm -f -- "$tmp"' EXIT
{
    echo "# Rendered by render.sh from alertmanager.yml.template: edit the template, not this file."
    # 1,/^$/d: the template's header, which describes the template.
    sed -e '1,/^$/d' -e "$blocks" \
        -e "s|[\$]{ALERT_WEBHOOK_URL}|$(sed_value "$ALERT_WEBHOOK_URL")|g" \
        -e "s|[\$]{SLACK_WEBHOOK_URL}|$(sed_value "$slack")|g" \
        -e "s|[\$]{SLACK_CHANNEL}|$(sed_value "$channel")|g" \
        "$template"
} >"$tmp"
if grep -n '[$]{[A-Za-z_][A-Za-z0-9_]*}' "$tmp" >&2; then
    die "$template names a placeholder this script does not fill (above)"
fi
mv -f -- "$tmp" "$out"
trap - EXIT
echo "render.sh: wrote $out (receivers: $receivers)"

# shellcheck shell=bash
# Authenticates backups (sourced by scripts/backup.sh and restore.sh, after
# lib/db-env.sh, whose log and die it uses).
#
# Beside each backup, backup.sh writes NAME.hmac: one line, "<tag>  NAME", where
# <tag> is HMAC-SHA256 under the signing key of NAME, a newline, then the file's
# bytes, in hex. The same value as
#
#   { printf '%s\n' NAME; cat NAME; } | openssl dgst -sha256 -hmac "$BACKUP_SIGNING_KEY"
#
# The name is covered so that an older backup, renamed, cannot pass for a newer
# one. restore.sh refuses a backup whose tag is missing or does not verify. A
# checksum could not do this: whoever can write the backup folder can rewrite
# a checksum too, but not a tag without the key, which is kept outside that
# folder (.env, the Compose environment, a Kubernetes Secret).
#
# The key: BACKUP_SIGNING_KEY, or BACKUP_SIGNING_KEY_FILE naming a file that
# holds it (a trailing newline is ignored); at least 32 characters; its bytes are
# the HMAC key, as with openssl's -hmac. The HMAC (RFC 2104) is computed here
# with sha256sum, so that the key never appears on a command line (where `ps`
# would show it): it only passes through bash's own printf and pipes.

# The HMAC block size of SHA-256, in bytes.
_SIGNING_BLOCK=64
_SIGNING_IPAD=
_SIGNING_OPAD=

# load_signing_key WHY...: reads the key, or dies saying WHY it is needed (and
# how to set it). The key is kept only as the HMAC's two padded blocks, and
# BACKUP_SIGNING_KEY is no longer exported: pg_dump, pg_restore and the like
# never see it.
load_signing_key() {
    local why="$*" key hex byte i pad
    if [[ -n "${BACKUP_SIGNING_KEY_FILE:-}" && -n "${BACKUP_SIGNING_KEY:-}" ]]; then
        die "both BACKUP_SIGNING_KEY and BACKUP_SIGNING_KEY_FILE are set: set one"
    fi
    if [[ -n "${BACKUP_SIGNING_KEY_FILE:-}" ]]; then
        [[ -f "$BACKUP_SIGNING_KEY_FILE" && -r "$BACKUP_SIGNING_KEY_FILE" ]] \
            || die "cannot read the backup signing key file $BACKUP_SIGNING_KEY_FILE (BACKUP_SIGNING_KEY_FILE)"
        key=$(<"$BACKUP_SIGNING_KEY_FILE")
    else
        key=${BACKUP_SIGNING_KEY:-}
    fi
    if [[ -v BACKUP_SIGNING_KEY ]]; then export -n BACKUP_SIGNING_KEY; fi
    [[ -n "$key" ]] || die "no backup signing key (BACKUP_SIGNING_KEY or BACKUP_SIGNING_KEY_FILE): $why"
    ((${#key} >= 32)) || die "the backup signing key (BACKUP_SIGNING_KEY) is shorter than 32 characters:" \
        "use a random one, such as the output of: openssl rand -hex 32"

    # The key's bytes in hex (od reads them from a pipe); hashed if longer than a block.
    hex=$(printf '%s' "$key" | od -An -v -tx1 | tr -d ' \n')
    if ((${#hex} > 2 * _SIGNING_BLOCK)); then
        hex=$(printf '%s' "$key" | sha256sum | cut -c1-64)
    fi
    while ((${#hex} < 2 * _SIGNING_BLOCK)); do hex+='00'; done
    _SIGNING_IPAD='' _SIGNING_OPAD=''
    for ((i = 0; i < 2 * _SIGNING_BLOCK; i += 2)); do
        byte=$((16#${hex:i:2}))
        printf -v pad '\\x%02x' $((byte ^ 0x36)); _SIGNING_IPAD+=$pad
        printf -v pad '\\x%02x' $((byte ^ 0x5c)); _SIGNING_OPAD+=$pad
    done
}

# backup_tag FILE NAME: prints the tag of FILE's bytes under the name NAME (see
# above); load_signing_key first. Fails if FILE cannot be read.
backup_tag() {
    local file=$1 name=$2 inner digest='' i
    [[ -n "$_SIGNING_IPAD" ]] || die "backup_tag: load_signing_key was not called"
    inner=$(set -o pipefail
        { printf '%b' "$_SIGNING_IPAD"; printf '%s\n' "$name"; cat -- "$file"; } | sha256sum) || return 1
    # The inner hash's 32 bytes, as printf escapes.
    for ((i = 0; i < 64; i += 2)); do digest+="\\x${inner:i:2}"; done
    { printf '%b' "$_SIGNING_OPAD"; printf '%b' "$digest"; } | sha256sum | cut -c1-64
}

# shellcheck shell=bash
# What the validators (scripts/validate-static.sh, validate-k8s.sh,
# validate-workflows.sh) share: their pinned PyPI tools in a virtualenv under
# VALIDATE_TOOLS_DIR (default ~/.cache/fullstack-rust/validate-tools), reused
# while the pins are unchanged, and one `ok`/`FAIL` line per check.
#
#   source scripts/lib/validate.sh
#   install_tools VENV_NAME "tool==1.0 other==2.0"   # sets VENV
#   check "what is checked" COMMAND...
#   expect_failure "what must be refused" COMMAND...
#   finish "kubernetes validation"                   # exits 1 if a check failed

TOOLS_DIR=${VALIDATE_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/fullstack-rust/validate-tools}
WORK=$(mktemp -d)
trap 'rm -rf -- "$WORK"' EXIT
FAILED=()

# install_tools NAME PINS: a virtualenv TOOLS_DIR/NAME holding PINS (a list of
# requirement specifiers); sets VENV.
install_tools() {
    VENV=$TOOLS_DIR/$1
    local pins=$2 pins_file=$TOOLS_DIR/$1.pins
    if [[ -x "$VENV/bin/python" && "$(cat "$pins_file" 2>/dev/null)" == "$pins" ]]; then
        return 0
    fi
    rm -rf -- "$VENV"
    mkdir -p -- "$TOOLS_DIR"
    if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
        # Debian's system Python ships venv separately.
        if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
            apt-get update -qq >/dev/null && apt-get install -y -qq python3-venv >/dev/null
            python3 -m venv "$VENV"
        else
            echo "error: python3 -m venv failed; install python3-venv" >&2
            exit 1
        fi
    fi
    # shellcheck disable=SC2086 # a list of requirement specifiers
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check $pins
    printf '%s' "$pins" >"$pins_file"
}

# check NAME COMMAND...: runs the command, prints one line, keeps its output on failure.
check() {
    local name=$1; shift
    if "$@" >"$WORK/out" 2>&1; then
        printf 'ok    %s\n' "$name"
    else
        printf 'FAIL  %s\n' "$name"
        sed 's/^/      /' "$WORK/out"
        FAILED+=("$name")
    fi
}

# expect_failure NAME COMMAND...: the command must fail (a check of the checks).
expect_failure() {
    local name=$1; shift
    if "$@" >"$WORK/out" 2>&1; then
        printf 'FAIL  %s (it succeeded)\n' "$name"
        sed 's/^/      /' "$WORK/out"
        FAILED+=("$name")
    else
        printf 'ok    %s\n' "$name"
    fi
}

# finish WHAT: the summary line; exits 1 if any check failed.
finish() {
    echo
    if ((${#FAILED[@]})); then
        echo "$1: ${#FAILED[@]} check(s) failed: ${FAILED[*]}"
        exit 1
    fi
    echo "$1 passed"
}

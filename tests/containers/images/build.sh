#!/usr/bin/env bash
# Builds the stand-in images (README.md) into the Docker engine that
# DOCKER_HOST names, which must be one the caller started: the images are
# tagged with upstream names.
#
#   tests/containers/images/build.sh CACHE_DIR
#
# CACHE_DIR keeps the debootstrap package cache and the build contexts; an
# image whose recipe hash matches its `standin.recipe` label is reused.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
CACHE=${1:?usage: build.sh CACHE_DIR}
mkdir -p "$CACHE/apt"
export DOCKER_BUILDKIT=0

log() { printf 'images: %s\n' "$*" >&2; }

# The Debian mirror apt is configured with (the only one reachable here).
debian_mirror() {
    local uri
    uri=$(grep -hoE '^URIs: *http[^ ]+/debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | sed 's/^URIs: *//')
    [[ -n "$uri" ]] || uri=$(grep -hoE '^deb +http[^ ]+/debian/? ' /etc/apt/sources.list 2>/dev/null | head -1 | awk '{print $2}')
    printf '%s' "${uri:-http://deb.debian.org/debian}"
}

# sha256 of the named files (paths relative to this folder or absolute) and of
# any extra words given after `--`.
recipe_hash() {
    local files=() extra=()
    while (($#)); do
        if [[ "$1" == -- ]]; then shift; extra=("$@"); break; fi
        files+=("$1"); shift
    done
    { if ((${#files[@]})); then (cd "$HERE" && find "${files[@]}" -type f -print0 | sort -z | xargs -0 sha256sum); fi
      printf '%s\n' "${extra[@]}"; } | sha256sum | cut -c1-16
}

has_image() { docker image inspect "$1" >/dev/null 2>&1; }

is_current() {
    [[ "$(docker image inspect -f '{{index .Config.Labels "standin.recipe"}}' "$1" 2>/dev/null)" == "$2" ]]
}

# Debian 12 root file systems, imported as standin/debian-NAME:HASH.
rootfs_image() {
    local name=$1 packages=$2 hash tag dir
    hash=$(recipe_hash -- "$name" "$packages" "debootstrap minbase bookworm")
    tag="standin/debian-$name:$hash"
    if has_image "$tag"; then printf '%s' "$tag"; return; fi
    dir="$CACHE/rootfs-$name"
    rm -rf "$dir"
    log "debootstrap $name (about a minute)"
    debootstrap --variant=minbase --cache-dir="$CACHE/apt" ${packages:+--include="$packages"} \
        bookworm "$dir" "$(debian_mirror)" >"$CACHE/debootstrap-$name.log" 2>&1 \
        || { tail -20 "$CACHE/debootstrap-$name.log" >&2; exit 1; }
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
    tar -C "$dir" -c . | docker import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["bash"]' - "$tag" >/dev/null
    rm -rf "$dir"
    printf '%s' "$tag"
}

dockerfile_arg() { sed -nE "s/^ARG $1=(.*)$/\\1/p" "$ROOT/backend/Dockerfile" | head -1; }

# The rust image's context: the host's toolchain, and every crate that
# backend/Cargo.lock, cargo-chef and cargo-watch need, vendored.
rust_context() {
    local ctx=$1 sysroot tools crate
    sysroot=$(rustc --print sysroot)
    mkdir -p "$ctx/toolchain"
    cp -a "$sysroot/bin" "$sysroot/lib" "$ctx/toolchain/"
    cp "$HERE/rust/Dockerfile" "$HERE/rust/config.toml" "$ctx/"
    tools=$(mktemp -d)
    mkdir -p "$tools/src" && echo 'fn main() {}' >"$tools/src/main.rs"
    cat >"$tools/Cargo.toml" <<TOML
[package]
name = "standin-build-tools"
version = "0.0.0"
edition = "2021"

[dependencies]
cargo-chef = "=$(dockerfile_arg CARGO_CHEF_VERSION)"
cargo-watch = "=$(dockerfile_arg CARGO_WATCH_VERSION)"
TOML
    cargo fetch --quiet --manifest-path "$tools/Cargo.toml"
    local syncs=(--sync "$ROOT/backend/Cargo.toml")
    for crate in cargo-chef-"$(dockerfile_arg CARGO_CHEF_VERSION)" cargo-watch-"$(dockerfile_arg CARGO_WATCH_VERSION)"; do
        cp -r "$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"$crate" | head -1)" "$tools/$crate"
        syncs+=(--sync "$tools/$crate/Cargo.toml")
    done
    cargo vendor --quiet --locked --manifest-path "$tools/Cargo.toml" "${syncs[@]}" "$ctx/vendor" >/dev/null
    rm -rf "$tools"
}

# The node image's context: the host's Node.js and npm, and an npm cache that
# holds every package of frontend/package-lock.json.
node_context() {
    local ctx=$1 node prefix work
    node=$(readlink -f "$(command -v node)")
    prefix=$(dirname "$(dirname "$node")")
    mkdir -p "$ctx"
    cp "$node" "$ctx/node"
    cp -a "$prefix/lib/node_modules/npm" "$ctx/npm"
    cp "$HERE/node/Dockerfile" "$ctx/"
    work=$(mktemp -d)
    cp "$ROOT/frontend/package.json" "$ROOT/frontend/package-lock.json" "$work/"
    (cd "$work" && npm ci --quiet --ignore-scripts --no-audit --no-fund --prefer-offline --cache "$ctx/npm-cache" >/dev/null)
    rm -rf "$work"
}

build_image() {
    local name=$1 base=$2 hash=$3 context=$4 tags=() tag
    mapfile -t tags <"$HERE/$name/tags"
    if is_current "${tags[0]}" "$hash"; then log "$name: current (${tags[*]})"; return; fi
    log "$name: building (${tags[*]})"
    local args=(build -q --force-rm --build-arg "BASE=$base" --label "standin.recipe=$hash")
    for tag in "${tags[@]}"; do args+=(-t "$tag"); done
    docker "${args[@]}" "$context" >"$CACHE/build-$name.log" 2>&1 \
        || { tail -30 "$CACHE/build-$name.log" >&2; log "$name: build failed"; exit 1; }
}

# An image whose context ASSEMBLE (a function) puts together first, in the
# cache folder; skipped, assembly included, while its hash is current.
build_assembled() {
    local name=$1 assemble=$2 base=$3 what=$4 hash=$5 ctx="$CACHE/context-$1"
    if is_current "$(head -1 "$HERE/$name/tags")" "$hash"; then log "$name: current"; return; fi
    log "$name: $what"
    rm -rf "$ctx"
    "$assemble" "$ctx"
    build_image "$name" "$base" "$hash" "$ctx"
    rm -rf "$ctx"
}

main() {
    local minbase full packages name
    packages=$(grep -vE '^\s*(#|$)' "$HERE/packages.txt" | paste -sd, -)
    minbase=$(rootfs_image minbase ca-certificates)
    full=$(rootfs_image full "$packages")
    build_image distroless-cc "$minbase" "$(recipe_hash distroless-cc -- "$minbase")" "$HERE/distroless-cc"
    for name in nginx-unprivileged nginx postgres redis prometheus alertmanager \
        postgres-exporter redis-exporter nginx-exporter node-exporter mailpit; do
        build_image "$name" "$full" "$(recipe_hash "$name" -- "$full")" "$HERE/$name"
    done

    build_assembled rust rust_context "$full" "vendoring the host's toolchain and the crates" \
        "$(recipe_hash rust -- "$full" "$(rustc --version)" "$(sha256sum <"$ROOT/backend/Cargo.lock")" \
            "$(dockerfile_arg CARGO_CHEF_VERSION)" "$(dockerfile_arg CARGO_WATCH_VERSION)")"
    build_assembled node node_context "$full" "copying Node.js and caching the npm packages" \
        "$(recipe_hash node -- "$full" "$(node --version)" "$(sha256sum <"$ROOT/frontend/package-lock.json")")"

    # Earlier recipes' root file systems. Not `docker image prune`: the
    # untagged images it removes include the classic builder's cache of the
    # project's build stages.
    docker images --format '{{.Repository}}:{{.Tag}}' | grep -E '^standin/debian-' \
        | grep -vxF -e "$minbase" -e "$full" | xargs -r docker rmi >/dev/null 2>&1 || true
}

main

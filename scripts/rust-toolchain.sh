#!/usr/bin/env bash
# Makes the Rust toolchain that rust-toolchain.toml pins available to rustup
# without a download, where a machine cannot download one but has the same
# release installed as `stable` (CI's machine, an offline one): rustup then
# finds it under the pinned name. Elsewhere it does nothing, and rustup
# installs the pinned toolchain on the first cargo command as usual.
#
#   scripts/rust-toolchain.sh
set -euo pipefail
cd "$(dirname "$0")/.."

pinned=$(sed -nE 's/^channel *= *"([^"]+)"$/\1/p' rust-toolchain.toml)
[[ -n "$pinned" ]] || { echo "error: rust-toolchain.toml names no channel" >&2; exit 1; }
command -v rustup >/dev/null || { echo "error: rustup is not installed (https://rustup.rs)" >&2; exit 1; }

host=$(RUSTUP_AUTO_INSTALL=0 rustc +stable -vV 2>/dev/null | sed -n 's/^host: //p' || true)
if rustup toolchain list | grep -q "^$pinned-"; then
    echo "Rust $pinned: installed ($(RUSTUP_AUTO_INSTALL=0 rustc --version))"
elif [[ -n "$host" && "$(RUSTUP_AUTO_INSTALL=0 rustc +stable --version)" == "rustc $pinned "* ]]; then
    # `rustup toolchain link` refuses release names, so the link is made
    # directly, as a second name for the stable toolchain's folder.
    toolchains=${RUSTUP_HOME:-$HOME/.rustup}/toolchains
    ln -s "stable-$host" "$toolchains/$pinned-$host"
    echo "Rust $pinned: the installed stable toolchain, now also named $pinned ($(RUSTUP_AUTO_INSTALL=0 rustc --version))"
else
    echo "Rust $pinned: not installed; rustup installs it on the first cargo command"
fi

#!/usr/bin/env bash
# Fetches chocolate-doom's source from Debian (apt-get source, Debian's
# patches applied) into build/doom-src/ (git-ignored: nothing from it is
# committed), and checks that the engine files the JOS build needs are
# there. Prints the source directory.
#
#   scripts/doom-fetch.sh            fetch once; later runs reuse it
#   DOOM_SRC=DIR scripts/doom-fetch.sh   somewhere else
#
# Needs a deb-src entry for bookworm main: as root, this script adds one
# and runs apt-get update when apt knows no chocolate-doom source package
# (scripts/deb-source.sh, shared with the other fetch scripts). Exits
# non-zero with a message when it cannot fetch.
set -euo pipefail
cd "$(dirname "$0")/.."

DEST=${DOOM_SRC:-$PWD/build/doom-src}
# The engine's files the build compiles (the rest of src/ is SDL, sound,
# networking and the setup tool, which JOS's platform layer replaces).
NEEDED="src/doom/d_main.c src/d_loop.c src/w_wad.c src/m_argv.c src/i_video.h src/i_system.h src/doomkeys.h"

DEB_SOURCE_TAG=doom-fetch
. scripts/deb-source.sh

complete() {
  [ -f "$DEST/VERSION" ] || return 1
  local f
  for f in $NEEDED; do [ -f "$DEST/$f" ] || return 1; done
}

if complete; then
  echo "$DEST"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "apt-get not found: fetching needs Debian (or set DOOM_SRC to an unpacked chocolate-doom 3.0 source tree with a VERSION file)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/doom-fetch.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
DSC=$(deb_source_fetch chocolate-doom "$WORK")
VERSION=$(sed -n 's/^Version:[[:space:]]*//p' "$DSC" | head -n 1)
dpkg-source --no-check -x "$DSC" "$WORK/src" >/dev/null || die "dpkg-source -x failed on $(basename "$DSC")"
rm -rf "$DEST"
mkdir -p "$(dirname "$DEST")"
mv "$WORK/src" "$DEST"
echo "$VERSION" > "$DEST/VERSION"
complete || die "chocolate-doom $VERSION lacks a file the build needs (one of: $NEEDED)"
say "chocolate-doom $VERSION in $DEST"
echo "$DEST"

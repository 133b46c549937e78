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
# (/etc/apt/sources.list.d/jos-deb-src.sources, copied from the deb entry
# of debian.sources) and runs apt-get update when apt knows no
# chocolate-doom source package. Exits non-zero with a message when it
# cannot fetch.
set -euo pipefail
cd "$(dirname "$0")/.."

DEST=${DOOM_SRC:-$PWD/build/doom-src}
DEB_SOURCES=/etc/apt/sources.list.d/debian.sources
JOS_SOURCES=/etc/apt/sources.list.d/jos-deb-src.sources
# The engine's files the build compiles (the rest of src/ is SDL, sound,
# networking and the setup tool, which JOS's platform layer replaces).
NEEDED="src/doom/d_main.c src/d_loop.c src/w_wad.c src/m_argv.c src/i_video.h src/i_system.h src/doomkeys.h"

die() { echo "doom-fetch: $*" >&2; exit 1; }
say() { echo "doom-fetch: $*" >&2; }

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
command -v dpkg-source >/dev/null 2>&1 || die "dpkg-source not found: apt-get install -y dpkg-dev"

known() { [ -n "$(apt-cache showsrc chocolate-doom 2>/dev/null)" ]; }

# A deb-src stanza for bookworm, copied from the deb one, if apt has none.
add_deb_src() {
  [ "$(id -u)" = 0 ] || die "apt knows no chocolate-doom source package and this is not root: add 'deb-src http://deb.debian.org/debian bookworm main' to apt's sources and run apt-get update"
  [ -f "$DEB_SOURCES" ] || die "no $DEB_SOURCES to copy a deb-src entry from: add a deb-src line for bookworm main"
  local uris signed
  uris=$(awk 'BEGIN { RS = ""; FS = "\n" } /Suites:[^\n]*bookworm([ \n]|$)/ { for (i = 1; i <= NF; i++) if ($i ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", $i); print $i; exit } }' "$DEB_SOURCES")
  signed=$(awk 'BEGIN { RS = ""; FS = "\n" } /Suites:[^\n]*bookworm([ \n]|$)/ { for (i = 1; i <= NF; i++) if ($i ~ /^Signed-By:/) { sub(/^Signed-By:[ \t]*/, "", $i); print $i; exit } }' "$DEB_SOURCES")
  [ -n "$uris" ] || die "$DEB_SOURCES has no bookworm stanza with URIs"
  say "adding $JOS_SOURCES (deb-src bookworm main)"
  { echo "Types: deb-src"; echo "URIs: $uris"; echo "Suites: bookworm"; echo "Components: main"; [ -z "$signed" ] || echo "Signed-By: $signed"; } > "$JOS_SOURCES"
}

if ! known; then
  grep -rqsE '^Types:.*deb-src' /etc/apt/sources.list.d/ || grep -qsE '^deb-src .* bookworm ' /etc/apt/sources.list || add_deb_src
  [ "$(id -u)" = 0 ] || die "apt has no source index: run apt-get update as root"
  say "apt-get update"
  apt-get update -qq || die "apt-get update failed (no network?)"
  known || die "apt knows no source package chocolate-doom after apt-get update (no deb-src for bookworm main?)"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/doom-fetch.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
say "apt-get source chocolate-doom"
(cd "$WORK" && apt-get source --download-only -qq chocolate-doom >&2 2>/dev/null) || die "apt-get source chocolate-doom failed (no network?)"
DSC=$(ls "$WORK"/chocolate-doom_*.dsc 2>/dev/null | head -n 1)
[ -n "$DSC" ] || die "no chocolate-doom_*.dsc after apt-get source"
VERSION=$(sed -n 's/^Version:[[:space:]]*//p' "$DSC" | head -n 1)
dpkg-source --no-check -x "$DSC" "$WORK/src" >/dev/null || die "dpkg-source -x failed on $(basename "$DSC")"
rm -rf "$DEST"
mkdir -p "$(dirname "$DEST")"
mv "$WORK/src" "$DEST"
echo "$VERSION" > "$DEST/VERSION"
complete || die "chocolate-doom $VERSION lacks a file the build needs (one of: $NEEDED)"
say "chocolate-doom $VERSION in $DEST"
echo "$DEST"

#!/usr/bin/env bash
# Makes QEMU's x86 TCG tests (tests/tcg/i386/ of Debian's qemu source package,
# with Debian's patches applied) available outside the repository, for the
# heavy suite in tests/heavy/test-i386/. Nothing here is committed.
#
#   scripts/fetch-qemu-tests.sh        prints the directory holding tests/tcg/
#
# Cache: ${JOS_CACHE:-$HOME/.cache/jos}/qemu-src
#   dl/                       the .dsc, orig and debian tarballs (apt-get source)
#   tests/tcg/i386/           test-i386.c, its headers and the i386 Makefile
#   tests/tcg/x86_64/         the x86_64 Makefile (how QEMU builds test-x86_64)
#   tests/tcg/Makefile.target the common CFLAGS/LDFLAGS
#   VERSION                   the source package version extracted
#
# Idempotent: once VERSION exists nothing is fetched again (delete the cache
# directory to refetch). Needs root only to add a deb-src entry or refresh
# apt's indexes; exits non-zero with a message when it cannot fetch.
set -euo pipefail

CACHE="${JOS_CACHE:-$HOME/.cache/jos}/qemu-src"
DEB_SOURCES=/etc/apt/sources.list.d/debian.sources
JOS_SOURCES=/etc/apt/sources.list.d/jos-deb-src.sources

die() { echo "fetch-qemu-tests: $*" >&2; exit 1; }
say() { echo "fetch-qemu-tests: $*" >&2; }

if [ -f "$CACHE/VERSION" ] && [ -f "$CACHE/tests/tcg/i386/test-i386.c" ]; then
  echo "$CACHE"
  exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script needs a Debian system"
command -v dpkg-source >/dev/null 2>&1 || die "dpkg-source not found: install dpkg-dev (apt-get install -y dpkg-dev)"

# Is a deb-src entry for bookworm configured (one-line or deb822 format)?
has_deb_src() {
  grep -qsE '^[[:space:]]*deb-src[[:space:]].*[[:space:]]bookworm[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list && return 0
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # A stanza counts when its Types include deb-src and it is not disabled.
    awk 'BEGIN { RS = ""; FS = "\n"; found = 0 }
         { types = 0; off = 0
           for (i = 1; i <= NF; i++) {
             if ($i ~ /^Types:.*deb-src/) types = 1
             if ($i ~ /^Suites:/ && $i !~ /[[:space:]]bookworm([[:space:]]|$)/) off = 1
             if ($i ~ /^Enabled:[[:space:]]*no/) off = 1
           }
           if (types && !off) found = 1 }
         END { exit found ? 0 : 1 }' "$f" && return 0
  done
  return 1
}

# Writes jos-deb-src.sources from the bookworm stanza of debian.sources.
add_deb_src() {
  [ -f "$DEB_SOURCES" ] || die "no deb-src entry and no $DEB_SOURCES to copy one from; add a deb-src line for bookworm main"
  local stanza
  stanza=$(awk 'BEGIN { RS = ""; FS = "\n" }
    { suites = ""; for (i = 1; i <= NF; i++) if ($i ~ /^Suites:/) suites = $i
      if (suites ~ /[[:space:]]bookworm([[:space:]]|$)/) { print; exit } }' "$DEB_SOURCES")
  [ -n "$stanza" ] || die "$DEB_SOURCES has no stanza for suite bookworm"
  local uris comps signed
  uris=$(printf '%s\n' "$stanza" | sed -n 's/^URIs:[[:space:]]*//p')
  comps=$(printf '%s\n' "$stanza" | sed -n 's/^Components:[[:space:]]*//p')
  signed=$(printf '%s\n' "$stanza" | sed -n 's/^Signed-By:[[:space:]]*//p')
  [ -n "$uris" ] || die "the bookworm stanza of $DEB_SOURCES has no URIs"
  say "adding $JOS_SOURCES (deb-src for bookworm ${comps:-main})"
  {
    echo "Types: deb-src"
    echo "URIs: $uris"
    echo "Suites: bookworm"
    echo "Components: ${comps:-main}"
    [ -z "$signed" ] || echo "Signed-By: $signed"
  } > "$JOS_SOURCES"
}

is_root() { [ "$(id -u)" = 0 ]; }

if ! has_deb_src; then
  is_root || die "no deb-src entry in apt's sources and not root: run this script as root once (it adds $JOS_SOURCES)"
  add_deb_src
  NEED_UPDATE=1
else
  NEED_UPDATE=0
fi

# apt knows the qemu source package once the Sources indexes are downloaded.
if [ "$NEED_UPDATE" = 1 ] || ! apt-cache showsrc qemu >/dev/null 2>&1 || [ -z "$(apt-cache showsrc qemu 2>/dev/null)" ]; then
  is_root || die "apt has no source index for qemu and we are not root: run 'apt-get update' as root (or this script)"
  say "apt-get update"
  apt-get update -qq || die "apt-get update failed (no network?)"
  [ -n "$(apt-cache showsrc qemu 2>/dev/null)" ] \
    || die "apt still knows no source package 'qemu' after apt-get update (no network, or no deb-src for main?)"
fi

mkdir -p "$CACHE/dl"
say "apt-get source --download-only qemu (into $CACHE/dl)"
(cd "$CACHE/dl" && apt-get source --download-only -qq qemu >&2) \
  || die "apt-get source --download-only qemu failed (no network?)"

DSC=$(ls -t "$CACHE"/dl/qemu_*.dsc 2>/dev/null | head -n 1)
[ -n "$DSC" ] || die "no qemu_*.dsc in $CACHE/dl after apt-get source"
VERSION=$(sed -n 's/^Version:[[:space:]]*//p' "$DSC" | head -n 1)

# Unpack with Debian's patches applied, keep tests/tcg only, drop the rest.
WORK=$(mktemp -d "$CACHE/unpack.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
say "dpkg-source -x $(basename "$DSC") (qemu $VERSION)"
dpkg-source --no-check -x "$DSC" "$WORK/src" >/dev/null \
  || die "dpkg-source -x failed on $DSC"
[ -f "$WORK/src/tests/tcg/i386/test-i386.c" ] || die "qemu $VERSION has no tests/tcg/i386/test-i386.c"

rm -rf "$CACHE/tests"
mkdir -p "$CACHE/tests/tcg"
cp -r "$WORK/src/tests/tcg/i386" "$CACHE/tests/tcg/i386"
[ ! -d "$WORK/src/tests/tcg/x86_64" ] || cp -r "$WORK/src/tests/tcg/x86_64" "$CACHE/tests/tcg/x86_64"
cp "$WORK/src/tests/tcg/Makefile.target" "$CACHE/tests/tcg/Makefile.target"
echo "$VERSION" > "$CACHE/VERSION"
say "qemu $VERSION: tests/tcg/i386 in $CACHE"
echo "$CACHE"

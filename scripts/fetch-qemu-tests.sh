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
# apt's indexes (scripts/deb-source.sh); exits non-zero with a message when
# it cannot fetch.
set -euo pipefail

DEB_SOURCE_TAG=fetch-qemu-tests
. "$(dirname "$0")/deb-source.sh"

CACHE="${JOS_CACHE:-$HOME/.cache/jos}/qemu-src"

if [ -f "$CACHE/VERSION" ] && [ -f "$CACHE/tests/tcg/i386/test-i386.c" ]; then
  echo "$CACHE"
  exit 0
fi

DSC=$(deb_source_fetch qemu "$CACHE/dl")
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

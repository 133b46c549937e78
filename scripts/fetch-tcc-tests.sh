#!/usr/bin/env bash
# Makes the tests2 suite of Debian's tcc source package (C programs with
# their expected output) available outside the repository, for the heavy
# suite in tests/heavy/tcc-tests2/ (docs/tcc-tests.md). Nothing here is
# committed.
#
#   scripts/fetch-tcc-tests.sh        prints the directory holding tests2/
#
# Cache: ${JOS_CACHE:-$HOME/.cache/jos}/tcc-src
#   dl/          the .dsc, orig and debian tarballs (apt-get source)
#   tests2/      tests/tests2 of the source, with Debian's patches applied
#   VERSION      the source package version extracted
#
# Idempotent: once VERSION exists nothing is fetched again (delete the cache
# directory to refetch). Exits non-zero with a message when it cannot fetch.
set -euo pipefail
DEB_SOURCE_TAG=fetch-tcc-tests
. "$(dirname "$0")/deb-source.sh"

CACHE="${JOS_CACHE:-$HOME/.cache/jos}/tcc-src"

if [ -f "$CACHE/VERSION" ] && [ -f "$CACHE/tests2/00_assignment.c" ]; then
  echo "$CACHE"
  exit 0
fi

DSC=$(deb_source_fetch tcc "$CACHE/dl")
VERSION=$(sed -n 's/^Version:[[:space:]]*//p' "$DSC" | head -n 1)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/jos-tcc-src.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
say "dpkg-source -x $(basename "$DSC") (tcc $VERSION)"
dpkg-source --no-check -x "$DSC" "$WORK/src" >/dev/null || die "dpkg-source -x failed on $DSC"
[ -f "$WORK/src/tests/tests2/Makefile" ] || die "tcc $VERSION has no tests/tests2"

rm -rf "$CACHE/tests2"
cp -r "$WORK/src/tests/tests2" "$CACHE/tests2"
echo "$VERSION" > "$CACHE/VERSION"
say "tcc $VERSION: tests2 in $CACHE"
echo "$CACHE"

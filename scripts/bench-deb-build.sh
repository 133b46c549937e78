#!/usr/bin/env bash
# npm run bench:deb-build: fetches two programs' sources from Debian (bzip2
# 1.0.8 and lua5.4 5.4.4, apt-get source, upstream files without Debian's
# packaging patches) into build/bench-deb-src/ and builds, for both boards
# and against JOS's C library:
#   build/bench-deb/ARCH/bzbench   userland/bench/deb/bzbench.c + bzip2's library
#   build/bench-deb/ARCH/lua       Lua's interpreter (runs userland/bench/deb/bench.lua)
# for ARCH x86_64 (pc) and riscv32 (esp32c3). `npm run bench -- real` runs
# them beside userland/bench's programs when they are there. They derive
# from third-party sources and stay out of git (build/ is ignored).
#
# Needs a deb-src entry for bookworm main: as root, this script adds one
# (scripts/deb-source.sh). Exits non-zero with a message when it cannot
# fetch or build.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=${BENCH_DEB_SRC:-$PWD/build/bench-deb-src}
OUT=$PWD/build/bench-deb
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

DEB_SOURCE_TAG=bench-deb-build
. scripts/deb-source.sh

# fetch PACKAGE DIR FILE: unpacks PACKAGE's source into SRC/DIR unless FILE
# is already there.
fetch() {
  local package=$1 dir=$2 file=$3 work dsc
  [ -f "$SRC/$dir/$file" ] && return 0
  work=$(mktemp -d "${TMPDIR:-/tmp}/bench-deb.XXXXXX")
  dsc=$(deb_source_fetch "$package" "$work")
  dpkg-source --no-check --skip-patches -x "$dsc" "$work/src" >/dev/null || die "dpkg-source -x failed on $(basename "$dsc")"
  rm -rf "${SRC:?}/$dir"
  mkdir -p "$SRC"
  mv "$work/src" "$SRC/$dir"
  rm -rf "$work"
  [ -f "$SRC/$dir/$file" ] || die "$package's source has no $file"
  say "$package in $SRC/$dir"
}

fetch bzip2 bzip2 bzlib.c
fetch lua5.4 lua src/lvm.c
for arch in x86_64 riscv32; do
  make -s -C userland -j"$JOBS" "build/$arch/lib/libc.a" "build/$arch/obj/libc/arch/$arch/crt0.o"
done
make -s -C userland/bench/deb -j"$JOBS" BZIP2="$SRC/bzip2" LUA="$SRC/lua/src" OUT="$OUT" LIBC_BUILD="$PWD/userland/build"
ls -l "$OUT"/*/bzbench "$OUT"/*/lua

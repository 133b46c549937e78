#!/usr/bin/env bash
# npm run doom:build: fetches chocolate-doom's source (scripts/doom-fetch.sh)
# and builds Doom with JOS's platform layer (userland/doom/) for the two
# boards and natively:
#   build/doom/x86_64/doom   for --board pc
#   build/doom/riscv32/doom  for --board esp32c3
#   build/doom/native/doom   the same source and platform layer on the host
# These derive from GPL sources and stay out of git (build/ is ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=$(scripts/doom-fetch.sh)
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
for arch in x86_64 riscv32; do
  make -s -C userland -j"$JOBS" "build/$arch/lib/libc.a" "build/$arch/obj/libc/arch/$arch/crt0.o"
done
make -s -C userland/doom -j"$JOBS" SRC="$SRC" OUT="$PWD/build/doom" LIBC_BUILD="$PWD/userland/build"
ls -l build/doom/*/doom

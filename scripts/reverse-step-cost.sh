#!/bin/bash
# Times reverse-stepi in gdb-multiarch against `jos run --gdb` (docs/debugging.md,
# "Reverse execution"): a program loops for about MILLIONS million
# instructions (in precise mode: a breakpoint is set) to a breakpoint in
# mark(), steps once, then reverse-steps twice; prints the wall time of the
# run to the breakpoint and of each reverse-stepi.
#   scripts/reverse-step-cost.sh pc|esp32c3 MILLIONS [PORT]
set -euo pipefail
board=${1:?board}; millions=${2:?millions}; port=${3:-$((40000 + RANDOM % 20000))}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cat > "$dir/spin.c" <<'C'
typedef unsigned long word;
volatile word sink;
void mark(void) { sink = sink + 1; }
int main(void) {
  for (word i = 0; i < LOOPS; i++) sink = sink + i;
  mark();
  return 0;
}
void _start(void) {
#if defined(__x86_64__)
  __asm__ volatile("syscall" : : "a"(60), "D"(main()) : "rcx", "r11", "memory");
#else
  register word a7 __asm__("a7") = 93;
  register word a0 __asm__("a0") = (word)main();
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
#endif
  for (;;) {}
}
C
# About 8 (x86_64) and 10 (rv32) instructions per iteration at -O0.
if [ "$board" = pc ]; then
  gcc -g -O0 -static -nostdlib -ffreestanding -fno-stack-protector -fno-pie -no-pie -fcf-protection=none -DLOOPS=$((millions * 1000000 / 8)) -o "$dir/spin" "$dir/spin.c"
else
  riscv64-unknown-elf-gcc -g -O0 -static -nostdlib -ffreestanding -fno-stack-protector -march=rv32imc -mabi=ilp32 -DLOOPS=$((millions * 1000000 / 10)) -o "$dir/spin" "$dir/spin.c"
fi
cat > "$dir/cmds.gdb" <<G
set pagination off
set confirm off
target remote 127.0.0.1:$port
break mark
shell date +%s.%N > $dir/t0
continue
stepi
shell date +%s.%N > $dir/t1
reverse-stepi
shell date +%s.%N > $dir/t2
reverse-stepi
shell date +%s.%N > $dir/t3
continue
G
JOS_NO_REBUILD=1 node "$root/bin/jos.js" run --board "$board" --clock virtual --log-level error --append quiet --timeout 3600 \
  --add "$dir/spin:/bin/spin" --gdb "$port" -S -- spin > "$dir/jos.out" 2> "$dir/jos.err" &
until grep -q listening "$dir/jos.err" 2>/dev/null; do sleep 0.2; done
gdb-multiarch -nx -batch -x "$dir/cmds.gdb" "$dir/spin" > "$dir/gdb.out" 2>&1
wait
t() { echo "$(cat "$dir/$2") - $(cat "$dir/$1")" | bc; }
echo "$board ${millions}M: to the breakpoint $(t t0 t1) s; reverse-stepi $(t t1 t2) s, then $(t t2 t3) s"

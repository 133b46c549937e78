/*
 * The program the replay tests debug (gdb-replay.test.ts): it reads its
 * input (recorded by `jos run --record`, given back by `--replay`) and
 * folds it into globals, so that gdb has a past with outside input in it.
 * Built with -g -O0 like gdb-target.c.
 */
#include "gdb-syscalls.h"

volatile int total;
volatile int chunks;

int fold(const char *text, long n) {
  int sum = 0;
  for (long i = 0; i < n; i++) sum = sum * 31 + text[i];
  return sum;
}

int main(void) {
  char buf[16];
  long n;
  while ((n = (long)syscall3(SYS_READ, 0, (word)buf, sizeof buf)) > 0) {
    total = total + fold(buf, n);
    chunks = chunks + 1;
  }
  syscall3(SYS_WRITE, 1, (word)"folded\n", 7);
  return total & 0x7f;
}

void _start(void) {
  syscall3(SYS_EXIT, (word)main(), 0, 0);
  for (;;) {
  }
}

/*
 * The program the gdb tests debug: freestanding (its own system calls), so
 * it builds with just gcc or riscv64-unknown-elf-gcc, with -g -O0 so that
 * gdb sees its lines, locals and the globals. A child calls add() too
 * (with other arguments), so that a breakpoint that stops in the child
 * would show; `spin`, set by gdb, keeps main busy for a Ctrl-C.
 */
#include "gdb-syscalls.h"

volatile int counter;
volatile int spin;

static void say(const char *text) {
  word n = 0;
  while (text[n] != 0) n++;
  syscall3(SYS_WRITE, 1, (word)text, n);
}

int add(int a, int b) {
  int sum = a + b;
  return sum;
}

int main(void) {
  if (syscall3(SYS_FORK, FORK_ARG, 0, 0) == 0) syscall3(SYS_EXIT, (word)add(100, 200) & 0, 0, 0);
  syscall3(SYS_WAIT4, (word)-1, 0, 0);
  int total = 0;
  for (int i = 1; i <= 4; i++) total = add(total, i);
  counter = total;
  say("counted\n");
  counter = counter + 1;
  while (spin != 0) counter = counter + 2;
  return total - 7;
}

void _start(void) {
  syscall3(SYS_EXIT, (word)main(), 0, 0);
  for (;;) {
  }
}

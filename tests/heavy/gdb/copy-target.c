/*
 * The program the copy watchpoint tests debug (gdb-boards.test.ts): the
 * kernel, not the program's own instructions, reads `outbox` (a write()
 * to a pipe) and writes then reads `inbox` (a read() from the pipe, a
 * write() to the console); only the last line's load is an instruction's.
 * Built with -g -O0 like gdb-target.c.
 */
#include "gdb-syscalls.h"

char outbox[8] __attribute__((aligned(8))) = "sent\n";
char inbox[8] __attribute__((aligned(8)));

int main(void) {
  int fds[2];
  syscall3(SYS_PIPE2, (word)fds, 0, 0);
  syscall3(SYS_WRITE, (word)fds[1], (word)outbox, 5);
  syscall3(SYS_READ, (word)fds[0], (word)inbox, 5);
  syscall3(SYS_WRITE, 1, (word)inbox, 5);
  return inbox[0] == 's' ? 4 : 1;
}

void _start(void) {
  syscall3(SYS_EXIT, (word)main(), 0, 0);
  for (;;) {
  }
}

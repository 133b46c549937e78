/*
 * The program the gdb tests debug: freestanding (its own system calls), so
 * it builds with just gcc or riscv64-unknown-elf-gcc, with -g -O0 so that
 * gdb sees its lines, locals and the globals. A child calls add() too
 * (with other arguments), so that a breakpoint that stops in the child
 * would show; `spin`, set by gdb, keeps main busy for a Ctrl-C.
 */
typedef unsigned long word;

static word syscall3(word n, word a, word b, word c) {
#if defined(__x86_64__)
  word ret;
  __asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return ret;
#else
  register word a7 __asm__("a7") = n;
  register word a0 __asm__("a0") = a;
  register word a1 __asm__("a1") = b;
  register word a2 __asm__("a2") = c;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a7), "r"(a1), "r"(a2) : "memory");
  return a0;
#endif
}

#if defined(__x86_64__)
#define SYS_WRITE 1
#define SYS_EXIT 60
#define SYS_WAIT4 61
#define SYS_FORK 57
#define FORK_ARG 0
#else
#define SYS_WRITE 64
#define SYS_EXIT 93
#define SYS_WAIT4 260
#define SYS_FORK 220 /* clone(SIGCHLD, 0, ...) */
#define FORK_ARG 17
#endif

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

/*
 * The gdb test programs' system calls (gdb-target.c, replay-target.c,
 * copy-target.c):
 * freestanding, so they build with just gcc or riscv64-unknown-elf-gcc.
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
#define SYS_READ 0
#define SYS_WRITE 1
#define SYS_EXIT 60
#define SYS_WAIT4 61
#define SYS_FORK 57
#define FORK_ARG 0
#define SYS_PIPE2 293
#else
#define SYS_READ 63
#define SYS_WRITE 64
#define SYS_EXIT 93
#define SYS_WAIT4 260
#define SYS_FORK 220 /* clone(SIGCHLD, 0, ...) */
#define FORK_ARG 17
#define SYS_PIPE2 59
#endif

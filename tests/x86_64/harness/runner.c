/*
 * Differential-test runner for the JOS x86_64 core: executes instruction
 * sequences natively on the host CPU. Compiled by the test at run time.
 *
 * stdin:  a stream of cases: u32 code length, code bytes, then the state
 *         block (STATE_SIZE bytes) and the data block (DATA_SIZE bytes).
 * stdout: per case, the state block after execution (status = signal number
 *         or 0) and the data block.
 * Code runs at CODE_ADDR followed by an absolute jump back to save_state;
 * data lives at DATA_ADDR; RSP points into a scratch stack above it.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CODE_ADDR 0x100000UL
#define DATA_ADDR 0x180000UL
#define DATA_SIZE 512
#define STATE_SIZE 544
#define MAX_CODE 256

/* State layout: gpr[16] @0, rflags @128, status @136, xmm[16] @160, mxcsr @416, x87 (fnsave) @432. */
unsigned char state[STATE_SIZE] __attribute__((aligned(16)));
uint64_t host_rsp;
uint64_t target;
static sigjmp_buf env;

extern void run_case(void);
extern void save_state(void);

__asm__(
    ".text\n"
    ".globl run_case\n"
    "run_case:\n"
    "  push %rbx; push %rbp; push %r12; push %r13; push %r14; push %r15\n"
    "  mov %rsp, host_rsp(%rip)\n"
    "  lea state(%rip), %rax\n"
    "  ldmxcsr 416(%rax)\n"
    "  frstor 432(%rax)\n"
    "  movdqu 160(%rax), %xmm0\n  movdqu 176(%rax), %xmm1\n  movdqu 192(%rax), %xmm2\n  movdqu 208(%rax), %xmm3\n"
    "  movdqu 224(%rax), %xmm4\n  movdqu 240(%rax), %xmm5\n  movdqu 256(%rax), %xmm6\n  movdqu 272(%rax), %xmm7\n"
    "  movdqu 288(%rax), %xmm8\n  movdqu 304(%rax), %xmm9\n  movdqu 320(%rax), %xmm10\n  movdqu 336(%rax), %xmm11\n"
    "  movdqu 352(%rax), %xmm12\n  movdqu 368(%rax), %xmm13\n  movdqu 384(%rax), %xmm14\n  movdqu 400(%rax), %xmm15\n"
    "  pushq 128(%rax)\n  popfq\n"
    "  mov 8(%rax), %rcx\n  mov 16(%rax), %rdx\n  mov 24(%rax), %rbx\n  mov 40(%rax), %rbp\n"
    "  mov 48(%rax), %rsi\n  mov 56(%rax), %rdi\n  mov 64(%rax), %r8\n  mov 72(%rax), %r9\n"
    "  mov 80(%rax), %r10\n  mov 88(%rax), %r11\n  mov 96(%rax), %r12\n  mov 104(%rax), %r13\n"
    "  mov 112(%rax), %r14\n  mov 120(%rax), %r15\n  mov 32(%rax), %rsp\n  mov 0(%rax), %rax\n"
    "  jmp *target(%rip)\n"
    ".globl save_state\n"
    "save_state:\n"
    "  mov %rax, state+0(%rip)\n  mov %rcx, state+8(%rip)\n  mov %rdx, state+16(%rip)\n  mov %rbx, state+24(%rip)\n"
    "  mov %rsp, state+32(%rip)\n  mov %rbp, state+40(%rip)\n  mov %rsi, state+48(%rip)\n  mov %rdi, state+56(%rip)\n"
    "  mov %r8, state+64(%rip)\n  mov %r9, state+72(%rip)\n  mov %r10, state+80(%rip)\n  mov %r11, state+88(%rip)\n"
    "  mov %r12, state+96(%rip)\n  mov %r13, state+104(%rip)\n  mov %r14, state+112(%rip)\n  mov %r15, state+120(%rip)\n"
    /* RFLAGS through the host stack: the test's stack is compared memory. */
    "  mov host_rsp(%rip), %rsp\n"
    "  pushfq\n  pop %rax\n  mov %rax, state+128(%rip)\n"
    "  movdqu %xmm0, state+160(%rip)\n  movdqu %xmm1, state+176(%rip)\n  movdqu %xmm2, state+192(%rip)\n"
    "  movdqu %xmm3, state+208(%rip)\n  movdqu %xmm4, state+224(%rip)\n  movdqu %xmm5, state+240(%rip)\n"
    "  movdqu %xmm6, state+256(%rip)\n  movdqu %xmm7, state+272(%rip)\n  movdqu %xmm8, state+288(%rip)\n"
    "  movdqu %xmm9, state+304(%rip)\n  movdqu %xmm10, state+320(%rip)\n  movdqu %xmm11, state+336(%rip)\n"
    "  movdqu %xmm12, state+352(%rip)\n  movdqu %xmm13, state+368(%rip)\n  movdqu %xmm14, state+384(%rip)\n"
    "  movdqu %xmm15, state+400(%rip)\n  stmxcsr state+416(%rip)\n"
    "  fnsave state+432(%rip)\n"
    "  mov host_rsp(%rip), %rsp\n"
    "  pop %r15; pop %r14; pop %r13; pop %r12; pop %rbp; pop %rbx\n"
    "  ret\n");

static void on_signal(int sig, siginfo_t *info, void *ctx) {
  (void)info;
  (void)ctx;
  siglongjmp(env, sig);
}

static int read_full(void *buf, size_t n) {
  unsigned char *p = buf;
  while (n > 0) {
    ssize_t r = read(0, p, n);
    if (r <= 0) return 0;
    p += r;
    n -= (size_t)r;
  }
  return 1;
}

int main(void) {
  unsigned char *code = mmap((void *)CODE_ADDR, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  unsigned char *data = mmap((void *)DATA_ADDR, 0x10000, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (code != (void *)CODE_ADDR || data != (void *)DATA_ADDR) {
    perror("mmap");
    return 2;
  }
  static unsigned char altstack[65536];
  stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
  sigaltstack(&ss, NULL);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigaction(SIGSEGV, &sa, NULL);
  sigaction(SIGBUS, &sa, NULL);
  sigaction(SIGFPE, &sa, NULL);
  sigaction(SIGILL, &sa, NULL);
  sigaction(SIGTRAP, &sa, NULL);
  setvbuf(stdout, NULL, _IOFBF, 1 << 20);
  target = CODE_ADDR;
  for (;;) {
    uint32_t len;
    if (!read_full(&len, 4)) break;
    if (len > MAX_CODE) return 3;
    if (!read_full(code, len)) return 3;
    /* jmp *0(%rip); .quad save_state */
    code[len] = 0xff;
    code[len + 1] = 0x25;
    memset(code + len + 2, 0, 4);
    uint64_t save = (uint64_t)(uintptr_t)save_state;
    memcpy(code + len + 6, &save, 8);
    if (!read_full(state, STATE_SIZE) || !read_full(data, DATA_SIZE)) return 3;
    __builtin___clear_cache((char *)code, (char *)code + len + 14);
    int sig = sigsetjmp(env, 1);
    if (sig == 0) {
      run_case();
      memset(state + 136, 0, 8);
    } else {
      uint64_t s = (uint64_t)sig;
      memcpy(state + 136, &s, 8);
    }
    fwrite(state, 1, STATE_SIZE, stdout);
    fwrite(data, 1, DATA_SIZE, stdout);
  }
  fflush(stdout);
  return 0;
}

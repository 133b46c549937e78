/* Ring 3: iretq into user mode, syscall/sysretq with swapgs and a kernel
 * stack from KERNEL_GS_BASE, the TSS.RSP0 stack switch on an interrupt
 * from ring 3, #PF with the U/S bit on a supervisor page, #GP for a
 * privileged instruction and for int n through a DPL-0 gate, wrfsbase. */
#include "rt.h"

#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_FMASK 0xc0000084
#define MSR_FS_BASE 0xc0000100
#define MSR_KERNEL_GS_BASE 0xc0000102

struct percpu {
  uint64_t kernel_stack; /* %gs:0 */
  uint64_t user_rsp;     /* %gs:8 */
};
static struct percpu cpu0;
static uint8_t kstack[8192] __attribute__((aligned(16)));
static uint8_t ustack[8192] __attribute__((aligned(16)));
uint64_t kernel_rsp;   /* enter_user's frame, for sys_exit */
uint64_t user_resume;  /* where a ring-3 fault continues */
static volatile uint64_t pf_error, pf_cs, pf_frame, gp_error, gp_cs, calls;
static volatile uint64_t sys_flags_seen;
static char outbuf[64];
static int outlen;

void enter_user(void (*entry)(void), void *stack);
void syscall_entry(void);

__asm__(
    ".globl enter_user\n"
    "enter_user:\n"
    "  push %rbx; push %rbp; push %r12; push %r13; push %r14; push %r15\n"
    "  mov %rsp, kernel_rsp(%rip)\n"
    "  pushq $0x1b\n  push %rsi\n  pushq $0x202\n  pushq $0x23\n  push %rdi\n"
    "  iretq\n"
    ".globl syscall_entry\n"
    "syscall_entry:\n"
    "  swapgs\n"
    "  mov %rsp, %gs:8\n"
    "  mov %gs:0, %rsp\n"
    "  cmp $60, %rax\n"
    "  je 1f\n"
    "  push %rcx\n  push %r11\n"
    "  mov %rax, %rdi\n  mov %r11, %rdx\n"
    "  call sys_dispatch\n"
    "  pop %r11\n  pop %rcx\n"
    "  mov %gs:8, %rsp\n"
    "  swapgs\n"
    "  sysretq\n"
    "1: swapgs\n"
    "  mov kernel_rsp(%rip), %rsp\n"
    "  pop %r15; pop %r14; pop %r13; pop %r12; pop %rbp; pop %rbx\n"
    "  ret\n");

/* sys_dispatch(nr, arg, user_rflags) */
uint64_t sys_dispatch(uint64_t nr, uint64_t arg, uint64_t rflags) {
  calls++;
  sys_flags_seen = rflags;
  if (nr == 1 && outlen < 63) outbuf[outlen++] = (char)arg;
  uint64_t f;
  __asm__ volatile("pushfq; pop %0" : "=r"(f));
  CHECK((f & 0x200) == 0); /* FMASK cleared IF */
  return nr * 100 + arg;
}

static inline uint64_t do_syscall(uint64_t nr, uint64_t arg) {
  uint64_t ret;
  __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "S"(arg) : "rcx", "r11", "memory");
  return ret;
}

__attribute__((interrupt)) static void on_pf(struct interrupt_frame *f, uint64_t e) {
  pf_error = e;
  pf_cs = f->cs;
  pf_frame = (uint64_t)f;
  f->rip = user_resume;
}
__attribute__((interrupt)) static void on_gp(struct interrupt_frame *f, uint64_t e) {
  gp_error = e;
  gp_cs = f->cs;
  f->rip = user_resume;
}

static uint64_t pt[2][512] __attribute__((aligned(4096)));
static volatile uint64_t user_results[8];

#define USER_FAULTING(insn, ...) \
  __asm__ volatile("lea 1f(%%rip), %%r11; mov %%r11, user_resume(%%rip);" insn "; 1:" __VA_ARGS__)

static void user_main(void) {
  user_results[0] = do_syscall(7, 5); /* 705 */
  do_syscall(1, 'h');
  do_syscall(1, 'i');
  uint16_t cs;
  __asm__ volatile("mov %%cs, %0" : "=r"(cs));
  user_results[1] = cs;
  USER_FAULTING("mov (%0), %%eax", ::"r"((1ull << 30) + 0x1000) : "rax", "r11", "memory");
  USER_FAULTING("hlt", ::: "r11");
  user_results[2] = gp_error + 1; /* 1: hlt gave #GP(0) */
  USER_FAULTING("int $0x81", ::: "r11");
  user_results[3] = gp_error;
  static volatile uint64_t tls[2] = {0x1111, 0x2222};
  __asm__ volatile("wrfsbase %0" ::"r"((uint64_t)tls));
  uint64_t v;
  __asm__ volatile("mov %%fs:8, %0" : "=r"(v));
  user_results[4] = v;
  do_syscall(60, 0);
}

int main(void) {
  idt_set(14, on_pf, 0xe, 0, 0);
  idt_set(13, on_gp, 0xe, 0, 0);
  idt_set(0x81, on_gp, 0xe, 0, 0); /* DPL 0: int 0x81 from ring 3 is #GP */
  idt_load();
  /* A supervisor-only 4 KiB page at 1 GiB + 0x1000. */
  uint64_t *pml4 = (uint64_t *)(read_cr3() & ~0xfffull);
  uint64_t *pdpt = (uint64_t *)(pml4[0] & ~0xfffull);
  pdpt[1] = (uint64_t)pt[0] | 7;
  pt[0][0] = (uint64_t)pt[1] | 7;
  pt[1][1] = (uint64_t)kstack | 3; /* no U */
  write_cr3(read_cr3());
  /* CR4.FSGSBASE for wrfsbase. */
  uint64_t cr4;
  __asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
  __asm__ volatile("mov %0, %%cr4" ::"r"(cr4 | (1 << 16)));

  cpu0.kernel_stack = (uint64_t)(kstack + sizeof kstack);
  wrmsr(MSR_KERNEL_GS_BASE, (uint64_t)&cpu0);
  wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
  wrmsr(MSR_STAR, (0x10ull << 48) | (0x08ull << 32));
  wrmsr(MSR_FMASK, 0x200);

  enter_user(user_main, ustack + sizeof ustack);

  CHECK(user_results[0] == 705);
  CHECK(outlen == 2 && outbuf[0] == 'h' && outbuf[1] == 'i');
  CHECK((sys_flags_seen & 0x200) != 0); /* user RFLAGS in r11 had IF */
  CHECK(user_results[1] == 0x23);
  CHECK(pf_error == 5 && pf_cs == 0x23); /* user read of a supervisor page */
  /* The frame was pushed on the TSS.RSP0 stack (top of RAM), not the user stack. */
  CHECK(pf_frame > (uint64_t)ustack + sizeof ustack + 0x100000);
  CHECK(user_results[2] == 1);
  CHECK(user_results[3] == 0x81 * 8 + 2 && gp_cs == 0x23);
  CHECK(user_results[4] == 0x2222);
  CHECK(rdmsr(MSR_FS_BASE) != 0);
  uint16_t cs;
  __asm__ volatile("mov %%cs, %0" : "=r"(cs));
  CHECK(cs == 0x08);
  return 0;
}

/* Exceptions through the IDT: #BP (int3, a trap), #UD (ud2), #DE (div by
 * 0), #GP(0) (wrmsr to an unknown MSR), int n through a trap gate, #PF with
 * CR2 and the error code (not present; write to read-only), A/D bits,
 * invlpg, and iretq back to a resume address. */
#include "rt.h"

static volatile int last_vector = -1;
static volatile uint64_t last_error, last_rip, last_cr2, last_flags;
volatile uint64_t resume_rip; /* where a fault handler continues */

/* Runs `insn` with resume_rip set to just after it. */
#define FAULTING(insn, ...) \
  __asm__ volatile("lea 1f(%%rip), %%r11; mov %%r11, resume_rip(%%rip);" insn "; 1:" __VA_ARGS__)

__attribute__((interrupt)) static void on_bp(struct interrupt_frame *f) {
  last_vector = 3;
  last_rip = f->rip;
}
__attribute__((interrupt)) static void on_int80(struct interrupt_frame *f) {
  last_vector = 0x80;
  last_rip = f->rip;
  last_flags = f->rflags;
}
#define FAULT_HANDLER(name, vec)                                          \
  __attribute__((interrupt)) static void name(struct interrupt_frame *f) { \
    last_vector = vec;                                                    \
    last_rip = f->rip;                                                    \
    f->rip = resume_rip;                                                  \
  }
#define FAULT_HANDLER_ERR(name, vec)                                                \
  __attribute__((interrupt)) static void name(struct interrupt_frame *f, uint64_t e) { \
    last_vector = vec;                                                              \
    last_error = e;                                                                 \
    last_rip = f->rip;                                                              \
    last_cr2 = read_cr2();                                                          \
    f->rip = resume_rip;                                                            \
  }
FAULT_HANDLER(on_de, 0)
FAULT_HANDLER(on_ud, 6)
FAULT_HANDLER_ERR(on_gp, 13)
FAULT_HANDLER_ERR(on_pf, 14)

static uint64_t pt[3][512] __attribute__((aligned(4096)));

int main(void) {
  idt_set(3, on_bp, 0xe, 3, 0);
  idt_set(6, on_ud, 0xe, 0, 0);
  idt_set(0, on_de, 0xe, 0, 0);
  idt_set(13, on_gp, 0xe, 0, 0);
  idt_set(14, on_pf, 0xe, 0, 0);
  idt_set(0x80, on_int80, 0xf, 3, 0);
  idt_load();

  uint64_t here;
  __asm__ volatile("lea 0f(%%rip), %0; int3; 0:" : "=r"(here));
  CHECK(last_vector == 3 && last_rip == here); /* a trap: RIP after int3 */

  FAULTING("lea 0f(%%rip), %0; 0: ud2", : "=r"(here)::"r11");
  CHECK(last_vector == 6 && last_rip == here); /* a fault: RIP of ud2 */

  last_vector = -1;
  FAULTING("xor %%edx, %%edx; xor %%ecx, %%ecx; mov $5, %%eax; div %%ecx", ::: "rax", "rcx", "rdx", "r11");
  CHECK(last_vector == 0);

  last_vector = -1;
  FAULTING("mov $0x12345, %%ecx; wrmsr", ::: "rcx", "r11");
  CHECK(last_vector == 13 && last_error == 0);

  /* A trap gate keeps IF; an interrupt gate clears it. */
  __asm__ volatile("sti; int $0x80; cli");
  CHECK(last_vector == 0x80 && (last_flags & 0x200) != 0);

  /* #PF: a 4 KiB page table under 1 GiB; page 5 not present, page 6 RW. */
  uint64_t *pml4 = (uint64_t *)(read_cr3() & ~0xfffull);
  uint64_t *pdpt = (uint64_t *)(pml4[0] & ~0xfffull);
  uint64_t saved = pdpt[1];
  pdpt[1] = (uint64_t)pt[0] | 3;
  pt[0][0] = (uint64_t)pt[1] | 3;
  pt[1][5] = 0;
  pt[1][6] = (uint64_t)pt[2] | 3;
  write_cr3(read_cr3());
  uint64_t p = (1ull << 30) + 0x5008;
  last_vector = -1;
  FAULTING("mov (%0), %%eax", ::"r"(p) : "rax", "r11", "memory");
  CHECK(last_vector == 14 && last_cr2 == p && last_error == 0); /* read, not present */
  FAULTING("movl $1, (%0)", ::"r"(p) : "r11", "memory");
  CHECK(last_vector == 14 && last_error == 2); /* write, not present */

  volatile uint32_t *q = (uint32_t *)((1ull << 30) + 0x6010);
  last_vector = -1;
  *q = 0x1234;
  CHECK(last_vector == -1 && ((volatile uint32_t *)pt[2])[4] == 0x1234);
  CHECK((pt[1][6] & 0x60) == 0x60); /* accessed + dirty */
  pt[1][6] &= ~2ull;                /* now read-only */
  __asm__ volatile("invlpg (%0)" ::"r"(q) : "memory");
  FAULTING("movl $7, (%0)", ::"r"(q) : "r11", "memory");
  CHECK(last_vector == 14 && last_error == 3 && last_cr2 == (uint64_t)q); /* write, protection */
  CHECK(*q == 0x1234);

  /* NX: executing from a no-execute page faults with I/D set. */
  pt[1][6] |= 2ull | (1ull << 63);
  __asm__ volatile("invlpg (%0)" ::"r"(q) : "memory"); /* rights increased: flush the stale entry */
  ((volatile uint8_t *)q)[0] = 0xc3;                   /* ret */
  last_vector = -1;
  FAULTING("jmp *%0", ::"r"(q) : "r11", "memory");
  CHECK(last_vector == 14 && (last_error & 0x10) != 0 && last_cr2 == (uint64_t)q);

  pdpt[1] = saved;
  write_cr3(read_cr3());

  /* A 1 GiB page: PML4[1] -> PDPT entry with PS mapping physical 0 at
   * 512 GiB; reads through it see the identity-mapped data. */
  static uint64_t pdpt1[512] __attribute__((aligned(4096)));
  pdpt1[0] = 0x83; /* present, writable, PS: physical 0..1 GiB */
  pml4[1] = (uint64_t)pdpt1 | 3;
  write_cr3(read_cr3());
  static volatile uint64_t probe = 0x1122334455667788ull;
  volatile uint64_t *alias = (uint64_t *)((1ull << 39) + (uint64_t)&probe);
  CHECK(*alias == 0x1122334455667788ull);
  *alias = 7;
  CHECK(probe == 7);
  CHECK((pdpt1[0] & 0x60) == 0x60); /* accessed and dirty on the 1 GiB leaf */
  pml4[1] = 0;
  write_cr3(read_cr3());

  /* lretq to the same privilege level: pops RIP, then CS. */
  uint64_t out = 0;
  __asm__ volatile("pushq $0x08; lea 1f(%%rip), %%rax; push %%rax; lretq; 1: mov $42, %0" : "=r"(out)::"rax", "memory");
  CHECK(out == 42);
  return 0;
}

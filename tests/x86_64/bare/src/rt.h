/* Runtime of the bare-metal x86_64 tests: console (port 0xE9), exit via
 * tohost, descriptor-table helpers, and CHECK() for assertions. */
#ifndef RT_H
#define RT_H
#include <stdint.h>

struct interrupt_frame {
  uint64_t rip, cs, rflags, rsp, ss;
};

void rt_putc(char c);
void rt_puts(const char *s);
void rt_puthex(uint64_t v);
__attribute__((noreturn)) void rt_exit(int code);

/* Installs an interrupt gate (type 0xE) or trap gate (0xF) in the IDT. */
void idt_set(int vector, void *handler, int type, int dpl, int ist);
void idt_load(void);

static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" ::"a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) {
  uint8_t v;
  __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
  return v;
}
static inline uint64_t read_cr2(void) {
  uint64_t v;
  __asm__ volatile("mov %%cr2, %0" : "=r"(v));
  return v;
}
static inline uint64_t read_cr3(void) {
  uint64_t v;
  __asm__ volatile("mov %%cr3, %0" : "=r"(v));
  return v;
}
static inline void write_cr3(uint64_t v) { __asm__ volatile("mov %0, %%cr3" ::"r"(v) : "memory"); }
static inline void wrmsr(uint32_t msr, uint64_t v) {
  __asm__ volatile("wrmsr" ::"c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}
static inline uint64_t rdmsr(uint32_t msr) {
  uint32_t lo, hi;
  __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
  return ((uint64_t)hi << 32) | lo;
}

extern int rt_failures;
#define CHECK(cond)                                                      \
  do {                                                                   \
    if (!(cond)) {                                                       \
      rt_puts("FAIL " __FILE__ ":");                                     \
      rt_puthex(__LINE__);                                               \
      rt_puts(" " #cond "\n");                                           \
      rt_failures++;                                                     \
    }                                                                    \
  } while (0)

#endif

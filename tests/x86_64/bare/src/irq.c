/* External interrupts: the 8259A pair remapped to 0x20, the 8254 PIT at
 * 1 kHz on IRQ 0, hlt waking on each tick, EOI, cli masking, and the TSC
 * advancing with virtual time. */
#include "rt.h"

static volatile int ticks;
static volatile uint64_t tick_flags;

__attribute__((interrupt)) static void on_timer(struct interrupt_frame *f) {
  ticks++;
  tick_flags = f->rflags;
  outb(0x20, 0x20); /* EOI */
}

static inline uint64_t rdtsc(void) {
  uint32_t lo, hi;
  __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
  return ((uint64_t)hi << 32) | lo;
}

int main(void) {
  idt_set(0x20, on_timer, 0xe, 0, 0);
  idt_load();
  /* ICW1-4: edge, cascade, ICW4; vectors 0x20/0x28; slave on IR2; 8086. */
  outb(0x20, 0x11); outb(0xa0, 0x11);
  outb(0x21, 0x20); outb(0xa1, 0x28);
  outb(0x21, 0x04); outb(0xa1, 0x02);
  outb(0x21, 0x01); outb(0xa1, 0x01);
  /* outsb/insb: the master's mask register (OCW1) reads back what was written. */
  {
    static const uint8_t out[1] = {0x5a};
    static uint8_t in[2];
    const uint8_t *po = out;
    uint8_t *pi = in;
    uint64_t n = 1;
    __asm__ volatile("rep outsb" : "+S"(po), "+c"(n) : "d"(0x21) : "memory");
    n = 2;
    __asm__ volatile("rep insb" : "+D"(pi), "+c"(n) : "d"(0x21) : "memory");
    CHECK(in[0] == 0x5a && in[1] == 0x5a && po == out + 1 && pi == in + 2);
  }
  outb(0x21, 0xfe); outb(0xa1, 0xff); /* only IRQ 0 */
  /* PIT channel 0, lo/hi, mode 2, 1193 -> ~1 kHz. */
  outb(0x43, 0x34);
  outb(0x40, 1193 & 0xff);
  outb(0x40, 1193 >> 8);
  uint64_t t0 = rdtsc();
  __asm__ volatile("sti");
  while (ticks < 5) __asm__ volatile("hlt");
  __asm__ volatile("cli");
  uint64_t t1 = rdtsc();
  CHECK(ticks >= 5);
  CHECK((tick_flags & 0x200) != 0);
  /* About 5 ms of virtual time at 1 ns per TSC tick. */
  /* 4-5 ms of virtual time at 1 ns per TSC tick (programming the PIT
   * raises OUT0, which the edge-triggered PIC may already have latched). */
  CHECK(t1 - t0 >= 3900000 && t1 - t0 < 6000000);
  int before = ticks;
  for (volatile int i = 0; i < 300000; i++) {
  }
  CHECK(ticks == before); /* cli: no interrupt taken */
  __asm__ volatile("sti; nop; cli");
  CHECK(ticks == before + 1); /* the pending tick arrives after sti's shadow */
  return 0;
}
